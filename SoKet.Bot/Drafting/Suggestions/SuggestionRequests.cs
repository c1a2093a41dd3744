using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting.Suggestions;

/// <summary>Builds what the drafter may use for a section: the unit's own written sections and indicator table, nothing else.</summary>
public sealed class SuggestionRequests(SoKetDbContext db)
{
    public async Task<(DraftingRequest Request, string SectionTitle)?> BuildAsync(Guid reportId, Guid sectionId, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Sections).Include(r => r.Indicators)
            .FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
            return null;
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Sections).FirstAsync(c => c.Id == report.CampaignId, cancellationToken);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, cancellationToken);
        var section = campaign.Sections.FirstOrDefault(s => s.Id == sectionId);
        if (section is null)
            return null;
        var parent = campaign.Sections.FirstOrDefault(s => s.Id == section.ParentId);
        var purpose = PurposeOf(section.Heading, parent?.Heading);
        if (purpose is null)
            return null;

        var headings = campaign.Sections.ToDictionary(s => s.Id, s => SectionTitles.Compose(s.NumberLabel, s.Heading));
        var order = campaign.Sections.ToDictionary(s => s.Id, s => s.Order);
        var own = report.Sections
            .Where(d => d.SectionId != sectionId && !string.IsNullOrWhiteSpace(d.Text) && headings.ContainsKey(d.SectionId))
            .OrderBy(d => order[d.SectionId])
            .Select(d => new OwnSection(headings[d.SectionId], d.Text))
            .ToList();
        var indicators = report.Indicators.OrderBy(i => i.Order)
            .Select(i => new IndicatorInput(i.Name, i.UnitOfMeasure ?? "", i.Target, i.Result, i.FullYearEstimate, i.LowerIsBetter))
            .ToList();
        var existing = report.Sections.FirstOrDefault(d => d.SectionId == sectionId)?.Text;
        var request = new DraftingRequest
        {
            CampaignTitle = campaign.Title,
            UnitName = unit.Name,
            SectionHeading = section.Heading,
            SectionGuidance = section.Guidance,
            Purpose = purpose.Value,
            OwnSections = own,
            Indicators = indicators,
            ExistingText = string.IsNullOrWhiteSpace(existing) ? null : existing,
        };
        return (request, headings[sectionId]);
    }

    /// <summary>The heading says what to write ("Hạn chế, khuyết điểm"); "2.1. Khách quan" under "Nguyên nhân" takes its parent's.</summary>
    public static SectionPurpose? PurposeOf(string heading, string? parentHeading)
    {
        var own = SectionPurposes.FromHeading(heading);
        if (own is not null)
            return own;
        if (parentHeading is null || SectionPurposes.FromHeading(parentHeading) is not { } fromParent)
            return null;
        var folded = Text.VietnameseText.Fold(heading);
        if (fromParent is SectionPurpose.Causes && folded.Contains("khach quan", StringComparison.Ordinal))
            return SectionPurpose.ObjectiveCauses;
        if (fromParent is SectionPurpose.Causes && folded.Contains("chu quan", StringComparison.Ordinal))
            return SectionPurpose.SubjectiveCauses;
        return fromParent;
    }

    public static bool CanSuggest(Campaigns.CampaignSection section, Campaigns.CampaignSection? parent) =>
        section.Kind == SectionKind.FreeText && (section.IsEvaluative || PurposeOf(section.Heading, parent?.Heading) is not null);
}
