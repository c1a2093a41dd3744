using System.Text.Json.Nodes;
using SoKet.Bot.Campaigns.Chat;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Cards;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// What the importer inferred is marked on the confirmation card next to its field, with the reason and the
/// sentence it came from (issue 15); what it read as written carries no mark.
/// </summary>
public sealed class ConfirmCardUnsureTests
{
    private static readonly CardCatalog Cards = new(CardCatalog.DefaultDirectory);

    private static JsonObject Render(PlanExtraction plan) =>
        Cards.Render(PlanConfirmCard.TemplateName, PlanConfirmCard.Create(Guid.Empty, "ke-hoach.txt", plan));

    private static List<string> Texts(JsonNode card) =>
        Elements(card).Where(e => e["type"]?.GetValue<string>() == "TextBlock").Select(e => e["text"]!.GetValue<string>()).ToList();

    private static string? Label(JsonNode card, string inputId) =>
        Elements(card).Single(e => e["id"]?.GetValue<string>() == inputId)["label"]?.GetValue<string>();

    private static IEnumerable<JsonObject> Elements(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Elements).Prepend(o),
        JsonArray a => a.SelectMany(Elements),
        _ => [],
    };

    [Fact]
    public void A_group_from_a_heading_and_a_date_without_a_year_are_marked_with_their_sentences()
    {
        var plan = PlanImporter.Extract(VariantFiles.RawText(VariantFiles.RelativeDeadlines));

        var card = Render(plan);
        var texts = Texts(card);

        // D1: "+ Tổ chức hội nghị sơ kết xong trước 30/6 (...)" under "1- Đối với các chi, đảng bộ cơ sở:".
        Assert.Contains("Các chi, đảng bộ cơ sở — Tổ chức hội nghị sơ kết (Cần kiểm tra)", texts);
        Assert.Contains("Cần kiểm tra – Đối tượng: Câu nêu thời hạn không ghi đối tượng; SoKet lấy đối tượng theo đề mục «1- Đối với các chi, đảng bộ cơ sở:».", texts);
        Assert.Contains("Trích: «1- Đối với các chi, đảng bộ cơ sở:»", texts);
        Assert.Contains(texts, t => t.StartsWith("Cần kiểm tra – Thời hạn: Kế hoạch ghi «30/6», không ghi năm", StringComparison.Ordinal));
        Assert.Equal("Hạn (30/06/2023) – Cần kiểm tra", Label(card, PlanConfirmCard.DeadlineInputId(0)));

        // D4 is counted from D2: the card says so.
        Assert.Contains(texts, t => t.StartsWith("Cần kiểm tra – Thời hạn: Kế hoạch ghi «sau 10 ngày kể từ hạn nộp báo cáo của các chi, đảng bộ cơ sở»; SoKet tính từ thời hạn D2 (05/07/2023)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Trích: «+ Văn phòng Đảng ủy Khối tổng hợp, xây dựng báo cáo chung", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Lưu ý: Có 8 thông tin SoKet suy ra, chưa chắc chắn", StringComparison.Ordinal));
    }

    [Fact]
    public void A_blank_day_in_the_date_line_marks_the_issue_date()
    {
        var card = Render(PlanImporter.Extract(SeedVariants.LaiChauWithBlankDay()));

        Assert.Equal("Ngày ban hành – Cần kiểm tra", Label(card, "issuedOn"));
        Assert.Contains(Texts(card), t => t.StartsWith("Cần kiểm tra: Dòng địa danh, ngày tháng để trống ngày", StringComparison.Ordinal) &&
                                           t.EndsWith("Trích: «TP. Lai Châu, ngày tháng 3 năm 2023»", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deadline_counted_from_an_undated_event_asks_for_the_date()
    {
        var plan = PlanImporter.Extract(SeedVariants.HaTinhWithRelative(SeedVariants.RelativeWordings["moc-khong-ro"]));

        var card = Render(plan);
        var index = plan.Deadlines.ToList().FindIndex(d => d.UnitGroup == "Văn phòng Tỉnh ủy");
        Assert.Equal("Hạn (tính từ một mốc kế hoạch không ghi ngày, đề nghị nhập)", Label(card, PlanConfirmCard.DeadlineInputId(index)));
    }

    [Fact]
    public void A_plan_read_as_written_carries_no_mark()
    {
        var card = Render(SeedPlans.Import(SeedPlans.HaTinh));

        Assert.DoesNotContain(Texts(card), t => t.Contains(PlanConfirmCard.CheckMark, StringComparison.Ordinal));
        Assert.Equal("Ngày ban hành", Label(card, "issuedOn"));
        Assert.Equal("Hạn (10/06/2023)", Label(card, PlanConfirmCard.DeadlineInputId(0)));
    }
}

/// <summary>`import-plan PATH` prints the same marks as the card.</summary>
public sealed class PlanSummaryUnsureTests
{
    [Fact]
    public void The_summary_names_what_to_check_with_its_sentence()
    {
        var source = new PlanTextReader().Read(VariantFiles.PathOf(VariantFiles.RelativeDeadlines));
        var summary = SoKet.Bot.Cli.PlanSummaryWriter.Write(PlanImporter.Extract(source.Text), source);

        Assert.Contains(
            "  D4. [Văn phòng Đảng ủy Khối] Tổng hợp báo cáo: chậm nhất ngày 15/07/2023\n",
            summary, StringComparison.Ordinal);
        Assert.Contains(
            "      Cần kiểm tra (thời hạn): Kế hoạch ghi «sau 10 ngày kể từ hạn nộp báo cáo của các chi, đảng bộ cơ sở»; SoKet tính từ thời hạn D2 (05/07/2023) cộng 10 ngày. Trích: «+ Văn phòng Đảng ủy Khối tổng hợp,",
            summary, StringComparison.Ordinal);
        Assert.Contains("      Cần kiểm tra (đối tượng): Câu nêu thời hạn không ghi đối tượng; SoKet lấy đối tượng theo đề mục «2- Đối với Đảng ủy Khối:». Trích: «2- Đối với Đảng ủy Khối:»\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outline_published_elsewhere_is_named_as_such()
    {
        var source = new PlanTextReader().Read(VariantFiles.PathOf(VariantFiles.OutlineElsewhere));
        var summary = SoKet.Bot.Cli.PlanSummaryWriter.Write(PlanImporter.Extract(source.Text), source);

        Assert.Contains("  Kế hoạch yêu cầu báo cáo theo đề cương không có trong tệp; khi tạo đợt sơ kết, SoKet đề xuất dùng đề cương tham khảo", summary, StringComparison.Ordinal);
    }
}
