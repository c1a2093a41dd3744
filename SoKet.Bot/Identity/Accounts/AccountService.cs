using System.Security.Claims;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.People;

namespace SoKet.Bot.Identity.Accounts;

/// <summary>What an admin's account request came to: a link to hand to the person, or why there is none.</summary>
public sealed record AccountLink(string? Url, string? Problem, string Email, bool Created);

/// <summary>
/// SoKet accounts for offices with no identity provider: an admin creates one (or sends an invitation) and later
/// resets its password; the person chooses the password through the link. No e-mail is sent — SoKet has no mail
/// server — the admin passes the link on. Everything is staged in the store; the caller saves (a chat turn saves
/// once, the command line saves itself).
/// </summary>
public sealed class AccountService(
    SoKetDbContext db,
    UserManager<Account> users,
    PeopleService people,
    SignInSessions sessions,
    SignInLinks links,
    TimeProvider clock)
{
    public async Task<AccountLink> InviteAsync(string email, string? displayName, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(email);
        if (account is not null)
        {
            if (await users.HasPasswordAsync(account))
                return new AccountLink(null, AccountTexts.AlreadyActive(email), email, false);
            return new AccountLink(await LinkAsync(account), null, email, false);
        }

        var person = await people.FindOrCreateByEmailAsync(email, displayName, cancellationToken);
        account = new Account
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PersonId = person.Id,
            LockoutEnabled = true,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
            return new AccountLink(null, string.Join(" ", created.Errors.Select(e => e.Description)), email, false);
        return new AccountLink(await LinkAsync(account), null, email, true);
    }

    /// <summary>
    /// Starts the account over: the password and authenticator are removed, the lockout lifted, every sign-in and web
    /// chat token of the person ended; the new link lets them choose a password again.
    /// </summary>
    public async Task<AccountLink> ResetAsync(string email, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(email);
        if (account is null)
            return new AccountLink(null, AccountTexts.NoAccount(email), email, false);
        if (await users.HasPasswordAsync(account))
            await users.RemovePasswordAsync(account);
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await users.UpdateSecurityStampAsync(account);
        await sessions.EndAllAsync(db, account.PersonId, cancellationToken);
        return new AccountLink(await LinkAsync(account), null, email, false);
    }

    private async Task<string> LinkAsync(Account account)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account);
        return links.Activation(account.Id, token);
    }
}

/// <summary>Absolute links to the sign-in pages, for chat messages and the command line (which have no request to take a host from).</summary>
public sealed class SignInLinks(IOptions<SignInOptions> options, IConfiguration configuration, IServiceProvider services)
{
    public string Activation(Guid accountId, string token) =>
        $"{Base()}{SignInPaths.Activate}?tai-khoan={accountId:N}&ma={Uri.EscapeDataString(token)}";

    public string Base()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
            return options.Value.PublicUrl.TrimEnd('/');
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var configured = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return (listening ?? configured ?? "http://localhost:3978").TrimEnd('/');
    }
}

/// <summary>Adds the person and sign-in generation to the principal Identity builds for an account.</summary>
internal sealed class AccountPrincipalFactory(UserManager<Account> users, IOptions<IdentityOptions> options, SoKetDbContext db)
    : UserClaimsPrincipalFactory<Account>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == user.PersonId);
        foreach (var claim in SignInClaims.Principal(person, "account", identity.AuthenticationType ?? "account").Claims)
            if (claim.Type != ClaimTypes.Name)
                identity.AddClaim(claim);
        identity.RemoveClaim(identity.FindFirst(identity.NameClaimType));
        identity.AddClaim(new Claim(identity.NameClaimType, person.DisplayName ?? user.Email ?? "Đồng chí"));
        return identity;
    }
}

/// <summary>Identity's messages in Vietnamese (only those a SoKet user can meet).</summary>
internal sealed class VietnameseIdentityErrors(IOptions<SignInOptions> options) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Mật khẩu phải có ít nhất {length} ký tự." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Mật khẩu phải có ít nhất một chữ số." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Mật khẩu phải có ít nhất một chữ thường." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Mật khẩu phải có ít nhất một chữ hoa." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Mật khẩu phải có ít nhất một ký tự đặc biệt." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Mật khẩu phải có ít nhất {uniqueChars} ký tự khác nhau." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = $"Đường dẫn đã hết hạn (sau {options.Value.LocalAccounts.LinkLifetime.TotalHours:0} giờ) hoặc đã được dùng. Đề nghị đồng chí xin quản trị viên gửi đường dẫn mới." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Địa chỉ {email} đã có tài khoản." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Địa chỉ {userName} đã có tài khoản." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Địa chỉ «{userName}» không dùng được làm tên đăng nhập." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"Địa chỉ e-mail «{email}» không hợp lệ." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Tài khoản vừa được thay đổi ở nơi khác. Đồng chí vui lòng thử lại." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Không thực hiện được thao tác với tài khoản. Đồng chí vui lòng thử lại." };
}

public static class AccountTexts
{
    public static string AlreadyActive(string email) =>
        $"Địa chỉ {email} đã có tài khoản đang dùng. Nếu đồng chí ấy quên mật khẩu, gõ «đặt lại mật khẩu {email}».";

    public static string NoAccount(string email) =>
        $"Địa chỉ {email} chưa có tài khoản. Gõ «tạo tài khoản {email}» để tạo và gửi đường dẫn kích hoạt.";
}
