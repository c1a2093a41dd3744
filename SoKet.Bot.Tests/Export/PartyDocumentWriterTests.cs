using System.Text;
using DocumentFormat.OpenXml.Wordprocessing;
using SoKet.Bot.Export;
using SoKet.Bot.Tests.Export.Fixtures;
using static SoKet.Bot.Tests.Export.Fixtures.DocxContent;

namespace SoKet.Bot.Tests.Export;

public sealed class PartyDocumentWriterTests
{
    [Fact]
    public void Letterhead_puts_the_issuer_star_and_number_left_and_the_party_title_and_date_right()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var letterhead = docx.Body.Elements().First();
        var table = Assert.IsType<Table>(letterhead);
        Assert.All(table.GetFirstChild<TableProperties>()!.TableBorders!.Elements<BorderType>(), b => Assert.Equal(BorderValues.Nil, b.Val!.Value));

        var rows = table.Elements<TableRow>().ToList();
        var left = rows[0].Elements<TableCell>().First();
        Assert.Equal(["ĐẢNG BỘ THÀNH PHỐ LAI CHÂU", "ĐẢNG ỦY PHƯỜNG TÂN PHONG", "*"], CellLines(left));
        var leftParagraphs = left.Elements<Paragraph>().ToList();
        Assert.False(IsBold(leftParagraphs[0]));
        Assert.True(IsBold(leftParagraphs[1]));

        var title = rows[0].Elements<TableCell>().Last().Elements<Paragraph>().Single();
        Assert.Equal("ĐẢNG CỘNG SẢN VIỆT NAM", TextOf(title));
        Assert.True(IsBold(title));
        Assert.Equal(UnderlineValues.Single, title.Descendants<Underline>().Single().Val!.Value);

