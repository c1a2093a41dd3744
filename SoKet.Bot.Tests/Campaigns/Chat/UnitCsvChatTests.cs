using System.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Tests.Campaigns.Units;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.People;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Tests.Campaigns.Chat;

/// <summary>The office sends the list of units as a CSV in chat; a bad file changes nothing and says why.</summary>
[Trait("Category", "Store")]
public sealed class UnitCsvChatTests : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_csv_sent_in_chat_loads_the_units_and_they_are_listed()
    {
        var chat = await StartAsync();
        const string csv = "Tên đơn vị;Nhóm;Có chi ủy;Lãnh đạo phụ trách;Thành viên\n" +
            "Chi bộ Phòng Tài chính - Kế hoạch;Cấp cơ sở;không;pho.bithu@laichau.dcs.vn;an.nv@laichau.dcs.vn\n" +
            "Đảng bộ phường Tân Phong;Cấp cơ sở;có;pho.bithu@laichau.dcs.vn;\"binh.lt@laichau.dcs.vn, chi.hm@laichau.dcs.vn\"\n";

        await chat.UploadAsync("don-vi.csv", Encoding.UTF8.GetBytes(csv), "text/csv");
        var loaded = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        await chat.SendAsync("danh sách đơn vị");
        var listed = Assert.Single(await chat.ReadBotActivitiesAsync(1));

        var loadedText = PlanImportChatTests.Json(PlanImportChatTests.CardOf(loaded));
        Assert.True(loadedText.Contains("Đã nạp danh sách đơn vị cho 125-KH/ThU", StringComparison.Ordinal), loadedText);
        Assert.Contains("Đảng bộ phường Tân Phong", listed.Text);
        Assert.Contains("có chi ủy", listed.Text);
        await using var db = _app.OpenStore();
        Assert.Equal(2, await db.Units.CountAsync());
        Assert.Equal(1, await db.UnitMembers.CountAsync(m => m.Person!.Email == "an.nv@laichau.dcs.vn"));
    }

    [Theory]
    [InlineData("Tên đơn vị;Thành viên\nChi bộ A;a@x.vn\n", "Nhóm")]
    [InlineData("Tên đơn vị;Nhóm\nChi bộ A;Cấp cơ sở\nchi bo a;Cấp cơ sở\n", "Dòng 3")]
    [InlineData("Tên đơn vị;Nhóm\nChi bộ A;Không có nhóm này\n", "Cấp cơ sở")]
    public async Task A_bad_csv_names_the_problem_and_changes_nothing(string csv, string named)
    {
        var chat = await StartAsync();
        await using (var db = _app.OpenStore())
            Assert.Equal(0, await db.Units.CountAsync());

        await chat.UploadAsync("don-vi.csv", Encoding.UTF8.GetBytes(csv), "text/csv");

        var reply = PlanImportChatTests.Json(PlanImportChatTests.CardOf(Assert.Single(await chat.ReadBotActivitiesAsync(1))));
        Assert.Contains("Chưa nạp danh sách đơn vị", reply);
        Assert.Contains(named, reply);
        Assert.Contains("chưa có thay đổi nào được lưu", reply, StringComparison.OrdinalIgnoreCase);
        await using var after = _app.OpenStore();
        Assert.Equal(0, await after.Units.CountAsync());
        Assert.Equal(0, await after.People.CountAsync(p => p.Email != null));
    }

    private async Task<DirectLineClient> StartAsync()
    {
        await using (var db = _app.OpenStore())
        {
            await db.Database.MigrateAsync();
            await UnitTestData.AddLaiChauCampaignAsync(db);
        }
        var chat = new DirectLineClient(_app.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        return chat;
    }
}
