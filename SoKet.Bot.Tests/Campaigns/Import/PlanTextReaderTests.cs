using System.Text;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

public sealed class PlanTextReaderTests
{
    private static readonly PlanTextReader Reader = new();

    public static TheoryData<string> Seeds => new(SeedPlans.All);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Decomposed_unicode_nbsp_and_windows_line_endings_import_the_same(string seed)
    {
        var raw = SeedPlans.RawText(seed);
        var expected = PlanExtractionJson.Serialize(PlanImporter.Extract(Read(Encoding.UTF8.GetBytes(raw), "plan.txt")));

        var mangled = raw.Normalize(NormalizationForm.FormD)
            .Replace(" ", "\u00A0 ", StringComparison.Ordinal)
            .Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.NotEqual(raw, mangled);

        var actual = PlanExtractionJson.Serialize(PlanImporter.Extract(Read(Encoding.UTF8.GetBytes(mangled), "plan.txt")));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Reads_utf8_with_bom_and_utf16_files_like_plain_utf8(string seed)
    {
        var raw = SeedPlans.RawText(seed);
        var plain = Read(Encoding.UTF8.GetBytes(raw), "plan.txt");

        Assert.Equal(plain, Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(raw)], "plan.txt"));
        Assert.Equal(plain, Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(raw)], "plan.txt"));
        Assert.Equal(plain, Read([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(raw)], "plan.md"));
        Assert.Equal(plain, Read(Encoding.Unicode.GetBytes(raw), "plan.txt"));
    }

    [Fact]
    public void Normalises_spaces_markdown_and_dates()
    {
        const string input = "# I. MỤC ĐÍCH**1. Mục đích**\r\nSố liệu   ước tính **đến ngày 30/ 6/2023**;\u200B *Lưu ý: có phụ lục.*\r\r\n\r\n\r\n- Gửi\u2009trước ngày 30 / 6 / 2023\rtrong tháng 7 / 2023";
        var text = Read(Encoding.UTF8.GetBytes(input), "plan.md");
        Assert.Equal(
            "I. MỤC ĐÍCH\n1. Mục đích\nSố liệu ước tính đến ngày 30/6/2023; Lưu ý: có phụ lục.\n\n- Gửi trước ngày 30/6/2023\ntrong tháng 7/2023\n",
            text);
    }

    [Fact]
    public void Keeps_rules_and_the_seal_star()
    {
        var text = Read(Encoding.UTF8.GetBytes("THÀNH ỦY\n*\nKẾ HOẠCH\n________\n-----\n"), "plan.txt");
        Assert.Equal("THÀNH ỦY\n*\nKẾ HOẠCH\n________\n-----\n", text);
    }

    [Fact]
    public void Reads_a_file_from_disk_and_reports_its_format()
    {
        var plan = Reader.Read(SeedPlans.PathOf(SeedPlans.LaiChau));
        Assert.Equal(PlanFileFormat.PlainText, plan.Format);
        Assert.Equal(SeedPlans.LaiChau, plan.FileName);
        Assert.StartsWith("ĐẢNG BỘ TỈNH LAI CHÂU\n", plan.Text, StringComparison.Ordinal);
    }

    private static string Read(byte[] bytes, string name)
    {
        using var stream = new MemoryStream(bytes);
        return Reader.Read(stream, name).Text;
    }
}
