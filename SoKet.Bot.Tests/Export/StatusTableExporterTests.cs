using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SoKet.Bot.Export;

namespace SoKet.Bot.Tests.Export;

public sealed class StatusTableExporterTests
{
    private static readonly StatusRow[] Rows =
    [
        // 03:30 UTC is 10:30 in Hà Nội.
        new("Đảng bộ phường Tân Phong", "Chi bộ, đảng bộ cơ sở", "Nguyễn Thị Hương", "Đã nộp", new DateTimeOffset(2023, 6, 29, 3, 30, 0, TimeSpan.Zero), false),
        new("Chi bộ Trường THCS \"Quyết Thắng\", bản Nậm Loỏng", "Chi bộ, đảng bộ cơ sở", "Lò Văn Thắng", "Đã nộp", new DateTimeOffset(2023, 7, 2, 23, 5, 0, TimeSpan.FromHours(7)), true),
        new("=HYPERLINK(\"http://x\")", "HĐND, UBND, các ban Đảng, MTTQ", "Đặng Quang Chung", "Đang soạn", null, null),
    ];

    [Fact]
    public void Csv_starts_with_a_byte_order_mark_and_keeps_the_vietnamese()
    {
        using var output = new MemoryStream();
        StatusTableExporter.WriteCsv(Rows, output);
        var bytes = output.ToArray();

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("STT,Đơn vị,Đối tượng,Đồng chí phụ trách,Trạng thái,Thời điểm nộp,Đúng hạn/Muộn", lines[0]);
        Assert.Equal("1,Đảng bộ phường Tân Phong,\"Chi bộ, đảng bộ cơ sở\",Nguyễn Thị Hương,Đã nộp,29/06/2023 10:30,Đúng hạn", lines[1]);
        Assert.Equal("2,\"Chi bộ Trường THCS \"\"Quyết Thắng\"\", bản Nậm Loỏng\",\"Chi bộ, đảng bộ cơ sở\",Lò Văn Thắng,Đã nộp,02/07/2023 23:05,Muộn", lines[2]);
        // A name that looks like a formula is shown, never run.
        Assert.StartsWith("3,\"'=HYPERLINK(", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",\"HĐND, UBND, các ban Đảng, MTTQ\",Đặng Quang Chung,Đang soạn,,", lines[3], StringComparison.Ordinal);
        Assert.Equal("", lines[4]);
    }

    [Fact]
    public void Xlsx_opens_with_the_header_rows_and_real_dates()
    {
        using var output = new MemoryStream();
        StatusTableExporter.WriteXlsx(Rows, output);
        output.Position = 0;

        using var document = SpreadsheetDocument.Open(output, isEditable: false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));

        var sheet = Assert.Single(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("Tình hình nộp báo cáo", sheet.Name!.Value);
        var worksheet = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(StatusTableExporter.Headers, rows[0].Elements<Cell>().Select(Text));
        Assert.Equal(["1", "Đảng bộ phường Tân Phong", "Chi bộ, đảng bộ cơ sở", "Nguyễn Thị Hương", "Đã nộp"], rows[1].Elements<Cell>().Take(5).Select(Text));
        Assert.Equal("Chi bộ Trường THCS \"Quyết Thắng\", bản Nậm Loỏng", Text(rows[2].Elements<Cell>().ElementAt(1)));
        Assert.Equal(["Đúng hạn", "Muộn", ""], rows.Skip(1).Select(r => Text(r.Elements<Cell>().Last())));

        var submittedAt = rows[1].Elements<Cell>().ElementAt(5);
        Assert.Null(submittedAt.DataType);
        Assert.Equal(new DateTime(2023, 6, 29, 10, 30, 0), DateTime.FromOADate(double.Parse(submittedAt.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        var format = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)submittedAt.StyleIndex!.Value);
        var numberFormat = document.WorkbookPart.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value);
        Assert.Equal("dd/mm/yyyy hh:mm", numberFormat.FormatCode!.Value);
        Assert.Equal("", Text(rows[3].Elements<Cell>().ElementAt(5)));

        Assert.Equal("A1:G4", worksheet.GetFirstChild<AutoFilter>()!.Reference!.Value);
        Assert.Equal("A2", worksheet.Descendants<Pane>().Single().TopLeftCell!.Value);
    }

    [Fact]
    public void Xlsx_streams_a_province_sized_table()
    {
        var rows = Enumerable.Range(1, 50_000).Select(i => new StatusRow($"Chi bộ số {i}", "Chi bộ, đảng bộ cơ sở", "Nguyễn Văn An", "Chưa bắt đầu", null, null));
        using var output = new MemoryStream();

        StatusTableExporter.WriteXlsx(rows, output);
        output.Position = 0;

        using var document = SpreadsheetDocument.Open(output, isEditable: false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var last = sheet.GetFirstChild<SheetData>()!.Elements<Row>().Last();
        Assert.Equal(50_001u, last.RowIndex!.Value);
        Assert.Equal("Chi bộ số 50000", Text(last.Elements<Cell>().ElementAt(1)));
    }

    private static string Text(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
}
