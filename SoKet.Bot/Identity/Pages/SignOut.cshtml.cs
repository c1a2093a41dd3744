using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Identity.Accounts;
using SoKet.Bot.Identity.Oidc;

namespace SoKet.Bot.Identity.Pages;

/// <summary>
/// Signing out ends every sign-in of the person and every web chat token issued to them (the person's sign-in
/// generation moves on), then the cookie; with OpenID Connect also the session at the provider when it offers one.
/// </summary>
public sealed class SignOutModel(
    IOptions<SignInOptions> options, SignInSessions sessions, SoKetDbContext db, SignInManager<Account> accounts,
    IOptionsMonitor<OpenIdConnectOptions> oidc) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (SignInClaims.Read(User) is { } signedIn)
        {
            await sessions.EndAllAsync(db, signedIn.PersonId, HttpContext.RequestAborted);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        if (options.Value.Provider == SignInProvider.OpenIdConnect)
        {
            var provider = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
            var configuration = provider.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(HttpContext.RequestAborted) : null;
            if (!string.IsNullOrEmpty(configuration?.EndSessionEndpoint))
                return SignOut(new AuthenticationProperties { RedirectUri = SignInPaths.SignedOut }, OidcSignIn.CookieScheme, OpenIdConnectDefaults.AuthenticationScheme);
            await HttpContext.SignOutAsync(OidcSignIn.CookieScheme);
        }
        else
        {
            await accounts.SignOutAsync();
        }
        return LocalRedirect(SignInPaths.SignedOut);
    }
}
