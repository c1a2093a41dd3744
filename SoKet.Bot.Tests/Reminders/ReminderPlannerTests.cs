using SoKet.Bot.Reminders.ReminderSchedule;
using static SoKet.Bot.Tests.Reminders.VietnamTime;

namespace SoKet.Bot.Tests.Reminders;

public sealed class ReminderPlannerTests
{
    // 125-KH/ThU: chi bộ and đảng bộ cơ sở report by Friday 30/6/2023; HĐND, UBND, the Party boards by Sunday 25/6/2023.
    private static readonly DateOnly ChiBoDeadline = Day(2023, 6, 30);
    private static readonly DateOnly CityBodiesDeadline = Day(2023, 6, 25);

    private static readonly WorkingCalendar Calendar = new();
    private static readonly ReminderPolicy Default = ReminderPolicy.Default;

    private static IEnumerable<(string Key, DateTimeOffset At)> Series(DateOnly deadline, ReminderPolicy policy, WorkingCalendar calendar, DateTimeOffset through) =>
        ReminderPlanner.Schedule(deadline, policy, calendar, through).Select(m => (m.Key.ToString(), m.ScheduledAt));

    [Fact]
    public void Default_milestones_are_7_3_1_days_before_the_day_itself_and_every_2_working_days_after()
    {
        Assert.Equal(
            [
                ("D-7", At(2023, 6, 23, 8)),
                ("D-3", At(2023, 6, 27, 8)),
                ("D-1", At(2023, 6, 29, 8)),
                ("D0", At(2023, 6, 30, 8)),
                ("OVERDUE-1", At(2023, 7, 4, 8)),   // Friday + 2 working days
                ("OVERDUE-2", At(2023, 7, 6, 8)),
                ("OVERDUE-3", At(2023, 7, 10, 8)),
            ],
            Series(ChiBoDeadline, Default, Calendar, At(2023, 7, 10, 17)));
    }

    [Fact]
    public void A_Sunday_deadline_is_reminded_on_Monday_morning_and_the_Saturday_D_1_gives_way_to_it()
    {
        Assert.Equal(
            [
                ("D-7", At(2023, 6, 19, 7, 30)),     // Sunday 18/6 → Monday
                ("D-3", At(2023, 6, 22, 8)),
                ("D0", At(2023, 6, 26, 7, 30)),      // D-1 (Saturday) and D0 (Sunday) both open Monday: one reminder
                ("OVERDUE-1", At(2023, 6, 27, 8)),   // Sunday + 2 working days: Tuesday
            ],
            Series(CityBodiesDeadline, Default, Calendar, At(2023, 6, 27, 17)));
    }

    [Fact]
    public void Milestones_lost_to_the_national_day_holidays_are_not_sent_in_a_burst_afterwards()
    {
        var calendar = new WorkingCalendar(holidays: [Day(2023, 9, 1), Day(2023, 9, 2), Day(2023, 9, 4)]);

        // Deadline Tuesday 5/9/2023: D-3 (Saturday 2/9) and D-1 (Monday 4/9, a holiday) would all open on the due day.
        Assert.Equal(
            [("D-7", At(2023, 8, 29, 8)), ("D0", At(2023, 9, 5, 8))],
            Series(Day(2023, 9, 5), Default, calendar, At(2023, 9, 5, 17)));
    }

    [Fact]
    public void Overdue_reminders_count_working_days_around_the_national_day()
    {
        var calendar = new WorkingCalendar(holidays: [Day(2023, 9, 1), Day(2023, 9, 2), Day(2023, 9, 4)]);

        var overdue = Series(Day(2023, 8, 31), Default, calendar, At(2023, 9, 13, 17)).Where(m => m.Key.StartsWith("OVERDUE", StringComparison.Ordinal));

        Assert.Equal([("OVERDUE-1", At(2023, 9, 6, 8)), ("OVERDUE-2", At(2023, 9, 8, 8)), ("OVERDUE-3", At(2023, 9, 12, 8))], overdue);
    }

