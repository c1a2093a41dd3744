namespace SoKet.Bot.Export;

/// <summary>One unit's own report ("xuất báo cáo"): the outline's headings with the unit's text under each.</summary>
public static class UnitReportDocumentBuilder
{
    public const string IndicatorAppendixTitle = "PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT";

    /// <param name="frame">The unit's letterhead, title, recipients and signature; its sections are replaced.</param>
    public static PartyDocument Build(PartyDocument frame, IReadOnlyList<OutlineSection> outline, UnitReport report)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(report);

        var sections = new List<DocumentSection>(outline.Count + 1);
        var table = report.Indicators.Count > 0 ? new IndicatorTable(report.Indicators) : null;
        foreach (var heading in outline)
        {
            report.SectionTexts.TryGetValue(heading.Id, out var text);
            var holdsTable = heading.HoldsIndicators && table is not null;
            sections.Add(new DocumentSection(heading.Label, heading.Heading, heading.Level)
            {
                Paragraphs = string.IsNullOrWhiteSpace(text) ? [] : [text],
                IndicatorTable = holdsTable ? table : null,
            });
            if (holdsTable)
                table = null;
        }
        if (table is not null)
            sections.Add(new DocumentSection("", IndicatorAppendixTitle, 1) { Kind = SectionKind.Appendix, IndicatorTable = table });
        return frame with { Sections = sections };
    }
}
