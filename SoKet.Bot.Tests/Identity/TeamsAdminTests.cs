using SoKet.Bot.Audit;
using SoKet.Bot.People;
using SoKet.Bot.Reports;
using SoKet.Bot.Campaigns;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Identity.Chat;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using static SoKet.Bot.Tests.Identity.TeamsBot;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// Teams on the first day, over real HTTP with signed activities: the office staffer named in People:AdminEmails is
/// an admin at once (e-mail from the Connector's member lookup, no unit list loaded), names other admins in chat, and
/// cannot remove the last one; someone else is refused and changes nothing.
/// </summary>
[Trait("Category", "Store")]
public sealed class TeamsAdminTests : IAsyncLifetime
{
    private const string Office = "vanphong@laichau.dcs.vn";
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartAsync(app => app.Settings["People:AdminEmails:0"] = Office);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_office_staffer_is_admin_on_first_contact_and_manages_admins_in_chat()
    {
        var office = _bot.User("Văn phòng Thành ủy", Office);

        var create = await _bot.SayAsync(office, "tạo đợt sơ kết");
        Assert.Contains("gửi tệp kế hoạch", TextOf(create));
        await using (var db = _bot.App.OpenStore())
        {
            var person = await db.People.SingleAsync(p => p.Email == Office);
            Assert.Equal(office.Id, person.ChannelUserId);
            Assert.Equal(office.AadObjectId, person.AadObjectId);
            Assert.Equal(0, await db.Units.CountAsync());
        }

        var added = await _bot.SayAsync(office, "thêm quản trị viên Ha.NTT@laichau.dcs.vn");
        Assert.Contains("Đã thêm ha.ntt@laichau.dcs.vn làm quản trị viên", added.Text);
        var ha = _bot.User("Nguyễn Thị Thu Hà", "ha.ntt@laichau.dcs.vn");
        Assert.Contains("gửi tệp kế hoạch", TextOf(await _bot.SayAsync(ha, "tạo đợt sơ kết")));

        var list = await _bot.SayAsync(ha, "danh sách quản trị viên");
        Assert.Contains("vanphong@laichau.dcs.vn (khai báo trong cấu hình People:AdminEmails)", list.Text);
        Assert.Contains("ha.ntt@laichau.dcs.vn — Nguyễn Thị Thu Hà", list.Text);

        var configured = await _bot.SayAsync(ha, "bỏ quản trị viên vanphong@laichau.dcs.vn");
        Assert.Contains("chỉ gỡ được bằng cách sửa cấu hình", configured.Text);
        var removed = await _bot.SayAsync(office, "bỏ quản trị viên ha.ntt@laichau.dcs.vn");
        Assert.Contains("Đã bỏ quyền quản trị viên của ha.ntt@laichau.dcs.vn", removed.Text);
        Assert.Equal(TurnTexts.NotAllowed, (await _bot.SayAsync(ha, "tạo đợt sơ kết")).Text);

        await using var after = _bot.App.OpenStore();
        var audit = await after.AuditEntries.Where(a => a.Action.StartsWith("admin.")).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["admin.added", "admin.removed"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(Office, a.Actor));
        Assert.All(audit, a => Assert.Equal("ha.ntt@laichau.dcs.vn", a.Details));
    }

    [Fact]
    public async Task Someone_not_on_the_list_is_refused_in_Vietnamese_and_nothing_changes()
    {
        var stranger = _bot.User("Lò Văn Thắng", "thang.lv@laichau.dcs.vn");

        var refused = await _bot.SayAsync(stranger, "thêm quản trị viên thang.lv@laichau.dcs.vn");
        var list = await _bot.SayAsync(stranger, "danh sách quản trị viên");

        Assert.Equal(TurnTexts.NotAllowed, refused.Text);
        Assert.Equal(TurnTexts.NotAllowed, list.Text);
        await using var db = _bot.App.OpenStore();
        Assert.False(await db.People.AnyAsync(p => p.IsAdmin));
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task The_last_admin_named_in_chat_cannot_be_removed()
    {
        await using var bot = await TeamsBot.StartAsync();
        await using (var db = bot.App.OpenStore())
        {
            db.People.Add(new SoKet.Bot.People.Person { Id = Guid.NewGuid(), Email = "chanh.vp@laichau.dcs.vn", DisplayName = "Chánh Văn phòng", IsAdmin = true });
            await db.SaveChangesAsync();
        }
        var chanh = bot.User("Chánh Văn phòng", "chanh.vp@laichau.dcs.vn");

        var refused = await bot.SayAsync(chanh, "bỏ quản trị viên chanh.vp@laichau.dcs.vn");

        Assert.Equal(AccessTexts.LastAdmin, refused.Text);
        await using var after = bot.App.OpenStore();
        Assert.True((await after.People.SingleAsync()).IsAdmin);
    }
}
