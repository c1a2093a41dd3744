using SoKet.Bot.Reminders.Outbox;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>The admin edits a campaign's milestones and hours in chat, and the planner follows them.</summary>
public sealed class ReminderSettingsChatTests
{
    [Fact]
    public async Task Edited_milestones_and_hours_are_saved_shown_and_used_by_the_planner()
    {
        await using var bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 6, 26, 7, 50), VietnamTime.Day(2023, 6, 30), units: 1);

        var saved = CardText.Of(await bed.AskAsync(bed.AdminAad, "cài đặt nhắc hạn: trước 5, 2 ngày; giờ 08:00-16:30; gửi lúc 09:00; nghỉ 28/06/2023"));
        Assert.Contains("Đã lưu cài đặt nhắc hạn của kế hoạch 125-KH/ThU", saved);
        Assert.Contains("5, 2 ngày", saved);
        Assert.Contains("08:00–16:30", saved);
        Assert.Contains("28/06/2023", saved);

        // D-5 is Sunday 25/06, so it opens Monday at 08:00 — not at 07:30, the default opening.
        Assert.Equal(0, await bed.PlanAsync(VietnamTime.At(2023, 6, 25, 7, 0)));
        bed.Clock.Advance(TimeSpan.FromMinutes(15)); // 08:05
        Assert.Equal(1, await bed.PlanAsync(VietnamTime.At(2023, 6, 26, 7, 50)));
        var item = Assert.Single(await bed.OutboxAsync(), i => i.Kind == ReminderKind.UnitReminder);
        Assert.Equal("2023-06-30/D-5", item.Milestone);
        Assert.Equal(VietnamTime.At(2023, 6, 26, 8, 0).UtcDateTime, item.DueAtUtc);

        var invalid = CardText.Of(await bed.AskAsync(bed.AdminAad, "cai dat nhac han: gio 17:00-08:00"));
        Assert.Contains("Chưa lưu được cài đặt nhắc hạn", invalid);
        Assert.Contains("Chưa có quyền cài đặt", CardText.Of(await bed.AskAsync(bed.Units[0].AadObjectId, "cài đặt nhắc hạn")));
    }
}