        Assert.Equal("Số 45-BC/ĐU", TextOf(rows[1].Elements<TableCell>().First()));
        var date = rows[1].Elements<TableCell>().Last().Elements<Paragraph>().Single();
        Assert.Equal("Tân Phong, ngày 26 tháng 6 năm 2023", TextOf(date));
        Assert.NotNull(date.Descendants<Italic>().SingleOrDefault());
    }

    [Fact]
    public void Document_type_and_title_are_centred_in_bold_above_a_short_rule()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var afterLetterhead = docx.Body.Elements().Skip(1).Take(4).Cast<Paragraph>().ToList();
        Assert.Equal(["BÁO CÁO", "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội", "Đảng bộ phường Tân Phong lần thứ XIII, nhiệm kỳ 2020 - 2025", "-----"],
            afterLetterhead.Select(TextOf));
        Assert.All(afterLetterhead.Take(3), p => Assert.True(IsBold(p)));
        Assert.All(afterLetterhead, p => Assert.Equal(JustificationValues.Center, EffectiveJustification(docx, p)));
    }

    [Fact]
    public void Page_is_A4_with_the_margins_of_the_guidance_and_numbers_from_page_two()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var section = docx.Body.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.InRange(margin.Top!.Value, 1134, 1418);          // 20–25 mm
        Assert.InRange(margin.Bottom!.Value, 1134, 1418);       // 20–25 mm
        Assert.InRange(margin.Left!.Value, 1701u, 1985u);       // 30–35 mm
        Assert.InRange(margin.Right!.Value, 850u, 1134u);       // 15–20 mm
        Assert.NotNull(section.GetFirstChild<TitlePage>());

        var header = docx.Document.MainDocumentPart!.HeaderParts.Single();
        Assert.Equal(" PAGE ", header.Header.Descendants<SimpleField>().Single().Instruction!.Value);
        Assert.Equal(HeaderFooterValues.Default, section.GetFirstChild<HeaderReference>()!.Type!.Value);
    }

    [Fact]
    public void Text_is_Times_New_Roman_14_and_body_paragraphs_are_justified_with_a_first_line_indent()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var styles = docx.Document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var fonts = defaults.RunFonts!;
        Assert.Equal(["Times New Roman"], new[] { fonts.Ascii!.Value, fonts.HighAnsi!.Value, fonts.ComplexScript!.Value, fonts.EastAsia!.Value }.Distinct());
        Assert.Equal("28", defaults.FontSize!.Val!.Value);
        // Nothing overrides the font family anywhere.
        Assert.Empty(docx.Body.Descendants<RunFonts>());
        Assert.Single(styles.Descendants<RunFonts>());

        var body = docx.Paragraphs.Where(p => p.Style == "Body").ToList();
        Assert.Contains(body, p => p.Text.StartsWith("Ngay sau Đại hội, Đảng ủy phường", StringComparison.Ordinal));
        // A text typed with a line break is two paragraphs.
        Assert.Contains(body, p => p.Text == "Các chi bộ trực thuộc xây dựng kế hoạch cụ thể hóa, phân công rõ người, rõ việc.");
        var bodyStyle = styles.Elements<Style>().Single(s => s.StyleId == "Body").StyleParagraphProperties!;
        Assert.Equal(JustificationValues.Both, bodyStyle.Justification!.Val!.Value);
        Assert.InRange(int.Parse(bodyStyle.Indentation!.FirstLine!.Value!), 567, 720);   // 1–1.27 cm
        Assert.Equal("120", bodyStyle.SpacingBetweenLines!.Before!.Value);                // 6 pt
    }

    [Fact]
    public void Headings_keep_the_outline_labels_as_written()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var headings = docx.Paragraphs.Where(p => p.Style.StartsWith("Heading", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            ("Heading1", "Phần I"),
            ("Heading1", "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020 - 2025"),
            ("Heading2", "1. Công tác lãnh đạo, chỉ đạo quán triệt, cụ thể hóa và tổ chức thực hiện nghị quyết"),
            ("Heading2", "2. Kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ"),
            ("Heading3", "2.1. Về phát triển kinh tế - xã hội"),
        ], headings);
    }

    [Fact]
    public void Indicator_table_is_a_bordered_word_table_with_vietnamese_numbers()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var table = docx.Tables.Single(t => TextOf(t).Contains("Chỉ tiêu nghị quyết", StringComparison.Ordinal));
        Assert.Equal(BorderValues.Single, table.GetFirstChild<TableProperties>()!.TableBorders!.GetFirstChild<TopBorder>()!.Val!.Value);
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(TextOf).ToList()).ToList();
        Assert.Equal(["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu nghị quyết", "Kết quả thực hiện", "Ước cả năm", "Tỷ lệ %", "Đánh giá"], rows[0]);
        Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.Equal(["1", "Kết nạp đảng viên mới", "đảng viên", "40", "27", "32", "67,5", "Không đạt"], rows[1]);
        Assert.Equal(["2", "Thu ngân sách trên địa bàn", "triệu đồng", "12.500", "13.642,75", "14.100", "109,14", "Vượt"], rows[2]);
        Assert.Equal(["3", "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", "90", "92,3", "", "102,6", "Đạt"], rows[3]);
        Assert.Contains(docx.Paragraphs, p => p is { Style: "Note", Text: "Số liệu ước tính đến ngày 30/5/2023." });
    }

    [Fact]
    public void Closing_lists_recipients_at_left_and_the_signature_block_at_right()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var closing = docx.Tables.Last();
        Assert.All(closing.GetFirstChild<TableProperties>()!.TableBorders!.Elements<BorderType>(), b => Assert.Equal(BorderValues.Nil, b.Val!.Value));
        var cells = closing.Descendants<TableCell>().ToList();
        Assert.Equal(["Nơi nhận:", "- Ban Thường vụ Thành ủy (b/c),", "- Các chi bộ trực thuộc,", "- Lưu Văn phòng."], CellLines(cells[0]));
        var recipientList = cells[0].Elements<Paragraph>().Skip(1).ToList();
        var recipientStyle = docx.Document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == StyleOf(recipientList[0]));
        Assert.Equal("24", recipientStyle.StyleRunProperties!.FontSize!.Val!.Value);   // 12 pt

        var signature = CellLines(cells[1]);
        Assert.Equal("T/M ĐẢNG ỦY", signature[0]);
        Assert.Equal("BÍ THƯ", signature[1]);
        Assert.Equal("Lò Văn Thắng", signature[^1]);
        Assert.True(signature.Count(string.IsNullOrEmpty) >= 3, "room for the signature and seal");
        Assert.All(cells[1].Elements<Paragraph>().Where(p => TextOf(p).Length > 0), p => Assert.True(IsBold(p)));
    }

    [Fact]
    public void Suggested_synthesis_is_marked_for_review()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var suggestion = docx.Paragraphs.Where(p => p.Style == "Suggestion").Select(p => p.Text).ToList();
        Assert.Equal([PartyDocumentWriter.SuggestionMarker, "Các chỉ tiêu kinh tế cơ bản đạt và vượt; chỉ tiêu kết nạp đảng viên mới đạt 67,5%."], suggestion);
        Assert.Equal("Đoạn tổng hợp (DỰ THẢO — văn phòng biên tập lại):", suggestion[0]);
    }

    [Fact]
    public void Vietnamese_text_is_kept_composed_and_characters_xml_cannot_hold_are_dropped()
    {
        var decomposed = "Đảng bộ đã lãnh đạo thực hiện tốt nhiệm vụ chính trị".Normalize(NormalizationForm.FormD);
        var document = SampleDocuments.WardReport() with
        {
            Sections = [new DocumentSection("1.", "Kết quả", 2) { Paragraphs = [decomposed + "\u0007 năm 2023.\uD800"] }],
        };

        using var docx = Write(document);

        var text = docx.Paragraphs.Single(p => p.Style == "Body" && p.Text.Length > 0).Text;
        Assert.Equal("Đảng bộ đã lãnh đạo thực hiện tốt nhiệm vụ chính trị  năm 2023. ", text);
        Assert.True(text.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Written_package_is_valid_wordprocessingml()
    {
        using var docx = Write(SampleDocuments.WardReport());

        var errors = docx.Validate();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Date_line_pads_days_below_ten_and_the_first_two_months()
    {
        Assert.Equal("Hà Tĩnh, ngày 27 tháng 02 năm 2023", VietnameseFormat.PlaceAndDate("Hà Tĩnh", new DateOnly(2023, 2, 27)));
        Assert.Equal("Lai Châu, ngày 21 tháng 3 năm 2023", VietnameseFormat.PlaceAndDate("Lai Châu", new DateOnly(2023, 3, 21)));
        Assert.Equal("ngày 09 tháng 6 năm 2018", VietnameseFormat.PlaceAndDate("", new DateOnly(2018, 6, 9)));
    }

    [Theory]
    [InlineData(1234.5, "1.234,5")]
    [InlineData(1234567, "1.234.567")]
    [InlineData(0.125, "0,13")]
    [InlineData(-12.3, "-12,3")]
    public void Numbers_use_dots_for_thousands_and_a_comma_for_decimals(double value, string expected) =>
        Assert.Equal(expected, VietnameseFormat.Number((decimal)value));

    private static bool IsBold(Paragraph paragraph) =>
        paragraph.Descendants<Run>().Where(r => TextOf(r).Length > 0).All(r => r.RunProperties?.Bold is not null);

    private static JustificationValues EffectiveJustification(DocxContent docx, Paragraph paragraph)
    {
        if (paragraph.ParagraphProperties?.Justification?.Val is { } own)
            return own.Value;
        var style = docx.Document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == StyleOf(paragraph));
        return style.StyleParagraphProperties!.Justification!.Val!.Value;
    }
}
