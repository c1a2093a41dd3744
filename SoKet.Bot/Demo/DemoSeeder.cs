using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Demo;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Campaigns.Units;
using SoKet.Bot.Data;
using SoKet.Bot.Reminders.Settings;
using SoKet.Bot.Text;

namespace SoKet.Bot.Demo;

/// <param name="UnitsImported">Null when the demo units were already there and nothing was loaded.</param>
/// <param name="ReportsWritten">The demo units' reports brought to their state in this run (0 when the campaign already existed).</param>
public sealed record DemoSeedResult(Guid CampaignId, string CampaignCode, bool CampaignCreated, UnitImportSummary? UnitsImported, int ReportsWritten = 0);

/// <summary>
/// Creates the demo campaign the way an office would, with its dates moved to today (<see cref="DemoTimeline"/>):
/// the Lai Châu plan (Kế hoạch 125-KH/ThU, shipped inside the app) read by the real importer and confirmed as is,
/// with the reference outline the importer offers since the plan's attached outline is missing; the demo units
/// loaded from a CSV by the real unit importer; then the units' reports brought to their states by the report
/// domain (<see cref="DemoReports"/>). All of it in one transaction: a start that fails half-way leaves nothing.
/// Safe to run on every start: an existing demo campaign, its units and reports are left as they are (only a
/// deleted demo unit is loaded again, with no report).
/// </summary>
public sealed partial class DemoSeeder(
    SoKetDbContext db, IOptions<DemoOptions> options, ReminderSettingsService reminders, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    /// <summary>The demo's conversation references and logged messages: see <see cref="DemoOutbound"/>.</summary>
    internal const string Actor = DemoOptions.Actor;

    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken = default)
    {
        var files = DemoPlan.FileNames.ToList();
        var campaign = await db.Campaigns.Include(c => c.Groups)
            .Where(c => c.CreatedBy == Actor && c.SourceFileName != null && files.Contains(c.SourceFileName))
            .OrderByDescending(c => c.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
        return campaign is null ? await CreateAsync(cancellationToken) : await RestoreUnitsAsync(campaign, cancellationToken);
    }

    private async Task<DemoSeedResult> CreateAsync(CancellationToken cancellationToken)
    {
        var timeline = DemoTimeline.From(clock.GetUtcNow(), reminders.Defaults);
        var plan = DemoPlan.Read(timeline);
        var extraction = PlanImporter.Extract(plan.Text);
        CheckDates(extraction, timeline);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The office loads the plan the working day after it is issued and the unit list the same morning.
        var loaded = timeline.Calendar.AddWorkingDays(timeline.Issued, 1);
        var campaign = CampaignFactory.Create(extraction, plan.Text, plan.FileName, Actor, timeline.At(loaded, 9).UtcDateTime,
            useReferenceOutline: extraction.OfferReferenceOutline);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);

        var memberUnit = options.Value.MemberUnitName;
        var summary = await ImportUnitsAsync(campaign, memberUnit, null, new FixedClock(timeline.At(loaded, 10)), cancellationToken);
        await DemoOutbound.ConnectAsync(db, campaign.Id, timeline.At(loaded, 10).UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var written = await new DemoReports(db).ApplyAsync(campaign, timeline, DemoReportScripts.All(memberUnit), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Dates as the office writes them (dd/MM/yyyy), not in the invariant culture's month-first form.
        LogCreated(logger, campaign.Code, timeline.ReportDeadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            timeline.EarlyReportDeadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), summary.Created, written, memberUnit);
        return new DemoSeedResult(campaign.Id, campaign.Code, true, summary, written);
    }

    /// <summary>Loads only the demo units missing from the campaign (a deleted one, or a renamed member unit); what testers changed in chat survives.</summary>
    private async Task<DemoSeedResult> RestoreUnitsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var memberUnit = options.Value.MemberUnitName;
        var names = await db.Units.Where(u => u.CampaignId == campaign.Id).Select(u => u.Name).ToListAsync(cancellationToken);
        UnitImportSummary? summary = null;
        if (!names.Any(n => VietnameseText.EqualsFolded(n, memberUnit)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            summary = await ImportUnitsAsync(campaign, memberUnit, names, clock, cancellationToken);
            await DemoOutbound.ConnectAsync(db, campaign.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        LogReady(logger, campaign.Code, summary?.Created ?? 0, memberUnit);
        return new DemoSeedResult(campaign.Id, campaign.Code, false, summary);
    }

    /// <param name="existing">Units already in the campaign, left untouched; null loads every demo unit.</param>
    private async Task<UnitImportSummary> ImportUnitsAsync(Campaign campaign, string memberUnit, IReadOnlyList<string>? existing, TimeProvider at, CancellationToken cancellationToken)
    {
        var units = UnitCsvImporter.Parse(Encoding.UTF8.GetBytes(DemoUnits.Csv(memberUnit)), campaign, DemoUnits.FileName);
        if (!units.Succeeded)
            throw new InvalidOperationException("The demo unit list does not fit the demo plan: " + units.DescribeProblems());
        var rows = existing is null ? units.Rows : units.Rows.Where(r => !existing.Any(n => VietnameseText.EqualsFolded(n, r.Name))).ToList();
        var summary = await UnitCsvImporter.StageAsync(db, campaign.Id, rows, Actor, at, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return summary;
    }

    /// <summary>The importer must read the moved dates where the timeline put them; a plan or importer change that breaks this stops the demo loudly.</summary>
    private static void CheckDates(PlanExtraction extraction, DemoTimeline timeline)
    {
        var dates = extraction.Deadlines.Where(d => d.Due == DueKind.Report && !d.IsIssuerTask).Select(d => d.Date?.Date).ToHashSet();
        if (extraction.IssuedOn?.Date != timeline.Issued || !dates.Contains(timeline.ReportDeadline) || !dates.Contains(timeline.EarlyReportDeadline))
            throw new InvalidOperationException(
                $"The importer did not read the demo plan's moved dates (issued {extraction.IssuedOn?.Date}, report deadlines {string.Join(", ", dates)}).");
    }

    /// <summary>A clock stopped at one instant: when the demo's units were loaded.</summary>
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo campaign {Code} created: grassroots report deadline {ReportDeadline}, early deadline {EarlyDeadline} (passed); {UnitsAdded} units, {Reports} reports in their demo states; web chat users join \"{MemberUnit}\"")]
    private static partial void LogCreated(ILogger logger, string code, string reportDeadline, string earlyDeadline, int unitsAdded, int reports, string memberUnit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo campaign {Code} kept as it is (units added: {UnitsAdded}); web chat users join \"{MemberUnit}\"")]
    private static partial void LogReady(ILogger logger, string code, int unitsAdded, string memberUnit);
}
