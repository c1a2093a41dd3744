using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Demo;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Demo;

/// <summary>What `--demo-reset` removed.</summary>
public sealed record DemoResetResult(int Campaigns, int Units, int Reports, int People);

/// <summary>
/// `--demo-reset`: removes the demo campaigns and only what the demo created, in one transaction, before the demo is
/// seeded anew. A demo campaign is one created by <see cref="DemoOptions.Actor"/> from the demo plan's file; with it
/// go its units, reports (drafts, revisions, indicator rows, review comments, by cascade), reminder settings, its
/// reminder outbox and audit entries; and the people who belong to the demo alone: an invented demo address, or no
/// address at all (the web chat users the demo made members), who are in no other campaign's unit list and are not
/// office staff. Every other campaign, unit and person is left exactly as it was.
/// </summary>
public sealed partial class DemoReset(SoKetDbContext db, ILogger<DemoReset> logger)
{
    public async Task<DemoResetResult> ResetAsync(CancellationToken cancellationToken = default)
    {
        var files = DemoPlan.FileNames.ToList();
        var campaigns = await db.Campaigns.Where(c => c.CreatedBy == DemoOptions.Actor && c.SourceFileName != null && files.Contains(c.SourceFileName))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        if (campaigns.Count == 0)
            return new DemoResetResult(0, 0, 0, 0);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var demoUnits = db.Set<Unit>().Where(u => campaigns.Contains(u.CampaignId));
        var otherUnits = db.Set<Unit>().Where(u => !campaigns.Contains(u.CampaignId));
        var linked = await demoUnits.SelectMany(u => u.Members.Select(m => m.PersonId))
            .Concat(demoUnits.Where(u => u.LeaderPersonId != null).Select(u => u.LeaderPersonId!.Value))
            .Distinct().ToListAsync(cancellationToken);
        var elsewhere = await otherUnits.SelectMany(u => u.Members.Select(m => m.PersonId))
            .Concat(otherUnits.Where(u => u.LeaderPersonId != null).Select(u => u.LeaderPersonId!.Value))
            .Where(id => linked.Contains(id)).Distinct().ToListAsync(cancellationToken);
        var leaving = await db.People
            .Where(p => linked.Contains(p.Id) && !elsewhere.Contains(p.Id) && !p.IsAdmin && (p.Email == null || p.Email.EndsWith(DemoUnits.EmailDomain)))
            .Select(p => new { p.Id, p.ChannelId, p.ChannelUserId }).ToListAsync(cancellationToken);
        var people = leaving.Select(p => p.Id).ToList();
        var demoConversations = leaving.Where(p => p.ChannelId == DemoOutbound.ChannelId && p.ChannelUserId != null).Select(p => p.ChannelUserId!).ToList();

        var reports = await db.Reports.CountAsync(r => campaigns.Contains(r.CampaignId), cancellationToken);
        await db.Set<ReminderOutboxItem>().Where(i => campaigns.Contains(i.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        await db.AuditEntries.Where(a => a.CampaignId != null && campaigns.Contains(a.CampaignId.Value)).ExecuteDeleteAsync(cancellationToken);
        // Units before their campaign: a unit's group may not go while the unit is there (restrict), and the store's
        // cascades run in no promised order. Reports, drafts, revisions, rows, comments and members follow by cascade.
        var units = await demoUnits.ExecuteDeleteAsync(cancellationToken);
        await db.Campaigns.Where(c => campaigns.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        // Only the logged conversations of the people leaving; a demo person kept for another campaign keeps theirs.
        await db.ConversationReferences.Where(r => r.ChannelId == DemoOutbound.ChannelId && demoConversations.Contains(r.ConversationId)).ExecuteDeleteAsync(cancellationToken);
        await db.People.Where(p => people.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var result = new DemoResetResult(campaigns.Count, units, reports, people.Count);
        LogReset(logger, result.Campaigns, result.Units, result.Reports, result.People);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo reset: removed {Campaigns} demo campaign(s) with {Units} units, {Reports} reports and {People} demo people; nothing else was touched")]
    private static partial void LogReset(ILogger logger, int campaigns, int units, int reports, int people);
}
