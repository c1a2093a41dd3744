using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Audit;
using SoKet.Bot.Data;
using SoKet.Bot.Identity.Accounts;
using SoKet.Bot.People;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;
using SoKet.Bot.Text;

namespace SoKet.Bot.Identity.Chat;

/// <summary>
/// The office's chat commands about people's access: naming and removing admins (Teams and web chat alike), and —
/// with SignIn:Provider LocalAccounts — creating accounts, invitation links and password resets. Admins only, in a
/// 1:1 chat (an invitation link is a secret). Every change leaves an audit entry.
/// </summary>
public sealed class AccessChat(
    SoKetDbContext db,
    PeopleService people,
    IOptions<PeopleOptions> peopleOptions,
    IOptions<SignInOptions> signIn,
    IServiceProvider services,
    TimeProvider clock)
{
    public const string AddAdmin = "quan-tri-vien.them";
    public const string RemoveAdmin = "quan-tri-vien.bo";
    public const string ListAdmins = "quan-tri-vien.danh-sach";
    public const string CreateAccount = "tai-khoan.tao";
    public const string ResetPassword = "tai-khoan.dat-lai-mat-khau";

    public async Task AddAdminAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (EmailOf(turn) is not { } email)
        {
            turn.Answer(AccessTexts.AddUsage);
            return;
        }
        var person = await people.FindOrCreateByEmailAsync(email, null, cancellationToken);
        if (people.IsAdmin(person))
        {
            turn.Answer(string.Format(CultureInfo.InvariantCulture, AccessTexts.AlreadyAdmin, MarkdownText.Literal(email)));
            return;
        }
        person.IsAdmin = true;
        Audit(turn, "admin.added", email);
        turn.Answer(string.Format(CultureInfo.InvariantCulture, AccessTexts.Added, MarkdownText.Literal(email)));
    }

    public async Task RemoveAdminAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (EmailOf(turn) is not { } email)
        {
            turn.Answer(AccessTexts.RemoveUsage);
            return;
        }
        if (people.IsConfiguredAdmin(email))
        {
            turn.Answer(string.Format(CultureInfo.InvariantCulture, AccessTexts.ConfiguredAdmin, MarkdownText.Literal(email)));
            return;
        }
        var person = await db.People.FirstOrDefaultAsync(p => p.Email == email, cancellationToken);
        if (person is null || !person.IsAdmin)
        {
            turn.Answer(string.Format(CultureInfo.InvariantCulture, person?.IsGroupAdmin == true ? AccessTexts.GroupAdmin : AccessTexts.NotAdmin, MarkdownText.Literal(email)));
            return;
        }
        // The office must never lock itself out: someone must remain who can name admins again.
        var others = await AdminsAsync(cancellationToken);
        if (!others.Any(a => a != email))
        {
            turn.Answer(AccessTexts.LastAdmin);
            return;
        }
        person.IsAdmin = false;
        Audit(turn, "admin.removed", email);
        turn.Answer(string.Format(CultureInfo.InvariantCulture, AccessTexts.Removed, MarkdownText.Literal(email)));
    }

    public async Task ListAdminsAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var named = await db.People.AsNoTracking().Where(p => p.IsAdmin && p.Email != null).OrderBy(p => p.Email)
            .Select(p => new { p.Email, p.DisplayName }).ToListAsync(cancellationToken);
        var configured = peopleOptions.Value.AdminEmails.Select(PersonEmail.Normalize).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder("Quản trị viên của Trợ lý sơ kết:");
        var number = 0;
        foreach (var email in configured)
            text.Append(CultureInfo.InvariantCulture, $"\n{++number}. {MarkdownText.Literal(email)} (khai báo trong cấu hình People:AdminEmails)");
        foreach (var admin in named.Where(a => !configured.Contains(a.Email!)))
            text.Append(CultureInfo.InvariantCulture, $"\n{++number}. {MarkdownText.Literal(admin.Email)}{(admin.DisplayName is { } name ? $" — {MarkdownText.Literal(name)}" : "")}");
        if (peopleOptions.Value.AdminGroupIds.Length > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nCùng các thành viên nhóm Entra ID: {string.Join(", ", peopleOptions.Value.AdminGroupIds)}.");
        if (number == 0 && peopleOptions.Value.AdminGroupIds.Length == 0)
            text.Append("\n(chưa có ai được chỉ định; quyền quản trị hiện có do chạy ở chế độ cục bộ)");
        text.Append("\nThêm: «thêm quản trị viên e-mail»; bỏ: «bỏ quản trị viên e-mail».");
        turn.Answer(text.ToString());
    }

    public async Task CreateAccountAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!AccountsEnabled(turn))
            return;
        if (EmailOf(turn) is not { } email)
        {
            turn.Answer(AccessTexts.CreateUsage);
            return;
        }
        var link = await services.GetRequiredService<AccountService>().InviteAsync(email, null, cancellationToken);
        if (link.Url is null)
        {
            turn.Answer(link.Problem!);
            return;
        }
        Audit(turn, link.Created ? "account.created" : "account.invited", email);
        turn.Answer(string.Format(CultureInfo.InvariantCulture, AccessTexts.Invitation, MarkdownText.Literal(email), link.Url, Hours()));
    }

    public async Task ResetPasswordAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (!AccountsEnabled(turn))
            return;
        if (EmailOf(turn) is not { } email)
        {
            turn.Answer(AccessTexts.ResetUsage);
            return;
        }
        var link = await services.GetRequiredService<AccountService>().ResetAsync(email, cancellationToken);
        if (link.Url is null)
        {
            turn.Answer(link.Problem!);
            return;
        }
        Audit(turn, "account.password-reset", email);
        turn.Answer(string.Format(CultureInfo.InvariantCulture, AccessTexts.Reset, MarkdownText.Literal(email), link.Url, Hours()));
    }

    /// <summary>Everyone who is an admin by name (chat or configuration); group members are not counted, they may change any day.</summary>
    private async Task<List<string>> AdminsAsync(CancellationToken cancellationToken)
    {
        var named = await db.People.AsNoTracking().Where(p => p.IsAdmin && p.Email != null).Select(p => p.Email!).ToListAsync(cancellationToken);
        return [.. named.Concat(peopleOptions.Value.AdminEmails.Select(PersonEmail.Normalize).OfType<string>()).Distinct()];
    }

    private bool AccountsEnabled(TurnContext turn)
    {
        if (signIn.Value.Provider == SignInProvider.LocalAccounts)
            return true;
        turn.Answer(AccessTexts.AccountsOff);
        return false;
    }

    private string Hours() => signIn.Value.LocalAccounts.LinkLifetime.TotalHours.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The e-mail named after the command ("thêm quản trị viên an.nv@tinhuy.vn"), or in a card's "email" field.</summary>
    private static string? EmailOf(TurnContext turn)
    {
        var candidate = turn.Input.Field("email")
            ?? turn.Input.Text.Split((char[])[' ', '\t', '\n', '\r', ',', ';', '«', '»', '<', '>', '"'], StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(w => w.Contains('@', StringComparison.Ordinal));
        return PersonEmail.Normalize(candidate?.TrimEnd('.'));
    }

    private void Audit(TurnContext turn, string action, string email) => db.AuditEntries.Add(new AuditEntry
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        Actor = turn.User.Email ?? turn.User.DisplayName,
        Action = action,
        Details = email,
    });
}

