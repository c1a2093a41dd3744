using DocumentFormat.OpenXml.Wordprocessing;
using SoKet.Bot.Export;
using SoKet.Bot.Tests.Export.Fixtures;
using static SoKet.Bot.Tests.Export.Fixtures.DocxContent;

namespace SoKet.Bot.Tests.Export;

/// <summary>
/// The consolidated report of each seed campaign, written to .docx and read back as a reader would:
/// the outline's headings in order, each submitted unit's text once under its name in every section it
/// wrote, and the units without a report or late listed in the appendix.
/// </summary>
public sealed class ConsolidationBuilderTests
{
    public static TheoryData<string> Campaigns => new(SeedOutlines.All.Select(o => o.Code));

    [Theory]
    [MemberData(nameof(Campaigns))]
    public void Sections_follow_the_outline_and_each_submitted_unit_appears_once_per_section(string code)
    {
        var outline = SeedOutlines.All.Single(o => o.Code == code);
        var units = GeneratedUnits.Create(60, outline.Writable.ToList(), seed: code.Length);
        Assert.Contains(units, u => !u.Submitted);
        Assert.Contains(units, u => u.Late);

        using var docx = Write(ConsolidationBuilder.Build(outline.Frame, outline.Sections, units));
        var body = BodyBeforeAppendices(docx);

        var headings = body.Where(p => p.Style.StartsWith("Heading", StringComparison.Ordinal)).Select(p => p.Text).ToList();
        Assert.Equal(ExpectedHeadings(outline.Sections), headings);

        var submitted = units.Where(u => u.Submitted).Select(u => u.UnitName).ToList();
        foreach (var (section, contributors) in UnitsUnderEachSection(body, outline.Sections))
        {
            if (outline.Writable.Contains(section.Id))
                Assert.Equal(submitted, contributors);   // each once, in the units' order
            else
                Assert.Empty(contributors);
        }
    }

    [Theory]
    [MemberData(nameof(Campaigns))]
    public void Appendix_lists_units_without_a_report_and_units_that_reported_late(string code)
    {
        var outline = SeedOutlines.All.Single(o => o.Code == code);
        var units = GeneratedUnits.Create(60, outline.Writable.ToList(), seed: code.Length + 1);

        using var docx = Write(ConsolidationBuilder.Build(outline.Frame, outline.Sections, units));
        var paragraphs = docx.Paragraphs;
        var appendix = paragraphs.SkipWhile(p => p.Text != ConsolidationBuilder.SubmissionAppendixTitle).ToList();
        Assert.Equal("AppendixHeading", appendix[0].Style);

        var missing = units.Where(u => !u.Submitted).ToList();
        var late = units.Where(u => u.Submitted && u.Late).ToList();
        var onTime = units.Count - missing.Count - late.Count;
        Assert.Equal($"Tổng số đơn vị: 60; đã nộp báo cáo: {60 - missing.Count} (đúng hạn: {onTime}, muộn: {late.Count}); chưa nộp: {missing.Count}.", appendix[1].Text);

        var missingList = ListAfter(appendix, $"1. {ConsolidationBuilder.NotSubmittedHeading} ({missing.Count})");
        Assert.Equal(missing.Select((u, i) => $"{i + 1}. {u.UnitName};"), missingList);

        var lateList = ListAfter(appendix, $"2. {ConsolidationBuilder.LateHeading} ({late.Count})");
        Assert.Equal(late.Count, lateList.Count);
        for (var i = 0; i < late.Count; i++)
        {
            var at = VietnameseFormat.DateTime(late[i].SubmittedAt!.Value, VietnameseFormat.VietnamTimeZone);
            Assert.Equal($"{i + 1}. {late[i].UnitName} (nộp lúc {at});", lateList[i]);
        }
    }

    [Fact]
    public void Unit_text_follows_its_name_and_keeps_its_paragraphs()
    {
        var outline = SeedOutlines.KhoiDoanhNghiep;
        var units = GeneratedUnits.Create(5, outline.Writable.ToList(), seed: 11).Where(u => u.Submitted).ToList();

        using var docx = Write(ConsolidationBuilder.Build(outline.Frame, outline.Sections, units));
        var paragraphs = docx.Paragraphs;

        var unit = units[0];
        var headingIndex = paragraphs.ToList().FindIndex(p => p.Text == "1.2. Đánh giá về công tác lãnh đạo, chỉ đạo triển khai nghị quyết");
        var nameIndex = paragraphs.ToList().FindIndex(headingIndex, p => p is { Style: "UnitHeading" } && p.Text == unit.UnitName + ":");
        var expected = unit.SectionTexts["1.2"].Split('\n');
        Assert.Equal(expected, paragraphs.Skip(nameIndex + 1).Take(expected.Length).Select(p => p.Text));
        Assert.All(paragraphs.Skip(nameIndex + 1).Take(expected.Length), p => Assert.Equal("Body", p.Style));
    }

