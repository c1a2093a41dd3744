using System.Text;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>A plan written as a real .docx imports exactly as the same plan in text.</summary>
public sealed class DocxImportTests
{
    [Theory]
    [InlineData(SeedPlans.LaiChau, 4, 2)]
    [InlineData(SeedPlans.HaTinh, 0, 0)]
    [InlineData(SeedPlans.DangUyKhoi, 0, 0)]
    public void A_seed_written_as_docx_imports_the_same_as_its_text(string seed, int letterheadLeft, int letterheadRight)
    {
        var raw = SeedPlans.RawText(seed);
        var docx = DocxPlanBuilder.FromText(raw, letterheadLeft, letterheadRight);

        var fromDocx = Read(docx, "ke-hoach.docx");
        var fromText = Read(Encoding.UTF8.GetBytes(raw), "ke-hoach.txt");
        Assert.Equal(PlanFileFormat.Docx, fromDocx.Format);

        Assert.Equal(
            PlanExtractionJson.Serialize(PlanImporter.Extract(fromText.Text)),
            PlanExtractionJson.Serialize(PlanImporter.Extract(fromDocx.Text)));
    }

    [Fact]
    public void Reads_the_letterhead_table_cell_by_cell()
    {
        var docx = DocxPlanBuilder.FromText(SeedPlans.RawText(SeedPlans.LaiChau), 4, 2);
        var text = Read(docx, "lai-chau.docx").Text;
        Assert.StartsWith(
            "ĐẢNG BỘ TỈNH LAI CHÂU\nTHÀNH ỦY LAI CHÂU\n*\nSố 125-KH/ThU\nĐẢNG CỘNG SẢN VIỆT NAM\nTP. Lai Châu, ngày 21 tháng 3 năm 2023\n\nKẾ HOẠCH\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_docx_renamed_txt_is_still_read_as_docx()
    {
        var docx = DocxPlanBuilder.FromText(SeedPlans.RawText(SeedPlans.HaTinh));
        var plan = Read(docx, "ke-hoach.txt");
        Assert.Equal(PlanFileFormat.Docx, plan.Format);
        Assert.Equal("150-KH/TU", PlanImporter.Extract(plan.Text).Number?.Code);
    }

    [Fact]
    public void Renders_words_automatic_numbering_as_labels()
    {
        var docx = DocxPlanBuilder.WithAutomaticNumbering(
        [
            "KẾ HOẠCH",
            "sơ kết giữa nhiệm kỳ",
            "#0 MỤC ĐÍCH, YÊU CẦU",
            "#1 Mục đích",
            "#1 Yêu cầu",
            "#0 NỘI DUNG",
            "#1 Nội dung báo cáo",
            "#2 Kết quả đạt được",
            "#3 Về kinh tế",
            "#3 Về xã hội",
            "#2 Hạn chế, nguyên nhân",
            "#4 Nêu rõ hạn chế",
            "#0 TỔ CHỨC THỰC HIỆN",
            "#1 Các chi bộ gửi báo cáo về Đảng ủy trước ngày 15/6/2024.",
        ]);

        var text = Read(docx, "ke-hoach.docx").Text;
        Assert.Equal(
            """
            KẾ HOẠCH
            sơ kết giữa nhiệm kỳ
            I. MỤC ĐÍCH, YÊU CẦU
            1. Mục đích
            2. Yêu cầu
            II. NỘI DUNG
            1. Nội dung báo cáo
            1.1. Kết quả đạt được
            a) Về kinh tế
            b) Về xã hội
            1.2. Hạn chế, nguyên nhân
            - Nêu rõ hạn chế
            III. TỔ CHỨC THỰC HIỆN
            1. Các chi bộ gửi báo cáo về Đảng ủy trước ngày 15/6/2024.

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);

        var plan = PlanImporter.Extract(text);
        Assert.Equal(["1.1.", "a)", "b)", "1.2."], plan.Outline.AllSections().Select(s => s.NumberLabel));
        Assert.Equal(new DateOnly(2024, 6, 15), plan.Deadlines.Single().Date?.Date);
        Assert.Equal("Các chi bộ", plan.Deadlines.Single().UnitGroup);
    }

    private static PlanText Read(byte[] bytes, string name)
    {
        using var stream = new MemoryStream(bytes);
        return new PlanTextReader().Read(stream, name);
    }
}
