using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Identity.Accounts;

namespace SoKet.Bot.Identity.Pages;

/// <summary>The invitation or reset link: the person chooses a password (Identity's reset token, one use, limited life).</summary>
public sealed class ActivateModel(UserManager<Account> users, SignInSessions sessions, SoKetDbContext db, IOptions<SignInOptions> options, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tai-khoan")]
    public string? AccountId { get; set; }

    [BindProperty(SupportsGet = true, Name = "ma")]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public string? Email { get; private set; }
    public string? Error { get; private set; }
    public int MinimumLength => options.Value.LocalAccounts.MinimumPasswordLength;

    public async Task<IActionResult> OnGetAsync()
    {
        await FindAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindAsync() is not { } account)
            return Page();
        // Each refusal says what is wrong: an empty box was told the two entries differ.
        var problem = string.IsNullOrEmpty(Password) ? SignInTexts.PasswordEmpty
            : Password.Length > SignInTexts.MaxPasswordLength ? SignInTexts.PasswordTooLong
            : Password != Confirm ? "Hai lần nhập mật khẩu không khớp."
            : null;
        if (problem is not null || Password is null)
        {
            Error = problem ?? SignInTexts.PasswordEmpty;
            return Page();
        }
        var result = await users.ResetPasswordAsync(account, Token!, Password);
        if (!result.Succeeded)
        {
            Error = string.Join(" ", result.Errors.Select(e => e.Description));
            return Page();
        }
        account.ActivatedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await sessions.EndAllAsync(db, account.PersonId, HttpContext.RequestAborted);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return LocalRedirect(SignInPaths.SignIn + "?xong=mat-khau");
    }

    private async Task<Account?> FindAsync()
    {
        var account = Guid.TryParseExact(AccountId, "N", out var id) && !string.IsNullOrEmpty(Token) && Token.Length < 2048
            ? await users.FindByIdAsync(id.ToString())
            : null;
        if (account is null)
            Error = "Đường dẫn không hợp lệ. Đề nghị đồng chí xin quản trị viên gửi đường dẫn mới.";
        Email = account?.Email;
        return account;
    }
}
