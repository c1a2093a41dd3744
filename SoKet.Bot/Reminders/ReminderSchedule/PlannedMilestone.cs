using System.Globalization;

namespace SoKet.Bot.Reminders.ReminderSchedule;

/// <summary>A reminder milestone of one deadline and when it goes out.</summary>
/// <param name="NominalAt">The policy's time on the milestone's date.</param>
/// <param name="ScheduledAt">The nominal time, moved to the next opening when it falls outside working hours.</param>
public sealed record PlannedMilestone(MilestoneKey Key, DateOnly Deadline, DateTimeOffset NominalAt, DateTimeOffset ScheduledAt)
{
    /// <summary>
    /// "2023-06-30/D-3": the milestone part of an outbox key (campaign, unit, milestone, recipient).
    /// It carries the deadline so that when the office moves a unit's deadline, the new deadline's
    /// reminders are not mistaken for the old one's, which were already sent.
    /// </summary>
    public string StableId => Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + Key;
}
