using System.Security.Claims;

namespace SoKet.Bot.Protocol.Auth;

/// <summary>Validates the Authorization header of a channel's request against the activity it carries.</summary>
public interface IInboundAuthenticator
{
    Task<AuthenticationOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

public sealed record AuthenticationOutcome(bool Succeeded, ClaimsIdentity? Identity, string? FailureReason)
{
    public static AuthenticationOutcome Success(ClaimsIdentity identity) => new(true, identity, null);
    public static AuthenticationOutcome Fail(string reason) => new(false, null, reason);
}
