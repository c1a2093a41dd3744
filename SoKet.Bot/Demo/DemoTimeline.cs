using SoKet.Bot.Reminders.ReminderSchedule;
using SoKet.Bot.Reminders.Settings;

namespace SoKet.Bot.Demo;

/// <summary>
/// The demo's dates, moved from the Lai Châu plan's 2023 to today (in the office's calendar, Asia/Ho_Chi_Minh,
/// with the configured working days and holidays), so that every screen has something to show:
/// <list type="bullet">
/// <item>the grassroots units' report deadline (30/6/2023 in the plan) a few weeks ahead;</item>
/// <item>the earlier deadline of HĐND, UBND, the Party boards and the Front (25/6/2023) already passed, on the
/// working day that puts one of its overdue reminders on the next working day — the planner's own rule (every
/// <see cref="ReminderPolicy.OverdueEveryWorkingDays"/> working days after the deadline), so a newcomer who comes
/// back tomorrow finds a reminder sent;</item>
/// <item>the city committee's conference (30/7/2023) a month after the grassroots deadline;</item>
/// <item>the plan issued as long before the grassroots deadline as the real one was (101 days), and the
/// provincial plan it implements 22 days before that.</item>
/// </list>
/// The plan's order of dates is kept; the gap between the two report deadlines is not (5 days in the plan), since
/// one must have passed and the other be weeks away.
/// </summary>
public sealed record DemoTimeline(
    DateOnly Today,
    DateOnly NextWorkingDay,
    DateOnly Issued,
    DateOnly ProvincialPlan,
    DateOnly EarlyReportDeadline,
    DateOnly ReportDeadline,
    DateOnly CityConference,
    WorkingCalendar Calendar)
{
    /// <summary>Days from the plan's issue (21/3/2023) to the grassroots deadline (30/6/2023).</summary>
    public const int IssuedBeforeDeadlineDays = 101;

    /// <summary>Days from the provincial plan 152-KH/TU (27/02/2023) to the city's plan (21/3/2023).</summary>
    public const int ProvincialPlanBeforeIssueDays = 22;

    /// <summary>Calendar days from today to the grassroots deadline, before it is moved onto a working day.</summary>
    public const int ReportDeadlineInDays = 24;

    /// <summary>Days from the grassroots deadline to the city committee's conference (30/6 → 30/7).</summary>
    public const int ConferenceAfterDeadlineDays = 30;

    public static DemoTimeline From(DateTimeOffset now, CampaignReminderRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var calendar = rules.Calendar;
        var today = calendar.LocalDate(now);
        var next = calendar.AddWorkingDays(today, 1);
        var report = OnWorkingDay(calendar, today.AddDays(ReportDeadlineInDays));
        var issued = report.AddDays(-IssuedBeforeDeadlineDays);
        return new DemoTimeline(
            today, next, issued, issued.AddDays(-ProvincialPlanBeforeIssueDays),
            EarlyDeadline(calendar, rules.Policy, today, next), report, report.AddDays(ConferenceAfterDeadlineDays), calendar);
    }

    /// <summary>A local wall-clock time on <paramref name="day"/>, as an instant.</summary>
    public DateTimeOffset At(DateOnly day, int hour, int minute = 0) => Calendar.AtLocal(day, new TimeOnly(hour, minute));

    /// <summary>The working day <paramref name="count"/> working days before <paramref name="day"/>.</summary>
    public DateOnly WorkingDaysBefore(DateOnly day, int count) => Calendar.AddWorkingDays(day, -count);

    /// <summary>The working day <paramref name="count"/> working days before today.</summary>
    public DateOnly DaysAgo(int count) => Calendar.AddWorkingDays(Today, -count);

    /// <summary>
    /// About a week and a half ago, and exactly a whole number of overdue intervals before the next working day, so
    /// the overdue series lands on it. With no overdue reminders in the policy, a week ago.
    /// </summary>
    private static DateOnly EarlyDeadline(WorkingCalendar calendar, ReminderPolicy policy, DateOnly today, DateOnly next)
    {
        var every = policy.OverdueEveryWorkingDays;
        if (every == 0)
            return calendar.AddWorkingDays(today, -5);
        // Enough intervals to be at least six working days back, but no more than the policy ever sends.
        var intervals = Math.Max(1, (6 + every - 1) / every);
        if (policy.MaxOverdueReminders is { } max)
            intervals = Math.Min(intervals, max);
        var deadline = calendar.AddWorkingDays(next, -intervals * every);
        // A policy of one reminder a day after the deadline, at most one: the deadline must still have passed.
        return deadline < today ? deadline : calendar.AddWorkingDays(today, -1);
    }

    private static DateOnly OnWorkingDay(WorkingCalendar calendar, DateOnly day) =>
        calendar.IsWorkingDay(day) ? day : calendar.AddWorkingDays(day, 1);
}
