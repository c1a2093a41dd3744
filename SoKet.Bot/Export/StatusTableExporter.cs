using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SoKet.Bot.Export;

/// <summary>One unit's line in the submission status table.</summary>
/// <param name="Unit">Unit name.</param>
/// <param name="Group">Unit group (đối tượng), e.g. "Chi bộ, đảng bộ cơ sở".</param>
/// <param name="Leader">Committee member in charge (đồng chí phụ trách).</param>
/// <param name="Status">Status as shown to users, e.g. "Đã nộp", "Đang soạn", "Chưa bắt đầu".</param>
/// <param name="SubmittedAt">When the report was submitted, if it was.</param>
/// <param name="Late">True when submitted (or still missing) after the deadline, false when on time, null when not yet due.</param>
public sealed record StatusRow(string Unit, string Group, string Leader, string Status, DateTimeOffset? SubmittedAt, bool? Late);

/// <summary>
/// The office's status table as CSV (UTF-8 with a byte-order mark, so Excel reads the Vietnamese
/// correctly) and as .xlsx (SpreadsheetML streamed row by row with <see cref="OpenXmlWriter"/>, times as
/// real Excel dates, strings inline so nothing has to be collected before writing).
/// </summary>
public static class StatusTableExporter
{
    public static readonly IReadOnlyList<string> Headers =
        ["STT", "Đơn vị", "Đối tượng", "Đồng chí phụ trách", "Trạng thái", "Thời điểm nộp", "Đúng hạn/Muộn"];

    public const string SheetName = "Tình hình nộp báo cáo";
    public const string OnTimeText = "Đúng hạn";
    public const string LateText = "Muộn";

    public static string TimingText(bool? late) => late switch
    {
        true => LateText,
        false => OnTimeText,
        null => "",
    };

    /// <summary>
    /// Comma-separated (RFC 4180), UTF-8 with a byte-order mark. Times as dd/MM/yyyy HH:mm in
    /// <paramref name="zone"/> (default Asia/Ho_Chi_Minh). A text starting like a formula (=, +, -, @) gets
    /// a leading apostrophe so a spreadsheet shows it instead of running it.
    /// </summary>
    public static void WriteCsv(IEnumerable<StatusRow> rows, Stream output, TimeZoneInfo? zone = null)
    {
        zone ??= VietnameseFormat.VietnamTimeZone;
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader([.. Headers]);
        var number = 0;
        foreach (var row in rows)
        {
            csv.WriteRecord(
            [
                (++number).ToString(CultureInfo.InvariantCulture),
                Trim(row.Unit), Trim(row.Group), Trim(row.Leader), Trim(row.Status),
                row.SubmittedAt is { } at ? VietnameseFormat.DateTime(at, zone) : "",
                TimingText(row.Late),
            ]);
        }
    }

    /// <summary>One sheet with a frozen, filterable header row; "Thời điểm nộp" is a date-time cell shown as dd/mm/yyyy hh:mm.</summary>
    public static void WriteXlsx(IEnumerable<StatusRow> rows, Stream output, TimeZoneInfo? zone = null)
    {
        zone ??= VietnameseFormat.VietnamTimeZone;
        const string workbookPart = "/xl/workbook.xml";
        const string spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        const string relationships = OpenXmlPackageWriter.RelationshipsNamespace + "/";
        using var package = new OpenXmlPackageWriter(output);
        package.Relate("/", "rIdWorkbook", relationships + "officeDocument", "xl/workbook.xml");
        package.Relate(workbookPart, "rIdStyles", relationships + "styles", "styles.xml");
        package.Relate(workbookPart, "rIdSheet1", relationships + "worksheet", "worksheets/sheet1.xml");

        package.WritePart("/xl/styles.xml", spreadsheet + "styles+xml", SheetStyles.Create());
        var lastRow = 0;
        package.WritePart("/xl/worksheets/sheet1.xml", spreadsheet + "worksheet+xml", writer => lastRow = WriteSheet(writer, rows, zone));
        package.WriteCoreProperties(SheetName, "Trợ lý sơ kết", DateTimeOffset.UtcNow);

        var lastColumn = ColumnName(Headers.Count);
        package.WritePart(workbookPart, spreadsheet + "sheet.main+xml", new Workbook(
            new Sheets(new Sheet { Name = SheetName, SheetId = 1, Id = "rIdSheet1" }),
            new DefinedNames(new DefinedName($"'{SheetName}'!$A$1:${lastColumn}${lastRow}")
            {
                Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true,
            })));
    }

