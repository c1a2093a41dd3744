namespace SoKet.Bot.Reminders.ReminderSchedule;

/// <summary>
/// Decides which reminder milestone of a deadline is due, from instants passed in (no clock inside).
/// <para>Rules, in order:</para>
/// <list type="number">
/// <item>Each milestone has a nominal time: the policy's <see cref="ReminderPolicy.SendAt"/> on its date
/// (D-n: n calendar days before the deadline; D0: the deadline; OVERDUE-k: k × the interval in working
/// days after it). Outside working hours it moves to the next opening.</item>
/// <item>At most one reminder a day: when several milestones land on the same local day (a D-1 that falls
/// on a holiday opens on the due day), only the most urgent is kept. A superseded milestone is never
/// due, whatever the time, so the series is the same on every run.</item>
/// <item>A run returns only the most recent milestone that has become due since the last run: after an
/// outage the unit gets today's reminder, not a backlog of stale ones.</item>
/// </list>
/// The result is what to write to the outbox; the sender must still check
/// <see cref="WorkingCalendar.IsOpen"/> when it sends, because a large fan-out can run past closing time.
/// </summary>
public static class ReminderPlanner
{
    // Years of reminders every working day: a bound for a caller passing a distant `through`, not a policy.
    private const int OverdueSafetyLimit = 2000;

    /// <summary>The deadline's milestones scheduled at or before <paramref name="through"/>, oldest first, superseded ones left out.</summary>
    public static IReadOnlyList<PlannedMilestone> Schedule(DateOnly deadline, ReminderPolicy policy, WorkingCalendar calendar, DateTimeOffset through)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);
        var errors = policy.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors), nameof(policy));

        var series = new List<PlannedMilestone>();
        foreach (var days in policy.DaysBefore.Order().Reverse())
            series.Add(Plan(MilestoneKey.DaysBefore(days), deadline, deadline.AddDays(-days), policy, calendar));
        if (policy.OnDueDay)
            series.Add(Plan(MilestoneKey.DueDay, deadline, deadline, policy, calendar));
        AddOverdue(series, deadline, policy, calendar, through);

        return WithoutSuperseded(series, calendar).Where(m => m.ScheduledAt <= through).ToList();
    }

    /// <summary>
    /// The milestone to remind about now, if one became due after <paramref name="lastRun"/> (the
    /// <c>now</c> of the previous run; null on the first): zero or one item.
    /// </summary>
    public static IReadOnlyList<PlannedMilestone> DueMilestones(
        DateOnly deadline, DateTimeOffset now, ReminderPolicy policy, WorkingCalendar calendar, DateTimeOffset? lastRun)
    {
        var latest = Schedule(deadline, policy, calendar, now).LastOrDefault();
        if (latest is null || latest.ScheduledAt <= lastRun)
            return [];
        return [latest];
    }

    /// <summary>Overdue milestones up to <paramref name="through"/>, plus the one after it, which may supersede the last one.</summary>
    private static void AddOverdue(List<PlannedMilestone> series, DateOnly deadline, ReminderPolicy policy, WorkingCalendar calendar, DateTimeOffset through)
    {
        if (policy.OverdueEveryWorkingDays == 0)
            return;
        var date = deadline;
        for (var ordinal = 1; ordinal <= (policy.MaxOverdueReminders ?? OverdueSafetyLimit); ordinal++)
        {
            date = calendar.AddWorkingDays(date, policy.OverdueEveryWorkingDays);
            var milestone = Plan(MilestoneKey.Overdue(ordinal), deadline, date, policy, calendar);
            series.Add(milestone);
            if (milestone.NominalAt > through)
                return;
        }
    }

    private static PlannedMilestone Plan(MilestoneKey key, DateOnly deadline, DateOnly date, ReminderPolicy policy, WorkingCalendar calendar)
    {
        var nominal = calendar.AtLocal(date, policy.SendAt);
        return new PlannedMilestone(key, deadline, nominal, calendar.NextOpening(nominal));
    }

    /// <summary>Keeps, of milestones opening on the same local day, the most urgent (they are in urgency order and open in that order).</summary>
    private static IEnumerable<PlannedMilestone> WithoutSuperseded(List<PlannedMilestone> series, WorkingCalendar calendar)
    {
        for (var i = 0; i < series.Count; i++)
        {
            var isLast = i == series.Count - 1;
            if (isLast || calendar.LocalDate(series[i].ScheduledAt) < calendar.LocalDate(series[i + 1].ScheduledAt))
                yield return series[i];
        }
    }
}
