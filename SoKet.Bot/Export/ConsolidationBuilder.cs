using System.Globalization;

namespace SoKet.Bot.Export;

/// <summary>
/// Builds the committee's consolidated draft (dự thảo báo cáo tổng hợp) from the units' reports: for each
/// outline section in order, every submitted unit's text under the unit's name; the indicator tables
/// combined and then listed per unit; an appendix of the units that have not submitted and those that
/// submitted late.
/// </summary>
/// <remarks>
/// The result references the units' own strings; nothing is concatenated, so building is linear in
/// the number of sections and units and the writer streams it out paragraph by paragraph.
/// </remarks>
public static class ConsolidationBuilder
{
    public const string IndicatorAppendixTitle = "PHỤ LỤC: TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT";
    public const string SubmissionAppendixTitle = "PHỤ LỤC: TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ";
    public const string NotSubmittedHeading = "Các đơn vị chưa nộp báo cáo";
    public const string LateHeading = "Các đơn vị nộp báo cáo muộn";
    public const string CombinedTableCaption = "Tổng hợp chung";

    /// <param name="frame">Letterhead, title, recipients and signature of the consolidated report; its sections are replaced.</param>
    /// <param name="outline">The campaign's outline in order.</param>
    /// <param name="reports">Every unit of the campaign, submitted or not, in the order they should appear.</param>
    /// <param name="suggestions">Optional synthesis per outline section id, already grounded in the units' texts; shown marked as a draft to edit.</param>
    /// <param name="note">Optional note in italics before the body, e.g. who wrote the synthesis paragraphs.</param>
    public static PartyDocument Build(
        PartyDocument frame,
        IReadOnlyList<OutlineSection> outline,
        IReadOnlyList<UnitReport> reports,
        IReadOnlyDictionary<string, string>? suggestions = null,
        string? note = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(reports);

        var submitted = reports.Where(r => r.Submitted).ToList();
        var sections = new List<DocumentSection>(outline.Count * (submitted.Count + 1) + 8);
        var indicatorsPlaced = false;
        if (!string.IsNullOrWhiteSpace(note))
            sections.Add(new DocumentSection("", "", 1) { Notes = [note] });

        foreach (var heading in outline)
        {
            string? suggestion = null;
            suggestions?.TryGetValue(heading.Id, out suggestion);
            sections.Add(new DocumentSection(heading.Label, heading.Heading, heading.Level) { Suggestion = suggestion });

            foreach (var unit in submitted)
            {
                if (unit.SectionTexts.TryGetValue(heading.Id, out var text) && !string.IsNullOrWhiteSpace(text))
                {
                    sections.Add(new DocumentSection("", unit.UnitName, heading.Level + 1)
                    {
                        Kind = SectionKind.UnitContribution,
                        Paragraphs = [text],
                    });
                }
            }

            if (heading.HoldsIndicators && !indicatorsPlaced)
            {
                AddIndicatorTables(sections, submitted, heading.Level + 1);
                indicatorsPlaced = true;
            }
        }

        if (!indicatorsPlaced && submitted.Any(r => r.Indicators.Count > 0))
        {
            sections.Add(new DocumentSection("", IndicatorAppendixTitle, 1) { Kind = SectionKind.Appendix });
            AddIndicatorTables(sections, submitted, 2);
        }

        AddSubmissionAppendix(sections, reports);
        return frame with { Sections = sections };
    }

    // Tables go under captions, not unit headings, so a unit's name heads its text only once per section.
    private static void AddIndicatorTables(List<DocumentSection> sections, IReadOnlyList<UnitReport> submitted, int level)
    {
        var combined = IndicatorConsolidation.Combine(submitted);
        if (combined.Table.Rows.Count == 0)
            return;
        var reporting = submitted.Count(r => r.Indicators.Count > 0);
        sections.Add(new DocumentSection("", "", level)
        {
            IndicatorTable = combined.Table with { Caption = $"{CombinedTableCaption} ({reporting} đơn vị có số liệu)" },
            Notes = combined.Notes,
        });
        foreach (var unit in submitted.Where(r => r.Indicators.Count > 0))
        {
            sections.Add(new DocumentSection("", "", level)
            {
                IndicatorTable = new IndicatorTable(unit.Indicators) { Caption = unit.UnitName },
            });
        }
    }

    private static void AddSubmissionAppendix(List<DocumentSection> sections, IReadOnlyList<UnitReport> reports)
    {
        var missing = reports.Where(r => !r.Submitted).ToList();
        var late = reports.Where(r => r.Submitted && r.Late).ToList();
        var onTime = reports.Count(r => r.Submitted && !r.Late);

        sections.Add(new DocumentSection("", SubmissionAppendixTitle, 1)
        {
            Kind = SectionKind.Appendix,
            Paragraphs =
            [
                $"Tổng số đơn vị: {reports.Count}; đã nộp báo cáo: {reports.Count - missing.Count} (đúng hạn: {onTime}, muộn: {late.Count}); chưa nộp: {missing.Count}.",
            ],
        });
        sections.Add(new DocumentSection("1.", $"{NotSubmittedHeading} ({missing.Count})", 2)
        {
            Paragraphs = missing.Count == 0 ? ["Không có."] : Numbered(missing, _ => ""),
        });
        sections.Add(new DocumentSection("2.", $"{LateHeading} ({late.Count})", 2)
        {
            Paragraphs = late.Count == 0
                ? ["Không có."]
                : Numbered(late, r => r.SubmittedAt is { } at ? " (nộp lúc " + VietnameseFormat.DateTime(at, VietnameseFormat.VietnamTimeZone) + ")" : ""),
        });
    }

    private static List<string> Numbered(IReadOnlyList<UnitReport> units, Func<UnitReport, string> suffix)
    {
        var lines = new List<string>(units.Count);
        for (var i = 0; i < units.Count; i++)
            lines.Add((i + 1).ToString(CultureInfo.InvariantCulture) + ". " + units[i].UnitName + suffix(units[i]) + ";");
        return lines;
    }
}
