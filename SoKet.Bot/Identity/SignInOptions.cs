using Microsoft.Extensions.Options;

namespace SoKet.Bot.Identity;

public enum SignInProvider
{
    /// <summary>No sign-in: the web chat works only in local mode (no app id), for the person at this machine.</summary>
    None,

    /// <summary>The organisation's identity provider (Entra ID, Keycloak, ADFS…), matched by e-mail/UPN.</summary>
    OpenIdConnect,

    /// <summary>SoKet's own accounts (ASP.NET Core Identity), created by an admin, for offices with no identity provider.</summary>
    LocalAccounts,
}

/// <summary>Section "SignIn": how people sign in to the web chat when SoKet is reachable from a network.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    public SignInProvider Provider { get; set; } = SignInProvider.None;

    /// <summary>
    /// The address people open SoKet at (https://soket.tinhuy.vn), used in invitation links written into chat or
    /// printed by the command line. Empty = the first address the bot listens on.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a sign-in lasts without use; each visit extends it (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public OidcSignInOptions OpenIdConnect { get; set; } = new();

    public LocalAccountOptions LocalAccounts { get; set; } = new();

    public bool IsConfigured => Provider != SignInProvider.None;
}

public sealed class OidcSignInOptions
{
    /// <summary>The provider's issuer, whose /.well-known/openid-configuration SoKet reads (https; http only for loopback).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides "openid".</summary>
    public string[] Scopes { get; set; } = ["profile", "email"];

    /// <summary>Claims holding the e-mail/UPN a person is matched by, tried in order (Entra ID: preferred_username or upn).</summary>
    public string[] EmailClaims { get; set; } = ["email", "preferred_username", "upn"];

    /// <summary>The claim listing group ids (Entra ID "groups"), compared with People:AdminGroupIds.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The button text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "tài khoản của cơ quan";
}

public sealed class LocalAccountOptions
{
    /// <summary>How long an invitation or password reset link works.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Failed sign-ins (password or authenticator code) before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int MinimumPasswordLength { get; set; } = 10;
}

internal sealed class SignInOptionsValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicUrl)
            && (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var publicUrl) || publicUrl.Scheme is not ("https" or "http")))
            failures.Add($"SignIn:PublicUrl must be an absolute http(s) URL such as https://soket.tinhuy.vn; got '{options.PublicUrl}'.");
        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(30))
            failures.Add($"SignIn:SessionLifetime must be between 00:05:00 and 30.00:00:00; got {options.SessionLifetime}.");

        if (options.Provider == SignInProvider.OpenIdConnect)
        {
            var oidc = options.OpenIdConnect;
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
                || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
                failures.Add($"SignIn:OpenIdConnect:Authority must be the provider's https issuer URL (http only on loopback); got '{oidc.Authority}'.");
            if (string.IsNullOrWhiteSpace(oidc.ClientId))
                failures.Add("SignIn:OpenIdConnect:ClientId is required: the client id SoKet is registered with at the identity provider.");
            if (string.IsNullOrWhiteSpace(oidc.ClientSecret))
                failures.Add("SignIn:OpenIdConnect:ClientSecret is required: SoKet signs in as a confidential client (code flow).");
            if (oidc.EmailClaims.Length == 0 || oidc.EmailClaims.Any(string.IsNullOrWhiteSpace))
                failures.Add("SignIn:OpenIdConnect:EmailClaims must name at least one claim (e.g. email, preferred_username, upn).");
        }

        if (options.Provider == SignInProvider.LocalAccounts)
        {
            var local = options.LocalAccounts;
            if (local.LinkLifetime < TimeSpan.FromMinutes(10) || local.LinkLifetime > TimeSpan.FromDays(14))
                failures.Add($"SignIn:LocalAccounts:LinkLifetime must be between 00:10:00 and 14.00:00:00; got {local.LinkLifetime}.");
            if (local.MaxFailedAttempts is < 3 or > 20)
                failures.Add($"SignIn:LocalAccounts:MaxFailedAttempts must be between 3 and 20; got {local.MaxFailedAttempts}.");
            if (local.LockoutDuration < TimeSpan.FromMinutes(1))
                failures.Add($"SignIn:LocalAccounts:LockoutDuration must be at least 00:01:00; got {local.LockoutDuration}.");
            if (local.MinimumPasswordLength is < 8 or > 128)
                failures.Add($"SignIn:LocalAccounts:MinimumPasswordLength must be between 8 and 128; got {local.MinimumPasswordLength}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
