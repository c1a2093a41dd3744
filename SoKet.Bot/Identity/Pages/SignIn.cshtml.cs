using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Identity.Accounts;
using SoKet.Bot.People;

namespace SoKet.Bot.Identity.Pages;

public sealed class SignInModel(IOptions<SignInOptions> options, SignInManager<Account> signIn, SoKetDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public SignInProvider Provider => options.Value.Provider;
    public string ProviderName => options.Value.OpenIdConnect.DisplayName;

    public IActionResult OnGet(string? loi, string? xong)
    {
        if (Provider == SignInProvider.None)
            Error = "Hệ thống chưa cấu hình đăng nhập (SignIn:Provider). Ở chế độ cục bộ, đồng chí mở thẳng trang trò chuyện trên máy chạy SoKet.";
        if (loi == "oidc")
            Error = $"Không đăng nhập được bằng {ProviderName}: tài khoản không có địa chỉ e-mail hoặc nhà cung cấp từ chối. Đề nghị đồng chí thử lại hoặc liên hệ quản trị viên.";
        if (xong == "mat-khau")
            Notice = "Đã đặt mật khẩu. Mời đồng chí đăng nhập.";
        return Page();
    }

    /// <summary>OpenID Connect: to the organisation's sign-in page, and back to the web chat.</summary>
    public IActionResult OnPostProvider() => Provider == SignInProvider.OpenIdConnect
        ? Challenge(new AuthenticationProperties { RedirectUri = "/" }, OpenIdConnectDefaults.AuthenticationScheme)
        : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Provider != SignInProvider.LocalAccounts)
            return NotFound();
        var email = PersonEmail.Normalize(Email);
        if (email is null || string.IsNullOrEmpty(Password))
        {
            Error = "Đồng chí vui lòng nhập địa chỉ e-mail và mật khẩu.";
            return Page();
        }
        // No password SoKet sets is this long: the person typed or pasted something else (never shown back).
        if (Password.Length > SignInTexts.MaxPasswordLength)
        {
            Error = SignInTexts.PasswordTooLong + " " + SignInTexts.WrongPassword;
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(email, Password, isPersistent: false, lockoutOnFailure: true);
        // Identity's store does not save on its own (chat turns save once): failed attempts and lockouts are kept here.
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        if (result.Succeeded)
            return LocalRedirect("/");
        if (result.RequiresTwoFactor)
            return LocalRedirect(SignInPaths.TwoFactor);
        Error = result.IsLockedOut
            ? SignInTexts.LockedOutFor(await signIn.UserManager.FindByNameAsync(email) is { } account ? await signIn.UserManager.GetLockoutEndDateAsync(account) : null,
                clock.GetUtcNow(), options.Value.LocalAccounts.LockoutDuration)
            : SignInTexts.WrongPassword;
        return Page();
    }
}

public static class SignInTexts
{
    /// <summary>Longer than any password a person chooses; refused before Identity hashes it.</summary>
    public const int MaxPasswordLength = 256;

    public const string WrongPassword = "Địa chỉ e-mail hoặc mật khẩu không đúng.";
    public const string PasswordEmpty = "Đồng chí chưa nhập mật khẩu.";
    public static readonly string PasswordTooLong = $"Mật khẩu dài quá {MaxPasswordLength} ký tự.";
    public const string LockedOut =
        "Tài khoản đang tạm khóa vì nhập sai nhiều lần. Đồng chí thử lại sau {0:0} phút, hoặc đề nghị quản trị viên đặt lại mật khẩu.";

    /// <summary>
    /// The lockout message with the minutes actually left, rounded up (a person locked out earlier was told the whole
    /// lockout again); the configured duration when the end is not known.
    /// </summary>
    public static string LockedOutFor(DateTimeOffset? lockoutEnd, DateTimeOffset now, TimeSpan duration)
    {
        var left = lockoutEnd is { } end && end > now ? end - now : duration;
        return string.Format(CultureInfo.InvariantCulture, LockedOut, Math.Max(1, Math.Ceiling(left.TotalMinutes)));
    }
}
