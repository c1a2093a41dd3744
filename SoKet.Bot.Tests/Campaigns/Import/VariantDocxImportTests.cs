using System.Text;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Issue 15 variants written as real .docx: the task table as a Word table with a merged unit cell, and the
/// "Đối với ..." sub-headings numbered by Word's automatic numbering rather than typed.
/// </summary>
public sealed class VariantDocxImportTests
{
    [Theory]
    [InlineData(VariantFiles.HeadingGroups, 4, 2)]
    [InlineData(VariantFiles.TaskTable, 0, 0)]
    [InlineData(VariantFiles.OutlineElsewhere, 0, 0)]
    [InlineData(VariantFiles.RelativeDeadlines, 0, 0)]
    [InlineData(VariantFiles.Completion, 4, 2)]
    public void A_variant_written_as_docx_imports_the_same_as_its_text(string name, int letterheadLeft, int letterheadRight)
    {
        var raw = VariantFiles.RawText(name);
        var fromDocx = Read(DocxPlanBuilder.FromText(raw, letterheadLeft, letterheadRight, tables: true), "ke-hoach.docx");
        var fromText = Read(Encoding.UTF8.GetBytes(raw), "ke-hoach.txt");

        Assert.Equal(PlanFileFormat.Docx, fromDocx.Format);
        Assert.Equal(
            PlanExtractionJson.Serialize(PlanImporter.Extract(fromText.Text)),
            PlanExtractionJson.Serialize(PlanImporter.Extract(fromDocx.Text)));
    }

    [Fact]
    public void An_outline_written_as_a_word_table_with_bare_numbers_is_read_as_the_typed_outline()
    {
        // Hà Tĩnh's outline as an office might lay it out in Word: a "STT | Nội dung | Ghi chú" table whose number
        // cells hold "A", "I", "2.1" without punctuation, the notes column left empty.
        var seed = SeedPlans.RawText(SeedPlans.HaTinh);
        var at = seed.IndexOf("Phần 1\n", StringComparison.Ordinal);
        var rows = seed[at..].Split('\n').Where(l => l.Trim().Length > 0).Select(l =>
        {
            var m = System.Text.RegularExpressions.Regex.Match(l, @"^(Phần \d|[IVX]+\.|[A-Z]\.|\d+(?:\.\d+)*\.)\s*(.*)$");
            return m.Success ? $"{m.Groups[1].Value.TrimEnd('.')}\t{m.Groups[2].Value}\t" : $"\t{l}\t";
        });
        var text = seed[..at] + "STT\tNội dung\tGhi chú\n" + string.Join('\n', rows) + "\n";

        var plan = PlanImporter.Extract(Read(DocxPlanBuilder.FromText(text, tables: true), "ke-hoach.docx").Text);
        var expected = SeedPlans.Import(SeedPlans.HaTinh).Outline;

        Assert.Equal(expected.Title, plan.Outline.Title);
        Assert.Equal(expected.AllSections().Select(s => (s.Id, s.Heading)), plan.Outline.AllSections().Select(s => (s.Id, s.Heading)));
        Assert.Equal(["Phần 1", "A.", "B.", "I.", "II."], plan.Outline.AllSections().Take(5).Select(s => s.NumberLabel));
    }

    [Fact]
    public void The_task_table_is_read_from_a_word_table_with_a_merged_cell()
    {
        var docx = DocxPlanBuilder.FromText(VariantFiles.RawText(VariantFiles.TaskTable), tables: true);
        var text = Read(docx, "bang.docx").Text;

        // The merged cell comes out empty, between two tabs, so the columns after it stay in place.
        Assert.Contains("4\t\tTham mưu tổ chức hội nghị sơ kết của Tỉnh ủy\tTrong quý III/2023\n", text, StringComparison.Ordinal);
        var conference = PlanImporter.Extract(text).Deadlines[^1];
        Assert.Equal(("Ban Tổ chức Tỉnh ủy", DueKind.Conference, new DateOnly(2023, 9, 30)), (conference.UnitGroup, conference.Due, conference.Date?.Date));
        Assert.NotNull(conference.UnitGroupUnsure);
    }

    [Fact]
    public void Doi_voi_headings_numbered_by_word_name_their_groups()
    {
        var docx = DocxPlanBuilder.WithAutomaticNumbering(
        [
            "KẾ HOẠCH",
            "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ huyện",
            "#0 MỤC ĐÍCH, YÊU CẦU",
            "Đánh giá đúng kết quả thực hiện nghị quyết.",
            "#0 HÌNH THỨC, THỜI GIAN",
            "#1 Đối với các đảng bộ xã, thị trấn",
            "#4 Tổ chức hội nghị ban chấp hành mở rộng sơ kết giữa nhiệm kỳ, hoàn thành trước ngày 20/6/2023.",
            "#4 Gửi báo cáo về Ban Thường vụ Huyện ủy (qua Văn phòng Huyện ủy) trước ngày 25/6/2023.",
            "#1 Đối với các chi bộ, đảng bộ cơ quan, doanh nghiệp",
            "Tổ chức hội nghị sơ kết trong tháng 6/2023.",
        ]);
        var plan = PlanImporter.Extract(Read(docx, "doi-voi.docx").Text);

        var expected = new (string Group, DueKind Due, DateOnly? Date, string? Heading)[]
        {
            ("Các đảng bộ xã, thị trấn", DueKind.Conference, new DateOnly(2023, 6, 20), "1. Đối với các đảng bộ xã, thị trấn"),
            ("Các đảng bộ xã, thị trấn", DueKind.Report, new DateOnly(2023, 6, 25), "1. Đối với các đảng bộ xã, thị trấn"),
            ("Các chi bộ, đảng bộ cơ quan, doanh nghiệp", DueKind.Conference, new DateOnly(2023, 6, 30), "2. Đối với các chi bộ, đảng bộ cơ quan, doanh nghiệp"),
        };
        Assert.Equal(expected, plan.Deadlines.Select(d => (d.UnitGroup, d.Due, d.Date?.Date, d.UnitGroupUnsure?.Source)).ToArray());
        Assert.Equal(("Ban Thường vụ Huyện ủy", "Văn phòng Huyện ủy"), (plan.Deadlines[1].Recipient, plan.Deadlines[1].Via));
    }

    private static PlanText Read(byte[] bytes, string name)
    {
        using var stream = new MemoryStream(bytes);
        return new PlanTextReader().Read(stream, name);
    }
}
