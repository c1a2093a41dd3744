using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>What the section to draft is for; decides the drafter's structure and the prompt's instructions.</summary>
public enum SectionPurpose
{
    /// <summary>"Hạn chế, khuyết điểm".</summary>
    Shortcomings,

    /// <summary>"Nguyên nhân" with both objective and subjective parts.</summary>
    Causes,

    /// <summary>"Nguyên nhân khách quan".</summary>
    ObjectiveCauses,

    /// <summary>"Nguyên nhân chủ quan".</summary>
    SubjectiveCauses,

    /// <summary>"Bài học kinh nghiệm".</summary>
    Lessons,

    /// <summary>"Đánh giá chung": the overall assessment of the indicators.</summary>
    OverallAssessment,
}

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

/// <summary>Finds the purpose of an outline heading, for callers that only know the heading.</summary>
public static class SectionPurposes
{
    /// <summary>
    /// "I. Hạn chế, khuyết điểm" → Shortcomings; "2.1. Nguyên nhân khách quan" → ObjectiveCauses; "III. BÀI HỌC KINH
    /// NGHIỆM" → Lessons; "Đánh giá chung" → OverallAssessment. Null when the heading is not an evaluative section the
    /// drafter covers, including "Nguyên nhân của những kết quả" (causes of successes). Only the heading is seen: for
    /// "2.1. Nguyên nhân khách quan" under "1. Nguyên nhân của những kết quả" the caller must pass the parent heading.
    /// </summary>
    public static SectionPurpose? FromHeading(string heading)
    {
        var folded = VietnameseText.FoldWords(heading);
        if (folded.Contains("nguyen nhan", StringComparison.Ordinal) && folded.Contains("ket qua", StringComparison.Ordinal))
            return null;
        if (folded.Contains("nguyen nhan khach quan", StringComparison.Ordinal))
            return SectionPurpose.ObjectiveCauses;
        if (folded.Contains("nguyen nhan chu quan", StringComparison.Ordinal))
            return SectionPurpose.SubjectiveCauses;
        if (folded.Contains("nguyen nhan", StringComparison.Ordinal))
            return SectionPurpose.Causes;
        if (folded.Contains("han che", StringComparison.Ordinal) || folded.Contains("khuyet diem", StringComparison.Ordinal) ||
            folded.Contains("yeu kem", StringComparison.Ordinal))
            return SectionPurpose.Shortcomings;
        if (folded.Contains("bai hoc", StringComparison.Ordinal))
            return SectionPurpose.Lessons;
        if (folded.Contains("danh gia chung", StringComparison.Ordinal))
            return SectionPurpose.OverallAssessment;
        return null;
    }
}
