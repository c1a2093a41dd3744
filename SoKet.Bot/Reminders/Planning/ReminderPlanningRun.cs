using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reminders.ReminderSchedule;
using SoKet.Bot.Reminders.Settings;
using SoKet.Bot.Reports;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Reminders.Planning;

/// <summary>
/// One pass of the planner: writes to the outbox the reminders that became due since the previous pass.
/// Idempotent (insert-if-absent under the outbox key), so two instances planning at once, or a pass that
/// crashed half-way and runs again, write each reminder once.
/// </summary>
public sealed class ReminderPlanningRun(
    SoKetDbContext db,
    SubmissionStatusQuery status,
    ReminderSettingsService settings,
    ReminderOutbox outbox,
    IOptions<PeopleOptions> people,
    TimeProvider clock)
{
    internal const string LastRunKey = "Reminders:PlannerLastRunUtc";

    /// <summary>Plans from the stored previous pass to now, then stores now; returns how many items were written.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lastRun = await LastRunAsync(ct) ?? now.AddDays(-1);
        var added = await PlanAsync(now, lastRun, ct);
        await SaveLastRunAsync(now, ct);
        return added;
    }

    public async Task<int> PlanAsync(DateTimeOffset now, DateTimeOffset lastRun, CancellationToken ct)
    {
        var submissions = await status.ListAsync(null, null, ct);
        var added = 0;
        foreach (var campaign in submissions.GroupBy(s => s.CampaignId))
        {
            var rules = await settings.ForCampaignAsync(campaign.Key, ct);
            var items = new List<ReminderOutboxItem>();
            var open = campaign.Where(s => !s.IsSubmitted && s.Deadline is not null).ToList();
            var members = await MembersAsync(open.Select(s => s.UnitId).ToList(), ct);
            foreach (var unit in open)
            {
                var due = ReminderPlanner.DueMilestones(unit.Deadline!.Value, now, rules.Policy, rules.Calendar, lastRun);
                foreach (var milestone in due)
                    foreach (var personId in members.GetValueOrDefault(unit.UnitId) ?? [])
                        items.Add(Item(unit.CampaignId, unit.UnitId, ReminderKind.UnitReminder, milestone.StableId, personId, milestone.ScheduledAt, now));
            }
            items.AddRange(await DailyItemsAsync(campaign.Key, open, rules, now, ct));
            added += await outbox.EnqueueAsync(items, ct);
        }
        return added;
    }

    /// <summary>Leaders' digest of their late units and the admins' summary: once a working day, from the policy's hour.</summary>
    private async Task<List<ReminderOutboxItem>> DailyItemsAsync(Guid campaignId, List<UnitSubmission> open, CampaignReminderRules rules, DateTimeOffset now, CancellationToken ct)
    {
        var items = new List<ReminderOutboxItem>();
        var today = rules.Calendar.LocalDate(now);
        var at = rules.Calendar.AtLocal(today, rules.Policy.SendAt);
        if (!rules.Calendar.IsWorkingDay(today) || now < rules.Calendar.NextOpening(at) || open.Count == 0)
            return items;
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sendAt = rules.Calendar.NextOpening(at);

        foreach (var leader in open.Where(u => u.IsLate(today) && u.LeaderPersonId is not null).Select(u => u.LeaderPersonId!.Value).Distinct())
            items.Add(Item(campaignId, Guid.Empty, ReminderKind.LeaderDigest, "digest/" + day, leader, sendAt, now));

        var firstReminderDay = open.Min(u => u.Deadline!.Value).AddDays(-(rules.Policy.DaysBefore.DefaultIfEmpty(0).Max()));
        if (today >= firstReminderDay)
            foreach (var admin in await AdminIdsAsync(ct))
                items.Add(Item(campaignId, Guid.Empty, ReminderKind.AdminSummary, "summary/" + day, admin, sendAt, now));
        return items;
    }

    public async Task<IReadOnlyList<Guid>> AdminIdsAsync(CancellationToken ct) =>
        await PeopleService.Office(db.People.AsNoTracking(), people.Value).Select(p => p.Id).ToListAsync(ct);

    /// <summary>The unit's office staff and secretaries: the people registered as its members.</summary>
    public async Task<Dictionary<Guid, List<Guid>>> MembersAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, List<Guid>>();
        foreach (var chunk in unitIds.Chunk(500).Select(c => c.ToList()))
        {
            var rows = await db.UnitMembers.AsNoTracking().Where(m => chunk.Contains(m.UnitId)).Select(m => new { m.UnitId, m.PersonId }).ToListAsync(ct);
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.UnitId, out var list))
                    result[row.UnitId] = list = [];
                list.Add(row.PersonId);
            }
        }
        return result;
    }

    public static ReminderOutboxItem Item(Guid campaignId, Guid unitId, ReminderKind kind, string milestone, Guid? personId, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        CampaignId = campaignId,
        UnitId = unitId,
        PersonId = personId,
        Kind = kind,
        Milestone = milestone,
        UniqueKey = ReminderOutboxItem.KeyOf(campaignId, unitId, milestone, personId),
        State = ReminderState.Pending,
        DueAtUtc = dueAt.UtcDateTime,
        CreatedAtUtc = now.UtcDateTime,
    };

    private async Task<DateTimeOffset?> LastRunAsync(CancellationToken ct)
    {
        var value = await db.AppSettings.AsNoTracking().Where(s => s.Key == LastRunKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private async Task SaveLastRunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.AppSettings.FirstOrDefaultAsync(s => s.Key == LastRunKey, ct);
        if (row is null)
            db.AppSettings.Add(row = new AppSetting { Key = LastRunKey });
        row.Value = now.ToString("O", CultureInfo.InvariantCulture);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance stored its own pass at the same moment; either time will do.
            db.ChangeTracker.Clear();
        }
    }
}
