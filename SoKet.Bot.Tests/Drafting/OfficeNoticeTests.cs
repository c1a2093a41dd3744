using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>Who counts as the office when a unit submits: every kind of admin the bot lets run the office's commands.</summary>
public sealed class OfficeNoticeTests : IAsyncLifetime
{
    private static readonly string AdminGroup = Guid.NewGuid().ToString();
    private readonly BotApp _app = new();
    private DraftingChat _an = null!;
    private DraftingChat _office = null!;

    public async Task InitializeAsync()
    {
        _app.Settings["People:AdminGroupIds:0"] = AdminGroup;
        _an = await DraftingChat.OpenAsync(_app);
        _office = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        await DraftingSeed.CreateAsync(db, [(_an.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        // Office staff through the Entra ID group of People:AdminGroupIds, not flagged in the store.
        var office = await DraftingSeed.AddOfficeAsync(db, _office.Client.UserId);
        office.IsAdmin = false;
        office.IsGroupAdmin = true;
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_admin_through_the_entra_group_is_told_of_a_submission()
    {
        // The group admin may follow the campaign ...
        Assert.Contains("Tình hình nộp báo cáo", Texts(await _office.SayAsync("tình hình nộp báo cáo")));

        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu", new { text = "Nội dung đã soạn." });
        await _an.SayAsync("nộp báo cáo");
        Assert.Contains("Đã nộp báo cáo sơ kết", Texts(await _an.PressAsync("Xác nhận nộp")));

        // ... and hears of the submission like any other office staff.
        var notice = await _office.Client.ReadBotActivitiesAsync(1);
        Assert.Contains("Chi bộ Phòng Tài chính - Kế hoạch đã nộp báo cáo sơ kết theo 150-KH/TU", Texts(notice));
    }
}