    [Fact]
    public void Indicator_tables_go_where_the_outline_puts_them_summed_then_per_unit()
    {
        var outline = SeedOutlines.LaiChau;
        var units = GeneratedUnits.Create(20, outline.Writable.ToList(), seed: 5);
        var reporting = units.Where(u => u.Submitted && u.Indicators.Count > 0).ToList();

        using var docx = Write(ConsolidationBuilder.Build(outline.Frame, outline.Sections, units));
        var elements = docx.Body.Elements().ToList();
        var sectionStart = elements.FindIndex(e => TextOf(e) == "2. Kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp");
        var sectionEnd = elements.FindIndex(e => TextOf(e) == "3. Hạn chế, yếu kém và nguyên nhân");
        var inSection = elements[sectionStart..sectionEnd];

        var captions = inSection.OfType<Paragraph>().Where(p => StyleOf(p) == "TableCaption").Select(TextOf).ToList();
        Assert.Equal([$"Tổng hợp chung ({reporting.Count} đơn vị có số liệu)", .. reporting.Select(u => u.UnitName)], captions);
        Assert.Equal(reporting.Count + 1, inSection.OfType<Table>().Count());
        Assert.DoesNotContain(ConsolidationBuilder.IndicatorAppendixTitle, docx.Paragraphs.Select(p => p.Text));
    }

    [Fact]
    public void Without_an_indicator_section_the_tables_become_an_appendix()
    {
        var outline = SeedOutlines.HaTinh;
        var units = GeneratedUnits.Create(10, outline.Writable.ToList(), seed: 3);

        using var docx = Write(ConsolidationBuilder.Build(outline.Frame, outline.Sections, units));

        var appendices = docx.Paragraphs.Where(p => p.Style == "AppendixHeading").Select(p => p.Text).ToList();
        Assert.Equal([ConsolidationBuilder.IndicatorAppendixTitle, ConsolidationBuilder.SubmissionAppendixTitle], appendices);
    }

    [Fact]
    public void Suggested_synthesis_sits_under_its_heading_marked_for_review()
    {
        var outline = SeedOutlines.KhoiDoanhNghiep;
        var units = GeneratedUnits.Create(4, outline.Writable.ToList(), seed: 9);
        var suggestion = "Các chi, đảng bộ cơ sở đánh giá bối cảnh có nhiều khó khăn do giá nguyên liệu tăng cao.";

        using var docx = Write(ConsolidationBuilder.Build(outline.Frame, outline.Sections, units, new Dictionary<string, string> { ["1.1"] = suggestion }));
        var paragraphs = docx.Paragraphs.ToList();

        var heading = paragraphs.FindIndex(p => p.Text == "1.1. Về bối cảnh tình hình");
        Assert.Equal(("Suggestion", PartyDocumentWriter.SuggestionMarker), paragraphs[heading + 1]);
        Assert.Equal(("Suggestion", suggestion), paragraphs[heading + 2]);
        Assert.Equal("UnitHeading", paragraphs[heading + 3].Style);
        Assert.Equal(2, paragraphs.Count(p => p.Style == "Suggestion"));
    }

    [Fact]
    public void Unit_report_places_its_own_text_under_the_outline()
    {
        var outline = SeedOutlines.LaiChau;
        var unit = GeneratedUnits.Create(1, outline.Writable.ToList(), seed: 1)[0] with { Submitted = true };

        using var docx = Write(UnitReportDocumentBuilder.Build(outline.Frame, outline.Sections, unit));

        Assert.Equal(ExpectedHeadings(outline.Sections), docx.Paragraphs.Where(p => p.Style.StartsWith("Heading", StringComparison.Ordinal)).Select(p => p.Text));
        Assert.DoesNotContain(docx.Paragraphs, p => p.Style == "UnitHeading");
        var text = unit.SectionTexts["II.1"].Split('\n')[0];
        Assert.Contains(("Body", text), docx.Paragraphs);
        Assert.Equal(3, docx.Tables.Count);   // letterhead, indicators (under I.2), closing
    }

    private static List<string> ExpectedHeadings(IEnumerable<OutlineSection> outline) =>
        outline.SelectMany(s => s.Level <= 1 ? new[] { s.Label, s.Heading } : [s.Label + " " + s.Heading]).ToList();

    private static List<(string Style, string Text)> BodyBeforeAppendices(DocxContent docx) =>
        docx.Paragraphs.TakeWhile(p => p.Style != "AppendixHeading").ToList();

    /// <summary>The unit names under each outline section, attributed to the nearest heading above them.</summary>
    private static List<(OutlineSection Section, List<string> Units)> UnitsUnderEachSection(
        List<(string Style, string Text)> body, IReadOnlyList<OutlineSection> outline)
    {
        var result = outline.Select(s => (Section: s, Units: new List<string>())).ToList();
        var current = -1;
        var headingLines = outline.Select(s => s.Level <= 1 ? s.Heading : s.Label + " " + s.Heading).ToList();
        foreach (var (style, text) in body)
        {
            if (style.StartsWith("Heading", StringComparison.Ordinal) && current + 1 < headingLines.Count && text == headingLines[current + 1])
                current++;
            else if (style == "UnitHeading")
                result[current].Units.Add(text.TrimEnd(':'));
        }
        Assert.Equal(outline.Count - 1, current);
        return result;
    }

    private static List<string> ListAfter(List<(string Style, string Text)> paragraphs, string heading) =>
        paragraphs.SkipWhile(p => p.Text != heading).Skip(1).TakeWhile(p => p.Style == "Body" && p.Text.Length > 0).Select(p => p.Text).ToList();
}