    private static int WriteSheet(OpenXmlWriter writer, IEnumerable<StatusRow> rows, TimeZoneInfo zone)
    {
        writer.WriteStartElement(new Worksheet(), [], [new("x", "http://schemas.openxmlformats.org/spreadsheetml/2006/main")]);
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0 }));
        double[] widths = [6, 40, 28, 26, 16, 18, 14];
        var columns = new Columns();
        for (var i = 0; i < widths.Length; i++)
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        writer.WriteElement(columns);

        writer.WriteStartElement(new SheetData());
        var header = new Row { RowIndex = 1 };
        for (var i = 0; i < Headers.Count; i++)
            header.Append(TextCell(i + 1, 1, Headers[i], SheetStyles.Header));
        writer.WriteElement(header);

        uint rowIndex = 1;
        foreach (var status in rows)
        {
            rowIndex++;
            var row = new Row { RowIndex = rowIndex };
            row.Append(new Cell
            {
                CellReference = "A" + rowIndex.ToString(CultureInfo.InvariantCulture),
                CellValue = new CellValue((rowIndex - 1).ToString(CultureInfo.InvariantCulture)),
                StyleIndex = SheetStyles.Number,
            });
            row.Append(TextCell(2, rowIndex, status.Unit, SheetStyles.Text));
            row.Append(TextCell(3, rowIndex, status.Group, SheetStyles.Text));
            row.Append(TextCell(4, rowIndex, status.Leader, SheetStyles.Text));
            row.Append(TextCell(5, rowIndex, status.Status, SheetStyles.Text));
            row.Append(status.SubmittedAt is { } at
                ? new Cell
                {
                    CellReference = "F" + rowIndex.ToString(CultureInfo.InvariantCulture),
                    CellValue = new CellValue(TimeZoneInfo.ConvertTime(at, zone).DateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture)),
                    StyleIndex = SheetStyles.DateTime,
                }
                : TextCell(6, rowIndex, "", SheetStyles.Text));
            row.Append(TextCell(7, rowIndex, TimingText(status.Late), SheetStyles.Centered));
            writer.WriteElement(row);
        }
        writer.WriteEndElement();

        writer.WriteElement(new AutoFilter { Reference = $"A1:{ColumnName(Headers.Count)}{rowIndex}" });
        writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape });
        writer.WriteEndElement();
        return (int)rowIndex;
    }

    private static Cell TextCell(int column, uint row, string text, uint style) => new()
    {
        CellReference = ColumnName(column) + row.ToString(CultureInfo.InvariantCulture),
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Trim(text)) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    private static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
            name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }

    private static string Trim(string? text) => WordElements.CleanText((text ?? "").Trim());

    private static class SheetStyles
    {
        public const uint Header = 1, Text = 2, DateTime = 3, Number = 4, Centered = 5;
        private const uint DateTimeFormatId = 164;

        public static Stylesheet Create() => new(
            new NumberingFormats(new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = "dd/mm/yyyy hh:mm" }) { Count = 1 },
            new Fonts(
                new Font(new FontSize { Val = 12 }, new FontName { Val = PartyStyles.FontName }),
                new Font(new Bold(), new FontSize { Val = 12 }, new FontName { Val = PartyStyles.FontName }))
            { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
            { Count = 2 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(
                    new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                    new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin },
                    new DiagonalBorder()))
            { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                Format(fontId: 1, numberFormatId: 0, HorizontalAlignmentValues.Center, wrap: true),
                Format(fontId: 0, numberFormatId: 0, HorizontalAlignmentValues.Left, wrap: true),
                Format(fontId: 0, numberFormatId: DateTimeFormatId, HorizontalAlignmentValues.Center, wrap: false),
                Format(fontId: 0, numberFormatId: 0, HorizontalAlignmentValues.Center, wrap: false),
                Format(fontId: 0, numberFormatId: 0, HorizontalAlignmentValues.Center, wrap: false))
            { Count = 6 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

        private static CellFormat Format(uint fontId, uint numberFormatId, HorizontalAlignmentValues horizontal, bool wrap) =>
            new(new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = wrap })
            {
                NumberFormatId = numberFormatId, FontId = fontId, FillId = 0, BorderId = 1, FormatId = 0,
                ApplyFont = true, ApplyBorder = true, ApplyAlignment = true, ApplyNumberFormat = numberFormatId != 0,
            };
    }
}
