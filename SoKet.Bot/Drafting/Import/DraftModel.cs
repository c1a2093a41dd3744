using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting.Import;

/// <summary>
/// One paragraph of a unit's own draft, as read from Word or from pasted text: its text (Word's automatic
/// numbering rendered in front, as a reader sees it) and what its formatting says about it being a heading.
/// </summary>
/// <param name="HeadingLevel">1-9 when Word marks it as a heading (a Heading style or an outline level), or a markdown "#".</param>
/// <param name="IsBold">Every run with text is bold: a heading in documents that use no heading styles.</param>
/// <param name="InTable">A row of a table (cells joined): content, never a heading.</param>
public sealed record DraftParagraph(string Text, int? HeadingLevel = null, bool IsBold = false, bool InTable = false);

/// <summary>A heading of the campaign's outline as the unit sees it, in reading order.</summary>
public sealed record OutlineHeading(Guid Id, string Label, string Heading, int Level, bool IsWritable, bool IsIndicatorTable)
{
    public string Title => string.IsNullOrWhiteSpace(Label) ? Heading : $"{Label} {Heading}";

    public static IReadOnlyList<OutlineHeading> From(IEnumerable<OutlineEntry> outline) =>
        outline.Select(e => new OutlineHeading(e.Id, e.Section.NumberLabel, e.Section.Heading, e.Section.Level, e.IsWritable, e.IsIndicatorTable)).ToList();
}

/// <summary>Why a part of the draft goes into no section.</summary>
public enum AsideReason
{
    /// <summary>Before the first heading that matched: letterhead, title, the opening sentence.</summary>
    Preamble,

    /// <summary>Under a heading of the draft that matches no heading of the outline.</summary>
    NoMatchingSection,

    /// <summary>Directly under an outline heading that only groups others (it has no text of its own).</summary>
    UnderGroupHeading,

    /// <summary>Under the indicator appendix: its figures are entered as rows on the indicator card.</summary>
    IndicatorTable,

    /// <summary>From "Nơi nhận" or the signature block on: not report text.</summary>
    Closing,
}

/// <summary>The paragraphs the draft puts under one writable section of the outline.</summary>
/// <param name="WrittenHeading">The draft's own heading (as written) that matched the section.</param>
public sealed record SectionFill(Guid SectionId, string WrittenHeading, double Score, IReadOnlyList<string> Paragraphs)
{
    /// <summary>The section's new text: one paragraph per line, a blank line between them, as typed paragraphs are joined.</summary>
    public string Text => string.Join("\n\n", Paragraphs);
}

/// <summary>Paragraphs of the draft that go into no section, with why.</summary>
/// <param name="Heading">The draft's heading over them, when there is one.</param>
/// <param name="UnderTitle">For <see cref="AsideReason.UnderGroupHeading"/> and <see cref="AsideReason.IndicatorTable"/>: the outline heading they sit under.</param>
public sealed record AsideBlock(AsideReason Reason, string? Heading, string? UnderTitle, IReadOnlyList<string> Paragraphs);

/// <summary>What the splitter made of a draft: text per section, what went nowhere, and how many headings it saw.</summary>
public sealed record DraftSplit(IReadOnlyList<SectionFill> Sections, IReadOnlyList<AsideBlock> Aside, int HeadingsSeen, IReadOnlyList<string> UnmatchedHeadings)
{
    /// <summary>No section receives anything: the draft's headings matched none of the outline's.</summary>
    public bool MatchedNothing => Sections.Count == 0;
}
