using SoKet.Bot.Campaigns;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;


/// <summary>One of the unit's own report sections (its results), as the unit wrote it.</summary>
public sealed record OwnSection(string Heading, string Text);

/// <summary>One row of the unit's indicator table. Figures are in <see cref="UnitOfMeasure"/> ("%", "đảng viên", "triệu đồng/người/năm").</summary>
public sealed record IndicatorInput(
    string Name,
    string UnitOfMeasure,
    decimal? Target,
    decimal? Result,
    decimal? FullYearEstimate,
    bool LowerIsBetter = false)
{
    public IndicatorAssessment Assess() => IndicatorAssessment.Assess(Target, Result, FullYearEstimate, LowerIsBetter);
}

/// <summary>Everything a suggestion may draw on. Plain data: the caller maps its report entities into it.</summary>
public sealed record DraftingRequest
{
    public required string CampaignTitle { get; init; }

    public required string UnitName { get; init; }

    /// <summary>The outline heading of the section to draft, e.g. "I. Hạn chế, khuyết điểm".</summary>
    public required string SectionHeading { get; init; }

    /// <summary>The plan's guidance for the section, if any.</summary>
    public string? SectionGuidance { get; init; }

    public required SectionPurpose Purpose { get; init; }

    /// <summary>The unit's results sections, in outline order.</summary>
    public IReadOnlyList<OwnSection> OwnSections { get; init; } = [];

    public IReadOnlyList<IndicatorInput> Indicators { get; init; } = [];

    /// <summary>What the section holds today. Never overwritten by a suggestion; the caller decides what to keep.</summary>
    public string? ExistingText { get; init; }

    /// <summary>
    /// The same request with every text in NFC and tidy whitespace, line breaks kept: users paste decomposed Unicode
    /// from Word and some keyboards, and matching, grounding and the prompt all need one form.
    /// </summary>
    public DraftingRequest Normalized() => this with
    {
        CampaignTitle = VietnameseText.CleanLine(CampaignTitle),
        UnitName = VietnameseText.CleanLine(UnitName),
        SectionHeading = VietnameseText.CleanLine(SectionHeading),
        SectionGuidance = SectionGuidance is null ? null : TextLines.Normalize(SectionGuidance),
        OwnSections = [.. OwnSections.Select(s => new OwnSection(VietnameseText.CleanLine(s.Heading), TextLines.Normalize(s.Text)))],
        Indicators = [.. Indicators.Select(i => i with { Name = VietnameseText.CleanLine(i.Name), UnitOfMeasure = VietnameseText.CleanLine(i.UnitOfMeasure) })],
        ExistingText = ExistingText is null ? null : TextLines.Normalize(ExistingText),
    };
}
