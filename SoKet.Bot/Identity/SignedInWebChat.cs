using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SoKet.Bot.People;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Identity;

/// <summary>
/// The web chat's user: in local mode the single local operator; otherwise the person signed in with the sign-in
/// cookie (OpenID Connect or a SoKet account), as "p-{person id}" so the turn finds the same Person as in Teams.
/// Nobody signed in gets no token, only where to sign in.
/// </summary>
internal sealed class SignedInWebChat(LocalMode localMode, SignInSessions sessions, IOptions<SignInOptions> options, IAntiforgery antiforgery)
    : IWebChatIdentity
{
    public async Task<(WebChatSession? Session, WebChatRefusal? Refusal)> IdentifyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (localMode.IsActive)
            return (new WebChatSession(LocalMode.WebChatOperatorId, null), null);
        if (!options.Value.IsConfigured)
            return (null, new WebChatRefusal(StatusCodes.Status403Forbidden, WebChatIdentityTexts.NoSignIn));

        var result = await http.AuthenticateAsync();
        if (result.Succeeded && SignInClaims.Read(result.Principal) is { } signedIn
            && await sessions.CurrentAsync(signedIn.PersonId, cancellationToken) == signedIn.Generation)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var page = new JsonObject
            {
                ["userName"] = result.Principal!.Identity?.Name,
                ["signOutUrl"] = SignInPaths.SignOut,
                ["antiforgeryField"] = tokens.FormFieldName,
                ["antiforgeryToken"] = tokens.RequestToken,
            };
            if (options.Value.Provider == SignInProvider.LocalAccounts)
                page["securityUrl"] = SignInPaths.Security;
            return (new WebChatSession(WebChatPersonIds.For(signedIn.PersonId), result.Principal.Identity?.Name, page), null);
        }
        return (null, new WebChatRefusal(StatusCodes.Status401Unauthorized, WebChatIdentityTexts.SignInFirst, SignInPaths.SignIn));
    }

    public async ValueTask<string> StampAsync(string userId, CancellationToken cancellationToken)
    {
        if (localMode.IsActive)
            return "";
        if (!WebChatPersonIds.TryParse(userId, out var personId))
            return "closed"; // an anonymous id from before sign-in was required: never current again
        return await sessions.CurrentAsync(personId, cancellationToken) is { } generation
            ? generation.ToString(CultureInfo.InvariantCulture)
            : "gone";
    }
}

/// <summary>The sign-in pages' addresses.</summary>
public static class SignInPaths
{
    public const string SignIn = "/dang-nhap";
    public const string TwoFactor = "/dang-nhap/ma-xac-thuc";
    public const string Activate = "/kich-hoat";
    public const string SignOut = "/dang-xuat";
    public const string SignedOut = "/da-dang-xuat";
    public const string Security = "/bao-mat";
}
