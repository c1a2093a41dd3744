using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using static SoKet.Bot.Export.WordElements;

namespace SoKet.Bot.Export;

/// <summary>
/// Writes a <see cref="PartyDocument"/> as a .docx laid out per Hướng dẫn 36-HD/VPTW (thể thức và kỹ thuật
/// trình bày văn bản của Đảng): A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; the letterhead
/// table (superior and issuing body with the star line and the number at left; "ĐẢNG CỘNG SẢN VIỆT NAM"
/// and the place and date at right); the document type and title centred; the body in Times New Roman
/// 14 pt; page numbers centred at the top from page 2; "Nơi nhận" and the signature block at the end.
/// </summary>
/// <remarks>
/// The body is streamed with <see cref="OpenXmlWriter"/> straight into the zip (see <see cref="OpenXmlPackageWriter"/>),
/// so memory stays flat however many sections a consolidated report has: each paragraph is built,
/// written and dropped.
/// </remarks>
public static class PartyDocumentWriter
{
    // A4 in twentieths of a point; 1 mm = 56.7 twips.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 1134;     // 20 mm
    private const int MarginBottom = 1134;  // 20 mm
    private const int MarginLeft = 1701;    // 30 mm
    private const int MarginRight = 850;    // 15 mm
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    // Three grid columns so each row splits where its text needs room: the bodies' names (row 1, left)
    // are wider than the number below them, and the date line (row 2, right) is wider than
    // "ĐẢNG CỘNG SẢN VIỆT NAM" above it.
    private static readonly int[] LetterheadColumns = [4300, 500, TextWidth - 4800];
    private static readonly int[] ClosingColumns = [4400, TextWidth - 4400];

    /// <summary>STT, Chỉ tiêu, Đơn vị tính, Chỉ tiêu nghị quyết, Kết quả thực hiện, Ước cả năm, Tỷ lệ %, Đánh giá.</summary>
    private static readonly int[] IndicatorColumns = [600, 2200, 1250, 1050, 1200, 1050, 850, 1155];

    public static readonly IReadOnlyList<string> IndicatorHeaders =
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu nghị quyết", "Kết quả thực hiện", "Ước cả năm", "Tỷ lệ %", "Đánh giá"];

    /// <summary>The words that precede a suggested synthesis, so no one mistakes it for adopted text.</summary>
    public const string SuggestionMarker = "Đoạn tổng hợp (DỰ THẢO — văn phòng biên tập lại):";

    private const string MainPart = "/word/document.xml";
    private const string HeaderId = "rIdHeader1";

    public static void Write(PartyDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);

        using var package = new OpenXmlPackageWriter(output);
        const string wordprocessing = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
        const string relationships = OpenXmlPackageWriter.RelationshipsNamespace + "/";
        package.Relate("/", "rIdDocument", relationships + "officeDocument", "word/document.xml");
        package.Relate(MainPart, "rIdStyles", relationships + "styles", "styles.xml");
        package.Relate(MainPart, "rIdSettings", relationships + "settings", "settings.xml");
        package.Relate(MainPart, HeaderId, relationships + "header", "header1.xml");