    [Fact]
    public void The_30_April_and_1_May_holidays_move_and_merge_milestones()
    {
        var calendar = new WorkingCalendar(holidays: [Day(2024, 4, 30), Day(2024, 5, 1)]);

        // Deadline Thursday 2/5/2024: D-1 falls on 1/5 and would open on the due day itself.
        Assert.Equal(
            [("D-7", At(2024, 4, 25, 8)), ("D-3", At(2024, 4, 29, 8)), ("D0", At(2024, 5, 2, 8)), ("OVERDUE-1", At(2024, 5, 6, 8))],
            Series(Day(2024, 5, 2), Default, calendar, At(2024, 5, 6, 17)));
    }

    [Fact]
    public void A_milestone_set_for_06_00_goes_at_07_30()
    {
        var early = Default with { SendAt = new TimeOnly(6, 0) };

        var d3 = ReminderPlanner.Schedule(ChiBoDeadline, early, Calendar, At(2023, 6, 27, 17)).Single(m => m.Key.ToString() == "D-3");

        Assert.Equal(At(2023, 6, 27, 6, 0), d3.NominalAt);
        Assert.Equal(At(2023, 6, 27, 7, 30), d3.ScheduledAt);
    }

    [Fact]
    public void A_milestone_at_17_30_on_Friday_goes_on_Monday_at_07_30()
    {
        var late = Default with { SendAt = new TimeOnly(17, 30) };

        Assert.Equal(
            [
                ("D-7", At(2023, 6, 26, 7, 30)),   // Friday 23/6 17:30
                ("D-3", At(2023, 6, 28, 7, 30)),
                ("D-1", At(2023, 6, 30, 7, 30)),
                ("D0", At(2023, 7, 3, 7, 30)),     // Friday 30/6 17:30
            ],
            Series(ChiBoDeadline, late, Calendar, At(2023, 7, 3, 12)));
    }

    [Fact]
    public void Nothing_is_due_before_the_first_milestone() =>
        Assert.Empty(ReminderPlanner.DueMilestones(ChiBoDeadline, At(2023, 6, 23, 7, 59), Default, Calendar, lastRun: At(2023, 6, 23, 7, 54)));

    [Fact]
    public void A_milestone_is_due_once_its_time_comes_and_not_again()
    {
        var due = Assert.Single(ReminderPlanner.DueMilestones(ChiBoDeadline, At(2023, 6, 23, 8, 0), Default, Calendar, lastRun: At(2023, 6, 23, 7, 55)));

        Assert.Equal("D-7", due.Key.ToString());
        Assert.Equal(At(2023, 6, 23, 8, 0), due.ScheduledAt);
        Assert.Empty(ReminderPlanner.DueMilestones(ChiBoDeadline, At(2023, 6, 23, 8, 5), Default, Calendar, lastRun: At(2023, 6, 23, 8, 0)));
    }

    [Fact]
    public void After_an_outage_only_the_latest_milestone_is_due()
    {
        // Down from Monday 26/6 to Thursday 29/6 09:00: D-3 (Tuesday) is stale, D-1 (Thursday 08:00) is current.
        var due = Assert.Single(ReminderPlanner.DueMilestones(ChiBoDeadline, At(2023, 6, 29, 9), Default, Calendar, lastRun: At(2023, 6, 26, 9)));

        Assert.Equal("D-1", due.Key.ToString());
    }

    [Fact]
    public void A_first_run_after_the_deadline_reminds_with_the_current_overdue_milestone()
    {
        var due = Assert.Single(ReminderPlanner.DueMilestones(ChiBoDeadline, At(2023, 7, 5, 10), Default, Calendar, lastRun: null));

        Assert.Equal("OVERDUE-1", due.Key.ToString());
        Assert.Equal(At(2023, 7, 4, 8), due.ScheduledAt);
    }

