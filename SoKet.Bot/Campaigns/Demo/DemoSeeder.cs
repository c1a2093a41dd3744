using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Campaigns.Units;
using SoKet.Bot.Data;
using SoKet.Bot.Text;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Campaigns.Demo;

/// <param name="UnitsImported">Null when the demo units were already there and nothing was loaded.</param>
public sealed record DemoSeedResult(Guid CampaignId, string CampaignCode, bool CampaignCreated, UnitImportSummary? UnitsImported);

/// <summary>
/// Creates the demo campaign the way an admin would: the Lai Châu plan (Kế hoạch 125-KH/ThU, shipped inside
/// the app) read by the real importer and confirmed as is, with the reference outline the importer offers
/// since the plan's attached outline is missing; then the demo units loaded from a CSV by the real unit
/// importer. Safe to run on every start: an existing demo campaign and its units are left as they are.
/// </summary>
public sealed partial class DemoSeeder(SoKetDbContext db, IOptions<DemoOptions> options, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    /// <summary>Recorded as the campaign's creator and the units' importer, and how the demo campaign is recognised.</summary>
    public const string Actor = "demo";

    public const string PlanFileName = "ke-hoach-125-KH-ThU-lai-chau-2023.txt";

    private const string PlanResource = "SoKet.Bot.Campaigns.Demo." + PlanFileName;

    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken = default)
    {
        var plan = ReadPlan();
        var extraction = PlanImporter.Extract(plan.Text);
        var code = extraction.Number?.Code ?? throw new InvalidOperationException("The demo plan has no number and symbol.");

        var campaign = await db.Campaigns.Include(c => c.Groups).SingleOrDefaultAsync(c => c.Code == code && c.CreatedBy == Actor, cancellationToken);
        var created = campaign is null;
        if (campaign is null)
        {
            campaign = CampaignFactory.Create(extraction, plan.Text, plan.FileName, Actor, clock.GetUtcNow().UtcDateTime, useReferenceOutline: extraction.OfferReferenceOutline);
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Loaded only while the unit web chat users join is missing (a new campaign, a changed setting), so
        // what a tester changed in chat survives a restart.
        var memberUnit = options.Value.MemberUnitName;
        var names = await db.Units.Where(u => u.CampaignId == campaign.Id).Select(u => u.Name).ToListAsync(cancellationToken);
        UnitImportSummary? summary = null;
        if (!names.Any(n => VietnameseText.EqualsFolded(n, memberUnit)))
        {
            var units = UnitCsvImporter.Parse(Encoding.UTF8.GetBytes(DemoUnits.Csv(memberUnit)), campaign, DemoUnits.FileName);
            if (!units.Succeeded)
                throw new InvalidOperationException("The demo unit list does not fit the demo plan: " + units.DescribeProblems());
            summary = await UnitCsvImporter.ApplyAsync(db, campaign.Id, units.Rows, Actor, clock, cancellationToken);
        }

        LogSeeded(logger, campaign.Code, created, summary?.Created ?? 0, memberUnit);
        return new DemoSeedResult(campaign.Id, campaign.Code, created, summary);
    }

    private static PlanText ReadPlan()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(PlanResource)
            ?? throw new InvalidOperationException($"Embedded resource {PlanResource} is missing from the build.");
        return new PlanTextReader().Read(stream, PlanFileName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo campaign {Code} ready (created now: {Created}, units added: {UnitsAdded}); web chat users join \"{MemberUnit}\"")]
    private static partial void LogSeeded(ILogger logger, string code, bool created, int unitsAdded, string memberUnit);
}