        package.WritePart("/word/styles.xml", wordprocessing + "styles+xml", PartyStyles.Create());
        package.WritePart("/word/settings.xml", wordprocessing + "settings+xml", Settings());
        package.WritePart("/word/header1.xml", wordprocessing + "header+xml", PageNumberHeader());
        package.WriteCoreProperties(Upper(document.DocumentType) + " " + document.Title.ReplaceLineEndings(" "), "Trợ lý sơ kết", DateTimeOffset.UtcNow);
        package.WritePart(MainPart, wordprocessing + "document.main+xml", writer =>
        {
            writer.WriteStartElement(new Document(), [], [
                new("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
                new("r", OpenXmlPackageWriter.RelationshipsNamespace),
            ]);
            writer.WriteStartElement(new Body());
            WriteLetterhead(writer, document);
            WriteTitle(writer, document);
            foreach (var section in document.Sections)
                WriteSection(writer, section);
            WriteClosing(writer, document);
            writer.WriteElement(SectionProperties(HeaderId));
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }

    private static void WriteLetterhead(OpenXmlWriter writer, PartyDocument document)
    {
        var left = new List<OpenXmlElement>();
        if (!string.IsNullOrWhiteSpace(document.SuperiorBody))
            left.Add(Paragraph(PartyStyles.Letterhead, Upper(document.SuperiorBody)));
        left.Add(Paragraph(PartyStyles.Letterhead, Upper(document.IssuingBody), Look.Bold));
        left.Add(Paragraph(PartyStyles.Letterhead, "*"));

        int[] c = LetterheadColumns;
        var table = new Table(TableProperties(borders: false), Grid(c),
            new TableRow(
                Cell(c[0] + c[1], 2, [.. left]),
                Cell(c[2], Paragraph(PartyStyles.Letterhead, "ĐẢNG CỘNG SẢN VIỆT NAM", Look.Bold | Look.Underline, size: 15))),
            // The number and the date share a row so they sit on one line, as the guidance's model shows.
            new TableRow(
                Cell(c[0], Paragraph(PartyStyles.Letterhead, NumberLine(document.NumberAndSymbol))),
                Cell(c[1] + c[2], 2, Paragraph(PartyStyles.Letterhead, VietnameseFormat.PlaceAndDate(document.Place, document.Date), Look.Italic))));
        writer.WriteElement(AlignCellsToTop(table));
    }

    private static void WriteTitle(OpenXmlWriter writer, PartyDocument document)
    {
        var type = Paragraph(PartyStyles.Letterhead, Upper(document.DocumentType), Look.Bold, size: 16);
        type.ParagraphProperties!.Append(new SpacingBetweenLines { Before = "480" });
        writer.WriteElement(type);
        foreach (var line in Lines(document.Title))
            writer.WriteElement(Paragraph(PartyStyles.Letterhead, line, Look.Bold));
        writer.WriteElement(Paragraph(PartyStyles.Letterhead, "-----"));
    }

    private static void WriteSection(OpenXmlWriter writer, DocumentSection section)
    {
        WriteHeading(writer, section);

        if (!string.IsNullOrWhiteSpace(section.Suggestion))
        {
            writer.WriteElement(Paragraph(PartyStyles.Suggestion, SuggestionMarker, Look.Bold));
            foreach (var line in Lines(section.Suggestion))
                writer.WriteElement(Paragraph(PartyStyles.Suggestion, line));
        }

        foreach (var paragraph in section.Paragraphs)
            foreach (var line in Lines(paragraph))
                writer.WriteElement(Paragraph(PartyStyles.Body, line));

        if (section.IndicatorTable is { } table)
        {
            if (!string.IsNullOrWhiteSpace(table.Caption))
                writer.WriteElement(Paragraph(PartyStyles.TableCaption, table.Caption));
            writer.WriteElement(IndicatorTableElement(table));
        }

        foreach (var note in section.Notes)
            foreach (var line in Lines(note))
                writer.WriteElement(Paragraph(PartyStyles.Note, line));
    }

    private static void WriteHeading(OpenXmlWriter writer, DocumentSection section)
    {
        if (string.IsNullOrWhiteSpace(section.Label) && string.IsNullOrWhiteSpace(section.Heading))
            return;
        switch (section.Kind)
        {
            case SectionKind.Appendix:
                writer.WriteElement(Paragraph(PartyStyles.AppendixHeading, Join(section.Label, section.Heading)));
                break;
            case SectionKind.UnitContribution:
                writer.WriteElement(Paragraph(PartyStyles.UnitHeading, null, Run(Join(section.Label, section.Heading)), Run(":")));
                break;
            case SectionKind.Outline when section.Level <= 1:
                // A part ("Phần 1") puts its label and its name on separate centred lines.
                if (!string.IsNullOrWhiteSpace(section.Label))
                    writer.WriteElement(Paragraph(PartyStyles.Heading(1), section.Label.Trim()));
                if (!string.IsNullOrWhiteSpace(section.Heading))
                    writer.WriteElement(Paragraph(PartyStyles.Heading(1), section.Heading.Trim()));
                break;
            default:
                writer.WriteElement(Paragraph(PartyStyles.Heading(section.Level), Join(section.Label, section.Heading)));
                break;
        }
    }

    private static Table IndicatorTableElement(IndicatorTable indicators)
    {
        var table = new Table(TableProperties(borders: true), Grid(IndicatorColumns));
        var header = new TableRow(new TableRowProperties(new CantSplit(), new TableHeader()));
        for (var i = 0; i < IndicatorHeaders.Count; i++)
            header.Append(Cell(IndicatorColumns[i], Paragraph(PartyStyles.TableText, IndicatorHeaders[i], Look.Bold, align: JustificationValues.Center)));
        table.Append(header);

        var number = 0;
        foreach (var row in indicators.Rows)
        {
            number++;
            string[] values =
            [
                number.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Name, row.UnitOfMeasure,
                VietnameseFormat.Number(row.Target), VietnameseFormat.Number(row.Result), VietnameseFormat.Number(row.Estimate),
                VietnameseFormat.Number(row.AchievementPercent), row.Verdict,
            ];
            var tableRow = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < values.Length; i++)
            {
                var align = i switch
                {
                    1 => JustificationValues.Left,
                    >= 3 and <= 6 => JustificationValues.Right,
                    _ => JustificationValues.Center,
                };
                tableRow.Append(Cell(IndicatorColumns[i], Paragraph(PartyStyles.TableText, values[i], align: align)));
            }
            table.Append(tableRow);
        }
        return table;
    }

    private static void WriteClosing(OpenXmlWriter writer, PartyDocument document)
    {
        var recipients = new List<OpenXmlElement>
        {
            // 36-HD/VPTW: the words "Nơi nhận" upright and underlined, followed by a colon; the list in 12 pt.
            Paragraph(PartyStyles.Recipient, null, Run("Nơi nhận", Look.Underline, size: 14), Run(":", size: 14)),
        };
        foreach (var recipient in document.Recipients)
        {
            var text = recipient.TrimStart();
            recipients.Add(Paragraph(PartyStyles.Recipient, text.StartsWith('-') ? text : "- " + text));
        }

        var signature = new List<OpenXmlElement>();
        if (!string.IsNullOrWhiteSpace(document.SignatureOnBehalfOf))
            signature.Add(Paragraph(PartyStyles.Letterhead, Upper(document.SignatureOnBehalfOf), Look.Bold));
        signature.Add(Paragraph(PartyStyles.Letterhead, Upper(document.SignerPosition), Look.Bold));
        for (var i = 0; i < 4; i++)
            signature.Add(Blank(PartyStyles.Letterhead));
        signature.Add(Paragraph(PartyStyles.Letterhead, document.SignerName.Trim(), Look.Bold));

        var spacer = Blank(PartyStyles.Body);
        writer.WriteElement(spacer);
        var table = new Table(TableProperties(borders: false), Grid(ClosingColumns),
            new TableRow(new TableRowProperties(new CantSplit()),
                Cell(ClosingColumns[0], [.. recipients]),
                Cell(ClosingColumns[1], [.. signature])));
        writer.WriteElement(AlignCellsToTop(table));
    }

    /// <summary>Letterhead and closing columns start on the same line however many lines each holds.</summary>
    private static Table AlignCellsToTop(Table table)
    {
        foreach (var cell in table.Descendants<TableCell>())
            cell.TableCellProperties!.TableCellVerticalAlignment!.Val = TableVerticalAlignmentValues.Top;
        return table;
    }

    private static SectionProperties SectionProperties(string headerId) => new(
        new HeaderReference { Type = HeaderFooterValues.Default, Id = headerId },
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin
        {
            Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight,
            Header = 567, Footer = 567, Gutter = 0,
        },
        // No number on the first page (36-HD/VPTW): the first-page header is left empty.
        new TitlePage());

    private static Header PageNumberHeader() => new(
        new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = PartyStyles.PageNumber }),
            new SimpleField(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text("2"))) { Instruction = " PAGE " }));

    private static Settings Settings() => new(
        new DefaultTabStop { Val = 720 },
        new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }));

    private static string NumberLine(string numberAndSymbol)
    {
        var text = numberAndSymbol.Trim();
        return text.StartsWith("Số", StringComparison.Ordinal) ? text : "Số " + text;
    }

    private static string Join(string label, string heading) =>
        string.IsNullOrWhiteSpace(label) ? heading.Trim() : label.Trim() + " " + heading.Trim();

    private static string Upper(string text) => text.Trim().ToUpperInvariant();
}