    [Fact]
    public void A_planner_running_every_quarter_hour_sends_each_milestone_exactly_once_at_its_time()
    {
        var sent = new List<(string Key, DateTimeOffset At)>();
        DateTimeOffset? lastRun = null;
        for (var now = At(2023, 6, 1, 0); now <= At(2023, 7, 14, 23, 45); now = now.AddMinutes(15))
        {
            foreach (var milestone in ReminderPlanner.DueMilestones(ChiBoDeadline, now, Default, Calendar, lastRun))
                sent.Add((milestone.Key.ToString(), now));
            lastRun = now;
        }

        Assert.Equal(
            [
                ("D-7", At(2023, 6, 23, 8)), ("D-3", At(2023, 6, 27, 8)), ("D-1", At(2023, 6, 29, 8)), ("D0", At(2023, 6, 30, 8)),
                ("OVERDUE-1", At(2023, 7, 4, 8)), ("OVERDUE-2", At(2023, 7, 6, 8)), ("OVERDUE-3", At(2023, 7, 10, 8)),
                ("OVERDUE-4", At(2023, 7, 12, 8)), ("OVERDUE-5", At(2023, 7, 14, 8)),
            ],
            sent);
    }

    [Fact]
    public void Overdue_reminders_stop_at_the_configured_number()
    {
        var twice = Default with { MaxOverdueReminders = 2 };

        var keys = ReminderPlanner.Schedule(ChiBoDeadline, twice, Calendar, At(2023, 8, 31, 17)).Select(m => m.Key.ToString());

        Assert.Equal(["D-7", "D-3", "D-1", "D0", "OVERDUE-1", "OVERDUE-2"], keys);
        Assert.Empty(ReminderPlanner.DueMilestones(ChiBoDeadline, At(2023, 8, 31, 9), twice, Calendar, lastRun: At(2023, 7, 7, 9)));
    }

    [Fact]
    public void Milestones_are_editable_per_campaign()
    {
        var edited = new ReminderPolicy { DaysBefore = [10, 5], OnDueDay = false, OverdueEveryWorkingDays = 0 };

        Assert.Equal(
            [("D-10", At(2023, 6, 20, 8)), ("D-5", At(2023, 6, 26, 7, 30))],   // 25/6 is a Sunday
            Series(ChiBoDeadline, edited, Calendar, At(2023, 12, 31, 17)));
    }

    [Fact]
    public void Keys_are_the_same_on_every_run_and_survive_an_edit_of_other_milestones()
    {
        var early = ReminderPlanner.Schedule(ChiBoDeadline, Default, Calendar, At(2023, 7, 4, 9));
        var later = ReminderPlanner.Schedule(ChiBoDeadline, Default, Calendar, At(2023, 7, 20, 9));
        var withD5 = ReminderPlanner.Schedule(ChiBoDeadline, Default with { DaysBefore = [7, 5, 3, 1] }, Calendar, At(2023, 7, 4, 9));

        Assert.Equal(early, later.Take(early.Count));
        Assert.Equal(
            ["2023-06-30/D-7", "2023-06-30/D-3", "2023-06-30/D-1", "2023-06-30/D0", "2023-06-30/OVERDUE-1"],
            early.Select(m => m.StableId));
        Assert.Equal(early.Select(m => (m.StableId, m.ScheduledAt)), withD5.Where(m => m.Key.ToString() != "D-5").Select(m => (m.StableId, m.ScheduledAt)));
    }

    [Fact]
    public void A_moved_deadline_starts_a_fresh_series_of_keys()
    {
        var extended = ReminderPlanner.Schedule(Day(2023, 7, 7), Default, Calendar, At(2023, 7, 7, 9));

        Assert.Contains("2023-07-07/D-3", extended.Select(m => m.StableId));
        Assert.DoesNotContain(extended, m => m.StableId.StartsWith("2023-06-30", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_policy_is_refused() =>
        Assert.Throws<ArgumentException>(() => ReminderPlanner.Schedule(ChiBoDeadline, Default with { DaysBefore = [0] }, Calendar, At(2023, 7, 1, 9)));
}
