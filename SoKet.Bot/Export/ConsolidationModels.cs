namespace SoKet.Bot.Export;

/// <summary>One heading of a campaign's report outline (đề cương), in outline order.</summary>
/// <param name="Id">Stable id that unit reports use to key their section texts.</param>
/// <param name="Label">Numbering as written: "Phần 1", "B.", "II.", "2.1.".</param>
/// <param name="Heading">Heading text as written in the plan.</param>
/// <param name="Level">1 for a part (Phần), then one more per nesting step.</param>
public sealed record OutlineSection(string Id, string Label, string Heading, int Level)
{
    /// <summary>The section that holds the indicator table (phụ lục so sánh với chỉ tiêu nghị quyết), if the outline has one.</summary>
    public bool HoldsIndicators { get; init; }
}

/// <summary>What one unit reported, as the consolidation needs it.</summary>
public sealed record UnitReport(string UnitName)
{
    public bool Submitted { get; init; }

    /// <summary>Submitted after the unit group's deadline.</summary>
    public bool Late { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>The unit's text per outline section id; line breaks separate paragraphs.</summary>
    public IReadOnlyDictionary<string, string> SectionTexts { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<IndicatorRow> Indicators { get; init; } = [];
}
