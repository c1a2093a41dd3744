using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>Scheduled reminders with a controllable clock: milestones, working hours, holidays, submissions, blocked users, 429s.</summary>
public sealed class ReminderDeliveryTests
{
    // Friday 30/06/2023: D-7 is Friday 23/06, D-3 Tuesday 27/06.
    private static readonly DateOnly Deadline = VietnamTime.Day(2023, 6, 30);

    [Fact]
    public async Task The_seven_day_milestone_reaches_each_unit_once_at_eight_with_deadline_progress_and_a_drafting_button()
    {
        await using var bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 6, 23, 7, 0), Deadline, units: 2);

        Assert.Equal(0, await bed.PlanAsync(VietnamTime.At(2023, 6, 22, 16, 0)));
        bed.Clock.Advance(TimeSpan.FromHours(1.1)); // 08:06
        Assert.Equal(2, await bed.PlanAsync(VietnamTime.At(2023, 6, 23, 7, 0)));
        Assert.Equal(0, await bed.PlanAsync(VietnamTime.At(2023, 6, 23, 7, 0))); // a second planner writes nothing new
        await bed.SendDueAsync();
        await bed.SendDueAsync();

        foreach (var unit in bed.Units)
        {
            var card = CardText.Of(Assert.Single(bed.Delivered(unit.ConversationId)));
            Assert.Contains("30/06/2023", card);
            Assert.Contains("còn 7 ngày", card);
            Assert.Contains("0/2 mục", card);
            Assert.Contains(unit.Name, card);
            Assert.Contains("Tiếp tục soạn báo cáo", card);
            Assert.Contains("soan-bao-cao", card);
        }
        var items = (await bed.OutboxAsync()).Where(i => i.Kind == ReminderKind.UnitReminder).ToList();
        Assert.All(items, i => Assert.Equal(ReminderState.Sent, i.State));
        Assert.All(items, i => Assert.Equal("2023-06-30/D-7", i.Milestone));
    }

    [Fact]
    public async Task A_milestone_on_a_holiday_goes_at_the_next_opening_and_nothing_goes_before()
    {
        // Deadline Friday 08/09/2023; D-7 is Friday 01/09, a holiday, then the weekend and Monday 04/09, also a holiday.
        await using var bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 9, 1, 9, 0), VietnamTime.Day(2023, 9, 8), units: 1, settings: s =>
        {
            s["Reminders:DaysBefore:0"] = "7";
            s["Reminders:Holidays:0"] = "01/09/2023";
            s["Reminders:Holidays:1"] = "2023-09-04";
        });

        Assert.Equal(0, await bed.PlanAsync(VietnamTime.At(2023, 8, 31, 9, 0)));
        bed.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(8)); // Monday 04/09 17:00, still a holiday
        Assert.Equal(0, await bed.PlanAsync(VietnamTime.At(2023, 9, 1, 9, 0)));
        bed.Clock.Advance(TimeSpan.FromHours(14.6)); // Tuesday 05/09 07:36
        Assert.Equal(1, await bed.PlanAsync(VietnamTime.At(2023, 9, 4, 17, 0)));
        await bed.SendDueAsync();

        var item = Assert.Single(await bed.OutboxAsync(), i => i.Kind == ReminderKind.UnitReminder);
        Assert.Equal(VietnamTime.At(2023, 9, 5, 7, 30).UtcDateTime, item.DueAtUtc);
        Assert.Contains("còn 3 ngày", CardText.Of(Assert.Single(bed.Delivered(bed.Units[0].ConversationId))));
    }

    [Fact]
    public async Task A_reminder_due_after_closing_time_waits_for_the_next_morning()
    {
        await using var bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 6, 27, 8, 5), Deadline, units: 1);
        Assert.Equal(1, await bed.PlanAsync(VietnamTime.At(2023, 6, 26, 17, 0)));
        bed.Clock.Advance(TimeSpan.FromHours(10)); // 18:05, the office has closed before the sender got to it

        await bed.SendDueAsync();
        Assert.Empty(bed.Delivered(bed.Units[0].ConversationId));
        Assert.Equal(VietnamTime.At(2023, 6, 28, 7, 30).UtcDateTime, Assert.Single(await bed.OutboxAsync(), i => i.Kind == ReminderKind.UnitReminder).DueAtUtc);

        bed.Clock.Advance(TimeSpan.FromHours(13.5)); // Wednesday 07:35
        await bed.SendDueAsync();
        Assert.Single(bed.Delivered(bed.Units[0].ConversationId));
    }

    [Fact]
    public async Task A_unit_that_submits_before_its_reminder_goes_out_gets_none()
    {
        await using var bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 6, 27, 8, 5), Deadline, units: 2);
        Assert.Equal(2, await bed.PlanAsync(VietnamTime.At(2023, 6, 26, 17, 0)));
        await bed.SubmitAsync(bed.Units[0]);

        await bed.SendDueAsync();

        Assert.Empty(bed.Delivered(bed.Units[0].ConversationId));
        Assert.Single(bed.Delivered(bed.Units[1].ConversationId));
        var items = await bed.OutboxAsync();
        Assert.Equal(ReminderState.Skipped, items.Single(i => i.UnitId == bed.Units[0].UnitId).State);

        // Nor is it planned any more.
        bed.Clock.Advance(TimeSpan.FromDays(2));
        await bed.PlanAsync(VietnamTime.At(2023, 6, 28, 17, 0));
        Assert.DoesNotContain(await bed.OutboxAsync(), i => i.UnitId == bed.Units[0].UnitId && i.State == ReminderState.Pending);
    }

    [Fact]
    public async Task A_recipient_who_blocked_the_bot_or_never_talked_to_it_is_unreachable_and_listed_to_the_admin()
    {
        await using var bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 6, 27, 8, 5), Deadline, units: 2);
        await using (var db = bed.App.OpenStore())
            await bed.AddUnitsAsync(db, 1, withConversation: false);
        bed.Connector.RespondToConversation(bed.Units[0].ConversationId!, ScriptedResponse.MessageWritesBlocked());

        Assert.Equal(3, await bed.PlanAsync(VietnamTime.At(2023, 6, 26, 17, 0)));
        await bed.SendDueAsync();

        var items = await bed.OutboxAsync();
        Assert.Equal(ReminderState.Unreachable, items.Single(i => i.PersonId == bed.Units[0].PersonId).State);
        Assert.Equal(ReminderState.Sent, items.Single(i => i.PersonId == bed.Units[1].PersonId).State);
        var never = items.Single(i => i.PersonId == bed.Units[2].PersonId);
        Assert.Equal(ReminderState.Unreachable, never.State);
        Assert.Equal("chưa trò chuyện với bot", never.LastError);

        var status = CardText.Of(await bed.AskAsync(bed.AdminAad, "tình hình nộp báo cáo"));
        Assert.Contains("Không nhắn được (2)", status);
        Assert.Contains("Cán bộ số 1", status);
        Assert.Contains("Cán bộ số 3", status);
        Assert.Contains("chưa trò chuyện với bot", status);
    }

    [Fact]
    public async Task Through_a_storm_of_429s_every_reminder_is_delivered_exactly_once()
    {
        await using var bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 6, 27, 8, 5), Deadline, units: 20);
        Assert.Equal(20, await bed.PlanAsync(VietnamTime.At(2023, 6, 26, 17, 0)));
        bed.Connector.RespondToNext(60, ScriptedResponse.TooManyRequests(TimeSpan.FromSeconds(1)));

        await bed.SendUntilNonePendingAsync(TimeSpan.FromMinutes(2));

        Assert.True(bed.Connector.Requests.Count(r => r.ResponseStatusCode == 429) >= 60);
        foreach (var unit in bed.Units)
            Assert.Single(bed.Delivered(unit.ConversationId));
        Assert.All(await bed.OutboxAsync(), i => Assert.Equal(ReminderState.Sent, i.State));
    }

    [Fact]
    public async Task Leaders_get_a_digest_of_their_late_units_and_admins_a_daily_summary_once_a_day()
    {
        // Monday 03/07/2023: the deadline passed on Friday.
        await using var bed = await ReminderTestBed.StartAsync(VietnamTime.At(2023, 7, 3, 9, 0), Deadline, units: 2);
        await bed.SubmitAsync(bed.Units[1]);

        await bed.PlanAsync(VietnamTime.At(2023, 7, 3, 8, 30));
        await bed.PlanAsync(VietnamTime.At(2023, 7, 3, 8, 45));
        await bed.SendDueAsync();

        var digest = CardText.Of(Assert.Single(bed.Delivered(bed.LeaderConversation)));
        Assert.Contains("Chi bộ số 1", digest);
        Assert.Contains("quá hạn 3 ngày", digest);
        Assert.DoesNotContain("Chi bộ số 2", digest);
        var summary = CardText.Of(Assert.Single(bed.Delivered(bed.AdminConversation)));
        Assert.Contains("1/2", summary);
    }
}
