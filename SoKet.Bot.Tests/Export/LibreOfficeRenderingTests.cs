using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Export;
using SoKet.Bot.Tests.Export.Fixtures;

namespace SoKet.Bot.Tests.Export;

/// <summary>
/// Opens the written .docx in LibreOffice (headless, converted to PDF) as a recipient without Word would,
/// and reads back what is printed: text with its diacritics, the two-column letterhead, the page size,
/// the page numbers and where the ink falls on the page. Set SOKET_EXPORT_ARTIFACTS to a folder to keep
/// the .docx, .pdf and page-1 .png for a look.
/// </summary>
public sealed partial class LibreOfficeRenderingTests : IDisposable
{
    private readonly string _directory;
    private readonly bool _keep;

    public LibreOfficeRenderingTests()
    {
        var artifacts = Environment.GetEnvironmentVariable("SOKET_EXPORT_ARTIFACTS");
        _keep = !string.IsNullOrEmpty(artifacts);
        _directory = _keep ? Path.GetFullPath(artifacts!) : Path.Combine(Path.GetTempPath(), "soket-tests", "export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [Fact]
    public async Task Unit_report_prints_as_a_party_document()
    {
        using var docx = DocxContent.Write(SampleDocuments.WardReport(extraParagraphs: 3));
        var pdf = await ExternalTools.ConvertToPdfAsync(docx.SaveTo(_directory, "bao-cao-phuong-tan-phong.docx"));

        var info = await ExternalTools.PdfInfoAsync(pdf);
        Assert.Matches(@"Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)", info);
        var pages = int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(pages >= 2, "the sample runs over one page, so page numbering can be checked");

        var first = Lines(await ExternalTools.PdfToTextAsync(pdf, 1));
        // The letterhead's two columns print side by side on the same lines.
        Assert.Contains(first, l => Regex.IsMatch(l, @"ĐẢNG BỘ THÀNH PHỐ LAI CHÂU\s{3,}ĐẢNG CỘNG SẢN VIỆT NAM"));
        Assert.Contains(first, l => Regex.IsMatch(l, @"Số 45-BC/ĐU\s{3,}Tân Phong, ngày 26 tháng 6 năm 2023"));
        Assert.Contains("ĐẢNG ỦY PHƯỜNG TÂN PHONG", first);
        Assert.Contains("*", first);
        Assert.Contains("BÁO CÁO", first);
        Assert.Contains("sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội", first);
        Assert.Contains("Đảng bộ phường Tân Phong lần thứ XIII, nhiệm kỳ 2020 - 2025", first);
        // The first page carries no page number; the second starts with "2".
        Assert.DoesNotContain("1", first.Take(1));
        Assert.Equal("2", Lines(await ExternalTools.PdfToTextAsync(pdf, 2))[0]);

        // Words wrap inside table cells: compare with runs of white space collapsed.
        var all = Regex.Replace(await ExternalTools.RunAsync("pdftotext", TimeSpan.FromMinutes(1), "-enc", "UTF-8", pdf, "-"), @"\s+", " ");
        Assert.Contains("Kết nạp đảng viên mới", all);
        Assert.Contains("13.642,75", all);
        Assert.Contains("Nơi nhận:", all);
        Assert.Contains("T/M ĐẢNG ỦY", all);
        Assert.Contains("Lò Văn Thắng", all);

        // Ink stays inside the margins: 30 mm left, 15 mm right, 20 mm top (a hairline of tolerance).
        var page = PngImage.Load(await ExternalTools.RenderPageAsync(pdf, 1, dpi: 72));
        var (left, top, right, _) = InkBounds(page);
        var mm = 72 / 25.4;
        Assert.InRange(left, 29 * mm, 40 * mm);
        Assert.InRange(page.Width - 1 - right, 14 * mm, 40 * mm);
        Assert.InRange(top, 19 * mm, 30 * mm);
    }

    [Fact]
    public async Task Consolidated_report_prints_units_and_the_submission_appendix()
    {
        var outline = SeedOutlines.LaiChau;
        var units = GeneratedUnits.Create(12, outline.Writable.ToList(), seed: 7);
        var report = ConsolidationBuilder.Build(outline.Frame, outline.Sections, units);
        using var docx = DocxContent.Write(report);
        var pdf = await ExternalTools.ConvertToPdfAsync(docx.SaveTo(_directory, "tong-hop-125-KH-ThU.docx"));

        var first = Lines(await ExternalTools.PdfToTextAsync(pdf, 1));
        Assert.Contains(first, l => Regex.IsMatch(l, @"ĐẢNG BỘ TỈNH LAI CHÂU\s{3,}ĐẢNG CỘNG SẢN VIỆT NAM"));
        Assert.Contains("THÀNH ỦY LAI CHÂU", first);

        var text = (await ExternalTools.RunAsync("pdftotext", TimeSpan.FromMinutes(1), "-enc", "UTF-8", pdf, "-")).ReplaceLineEndings("\n");
        Assert.Contains("KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020 - 2025", text);
        Assert.Contains(ConsolidationBuilder.SubmissionAppendixTitle, text);
        foreach (var missing in units.Where(u => !u.Submitted))
            Assert.Contains(missing.UnitName, text);
        Assert.Contains(units.First(u => u.Submitted).UnitName + ":", text);
    }

    private static (int Left, int Top, int Right, int Bottom) InkBounds(PngImage page)
    {
        int left = page.Width, top = page.Height, right = -1, bottom = -1;
        for (var y = 0; y < page.Height; y++)
            for (var x = 0; x < page.Width; x++)
            {
                if (page[x, y].R > 160)
                    continue;
                left = Math.Min(left, x); right = Math.Max(right, x);
                top = Math.Min(top, y); bottom = Math.Max(bottom, y);
            }
        Assert.True(right >= 0, "the page is blank");
        return (left, top, right, bottom);
    }

    private static List<string> Lines(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    public void Dispose()
    {
        if (!_keep)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}
