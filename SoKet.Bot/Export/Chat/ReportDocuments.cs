using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.Drafting;
using SoKet.Bot.Reports;
using ExportRow = SoKet.Bot.Export.IndicatorRow;
using ExportSection = SoKet.Bot.Export.OutlineSection;

namespace SoKet.Bot.Export.Chat;

/// <summary>Reads reports from the store into the export models, in outline order.</summary>
public sealed class ReportDocuments(SoKetDbContext db)
{
    public static IReadOnlyList<ExportSection> Outline(Campaign campaign) =>
        campaign.Sections.OrderBy(s => s.Order)
            .Select(s => new ExportSection(s.Id.ToString(), SectionTitles.Label(s.NumberLabel, s.Heading), s.Heading, s.Level) { HoldsIndicators = s.Kind == Campaigns.Import.SectionKind.IndicatorTable })
            .ToList();

    public async Task<UnitReport> LoadAsync(Campaign campaign, Unit unit, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking()
            .Include(r => r.Sections).Include(r => r.Indicators)
            .FirstOrDefaultAsync(r => r.CampaignId == campaign.Id && r.UnitId == unit.Id, cancellationToken);
        return ToExport(unit, report, ReportOutline.For(campaign.Sections, unit).Select(e => e.Id).ToHashSet());
    }

    /// <summary>
    /// Every unit of the campaign (loaded with it) with its report, in Vietnamese alphabetical order: the reports in
    /// one query with their drafts and rows (split), not one query per unit.
    /// </summary>
    public async Task<IReadOnlyList<UnitReport>> LoadAllAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var reports = await db.Reports.AsNoTracking().Where(r => r.CampaignId == campaign.Id)
            .Include(r => r.Sections).Include(r => r.Indicators).AsSplitQuery()
            .ToDictionaryAsync(r => r.UnitId, cancellationToken);
        // The outline a unit writes depends only on whether it has a committee.
        var applicable = new[] { false, true }.ToDictionary(
            committee => committee,
            committee => ReportOutline.For(campaign.Sections, new Unit { HasCommittee = committee }).Select(e => e.Id).ToHashSet());
        return campaign.Units.OrderBy(u => u.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))
            .Select(u => ToExport(u, reports.GetValueOrDefault(u.Id), applicable[u.HasCommittee]))
            .ToList();
    }

    private static UnitReport ToExport(Unit unit, Report? report, HashSet<Guid> applicable)
    {
        if (report is null)
            return new UnitReport(unit.Name);
        return new UnitReport(unit.Name)
        {
            Submitted = report.Status == ReportStatus.Submitted,
            Late = report.SubmittedLate == true,
            SubmittedAt = report.SubmittedAtUtc is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            SectionTexts = report.Sections
                .Where(s => applicable.Contains(s.SectionId) && !string.IsNullOrWhiteSpace(s.Text))
                .ToDictionary(s => s.SectionId.ToString(), s => s.Text),
            Indicators = report.Indicators.OrderBy(i => i.Order).Select(ToExport).ToList(),
        };
    }

    public async Task<Campaign> LoadCampaignAsync(Guid campaignId, CancellationToken cancellationToken) =>
        await db.Campaigns.AsNoTracking().AsSplitQuery()
            .Include(c => c.Sections).Include(c => c.Deadlines).Include(c => c.Groups).Include(c => c.Units)
            .FirstAsync(c => c.Id == campaignId, cancellationToken);

    private static ExportRow ToExport(Reports.IndicatorRow row)
    {
        var assessment = IndicatorAssessment.Assess(row.Target, row.Result, row.FullYearEstimate, row.LowerIsBetter);
        return new ExportRow(row.Name, row.UnitOfMeasure ?? "")
        {
            Target = row.Target,
            Result = row.Result,
            Estimate = row.FullYearEstimate,
            AchievementPercent = assessment.AchievementPercent,
            Verdict = assessment.VerdictLabel,
            LowerIsBetter = row.LowerIsBetter,
        };
    }
}
