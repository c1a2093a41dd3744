using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Identity.Accounts;

namespace SoKet.Bot.Identity.Pages;

/// <summary>The second step for an account with an authenticator app (TOTP, Identity's built-in provider).</summary>
public sealed class TwoFactorModel(SignInManager<Account> signIn, SoKetDbContext db, IOptions<SignInOptions> options, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? LocalRedirect(SignInPaths.SignIn) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account)
            return LocalRedirect(SignInPaths.SignIn);
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        if (result.Succeeded)
            return LocalRedirect("/");
        Error = result.IsLockedOut
            ? SignInTexts.LockedOutFor(await signIn.UserManager.GetLockoutEndDateAsync(account), clock.GetUtcNow(), options.Value.LocalAccounts.LockoutDuration)
            : "Mã xác thực không đúng hoặc đã hết hạn.";
        return Page();
    }
}