public static class AccessTexts
{
    public const string AddUsage = "Đồng chí gõ «thêm quản trị viên» kèm địa chỉ e-mail, ví dụ: thêm quản trị viên vanphong@tinhuy.vn";
    public const string RemoveUsage = "Đồng chí gõ «bỏ quản trị viên» kèm địa chỉ e-mail, ví dụ: bỏ quản trị viên vanphong@tinhuy.vn";
    public const string CreateUsage = "Đồng chí gõ «tạo tài khoản» kèm địa chỉ e-mail, ví dụ: tạo tài khoản an.nv@tinhuy.vn";
    public const string ResetUsage = "Đồng chí gõ «đặt lại mật khẩu» kèm địa chỉ e-mail, ví dụ: đặt lại mật khẩu an.nv@tinhuy.vn";
    public const string Added = "Đã thêm {0} làm quản trị viên. Đồng chí ấy có quyền quản trị ngay từ tin nhắn tiếp theo gửi Trợ lý sơ kết.";
    public const string AlreadyAdmin = "{0} đã là quản trị viên.";
    public const string Removed = "Đã bỏ quyền quản trị viên của {0}.";
    public const string NotAdmin = "{0} không phải là quản trị viên được chỉ định trong trò chuyện.";
    public const string GroupAdmin = "{0} có quyền quản trị do thuộc nhóm Entra ID khai báo trong cấu hình People:AdminGroupIds; đề nghị gỡ đồng chí ấy khỏi nhóm.";
    public const string ConfiguredAdmin = "{0} được khai báo trong cấu hình People:AdminEmails nên chỉ gỡ được bằng cách sửa cấu hình.";
    public const string LastAdmin = "Không thể bỏ quyền của quản trị viên cuối cùng: đề nghị thêm một quản trị viên khác trước.";
    public const string AccountsOff = "Hệ thống không dùng tài khoản riêng của SoKet (SignIn:Provider khác LocalAccounts) nên không tạo được tài khoản hay đặt lại mật khẩu ở đây.";
    public const string Invitation = "Đã tạo đường dẫn kích hoạt tài khoản cho {0}. Đồng chí gửi riêng đường dẫn này cho người dùng (có hiệu lực {2} giờ, chỉ dùng một lần) để đặt mật khẩu:\n{1}";
    public const string Reset = "Đã đặt lại tài khoản {0}: mật khẩu cũ và các phiên đăng nhập đã bị hủy. Đồng chí gửi riêng đường dẫn này cho người dùng (có hiệu lực {2} giờ) để đặt mật khẩu mới:\n{1}";
}

public static class AccessChatRoutes
{
    public static IServiceCollection AddAccountChat(this IServiceCollection services) =>
        services.AddRoutes("Identity", routes =>
        {
            routes.Add<AccessChat>(AccessChat.AddAdmin, c => c.AddAdminAsync)
                .Says("thêm quản trị viên", "thêm quản trị", "thêm admin").For(Roles.Admin).In(Scopes.Personal);
            routes.Add<AccessChat>(AccessChat.RemoveAdmin, c => c.RemoveAdminAsync)
                .Says("bỏ quản trị viên", "xóa quản trị viên", "gỡ quản trị viên", "bỏ quyền quản trị").For(Roles.Admin).In(Scopes.Personal);
            routes.Add<AccessChat>(AccessChat.ListAdmins, c => c.ListAdminsAsync)
                .Says("danh sách quản trị viên", "các quản trị viên", "ai là quản trị viên").For(Roles.Admin).In(Scopes.Personal);
            routes.Add<AccessChat>(AccessChat.CreateAccount, c => c.CreateAccountAsync)
                .Says("tạo tài khoản", "gửi lời mời", "mời đăng nhập").For(Roles.Admin).In(Scopes.Personal);
            routes.Add<AccessChat>(AccessChat.ResetPassword, c => c.ResetPasswordAsync)
                .Says("đặt lại mật khẩu", "cấp lại mật khẩu").For(Roles.Admin).In(Scopes.Personal);
        });
}
