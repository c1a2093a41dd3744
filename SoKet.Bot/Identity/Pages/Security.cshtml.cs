using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SoKet.Bot.Data;
using SoKet.Bot.Identity.Accounts;

namespace SoKet.Bot.Identity.Pages;

/// <summary>Optional TOTP for a SoKet account, with Identity's built-in authenticator key and verification.</summary>
public sealed class SecurityModel(UserManager<Account> users, SoKetDbContext db) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }
    public string? SharedKey { get; private set; }
    public string? AuthenticatorUri { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } account)
            return LocalRedirect(SignInPaths.SignIn);
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } account)
            return LocalRedirect(SignInPaths.SignIn);
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.SetTwoFactorEnabledAsync(account, true);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            Notice = "Đã bật xác thực hai bước.";
        }
        else
        {
            Error = "Mã xác thực không đúng. Đồng chí kiểm tra giờ trên điện thoại và nhập mã mới.";
        }
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } account)
            return LocalRedirect(SignInPaths.SignIn);
        await users.SetTwoFactorEnabledAsync(account, false);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Notice = "Đã tắt xác thực hai bước.";
        await LoadAsync(account);
        return Page();
    }

    private async Task LoadAsync(Account account)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(account);
        if (Enabled)
            return;
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            key = await users.GetAuthenticatorKeyAsync(account);
        }
        var grouped = new StringBuilder();
        for (var i = 0; i < key!.Length; i += 4)
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        SharedKey = grouped.ToString().TrimEnd().ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Trợ lý sơ kết:" + account.Email)}?secret={key}&issuer={Uri.EscapeDataString("Trợ lý sơ kết")}&digits=6";
    }
}
