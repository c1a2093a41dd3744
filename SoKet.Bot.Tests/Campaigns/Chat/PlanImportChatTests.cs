using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Campaigns.Chat;

/// <summary>
/// An office clerk (the web chat user in local mode acts as admin) sends a plan in chat, checks what
/// the bot read on the confirmation card, corrects a deadline and confirms: over real HTTP through the
/// Direct Line subset, with the real SQLite store.
/// </summary>
[Trait("Category", "Store")]
public sealed class PlanImportChatTests : IDisposable
{
    private static readonly string LaiChauPath = Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", "ke-hoach-125-KH-ThU-lai-chau-2023.txt");
    private static readonly string HaTinhPath = Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", "ke-hoach-150-KH-TU-ha-tinh-2023.txt");
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Tao_dot_so_ket_asks_for_the_plan_file()
    {
        var chat = await StartChatAsync();

        await chat.SendAsync("tao dot so ket");

        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        Assert.Contains("gửi tệp kế hoạch", reply.Text);
    }

    [Fact]
    public async Task A_sent_plan_is_shown_for_confirmation_and_nothing_is_created_yet()
    {
        var chat = await StartChatAsync();

        var upload = await chat.UploadAsync("ke-hoach-125.txt", await File.ReadAllBytesAsync(LaiChauPath), "text/plain");

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var card = CardOf(Assert.Single(await chat.ReadBotActivitiesAsync(1)));
        Assert.Equal("125-KH/ThU", InputValue(card, "code"));
        Assert.Equal("2023-03-21", InputValue(card, "issuedOn"));
        var cardText = Json(card);
        Assert.Contains("Cấp cơ sở", cardText);
        Assert.Contains("2023-06-30", cardText);
        Assert.Contains("Nguồn: «", cardText);
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.Campaigns.CountAsync());
        Assert.Equal(1, await db.PendingPlanImports.CountAsync());
    }

    [Fact]
    public async Task What_the_importer_inferred_is_marked_on_the_card_with_its_sentence()
    {
        var chat = await StartChatAsync();
        var variant = Path.Combine(AppContext.BaseDirectory, "TestData", "variants", "ke-hoach-dang-uy-khoi-2023-moc-tuong-doi.txt");

        await chat.UploadAsync("ke-hoach-dang-uy-khoi.txt", await File.ReadAllBytesAsync(variant), "text/plain");

        var cardText = Json(CardOf(Assert.Single(await chat.ReadBotActivitiesAsync(1))));
        Assert.Contains("Các chi, đảng bộ cơ sở — Tổ chức hội nghị sơ kết (Cần kiểm tra)", cardText);
        Assert.Contains("Cần kiểm tra – Đối tượng: Câu nêu thời hạn không ghi đối tượng; SoKet lấy đối tượng theo đề mục «1- Đối với các chi, đảng bộ cơ sở:».", cardText);
        Assert.Contains("Trích: «1- Đối với các chi, đảng bộ cơ sở:»", cardText);
        Assert.Contains("Hạn (30/06/2023) – Cần kiểm tra", cardText);
    }

    [Fact]
    public async Task An_edited_deadline_is_what_gets_stored_and_a_double_click_creates_one_campaign()
    {
        var chat = await StartChatAsync();
        await chat.UploadAsync("ke-hoach-125.txt", await File.ReadAllBytesAsync(LaiChauPath), "text/plain");
        var card = CardOf(Assert.Single(await chat.ReadBotActivitiesAsync(1)));
        var plan = PlanImporter.Extract(await File.ReadAllTextAsync(LaiChauPath));
        var edited = plan.Deadlines.Select((d, i) => (d, i)).First(x => x.d.UnitGroup == "Cấp cơ sở" && x.d.Due == DueKind.Report).i;

        // What Web Chat posts for Action.Submit: the button's data merged with every input's value.
        var submit = InputsOf(card);
        submit[$"deadline_{edited}"] = "2023-07-05";
        submit["title"] = "Sơ kết giữa nhiệm kỳ (đã sửa)";
        foreach (var (key, value) in ActionData(card, "xac-nhan-ke-hoach"))
            submit[key] = value?.DeepClone();
        await chat.SendAsync(null, submit.DeepClone());
        await chat.SendAsync(null, submit.DeepClone());

        var replies = await chat.ReadBotActivitiesAsync(2);
        Assert.Equal("Đã tạo đợt sơ kết", CardOf(replies[0])["body"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("không tạo thêm", replies[1].Text);

        await using var db = _app.OpenStore();
        var campaign = await db.Campaigns.Include(c => c.Deadlines).Include(c => c.Groups).Include(c => c.Sections).SingleAsync();
        Assert.Equal("125-KH/ThU", campaign.Code);
        Assert.Equal("Sơ kết giữa nhiệm kỳ (đã sửa)", campaign.Title);
        Assert.Equal(new DateTime(2023, 3, 21), campaign.IssuedOn);
        var stored = campaign.Deadlines.Single(d => d.Order == edited);
        Assert.Equal(new DateTime(2023, 7, 5), stored.Date);
        Assert.Equal("Cấp cơ sở", campaign.Groups.Single(g => g.Id == stored.GroupId).Name);
        Assert.Contains(campaign.Deadlines, d => d.Due == DueKind.Report && d.Date == new DateTime(2023, 6, 25));
        Assert.NotEmpty(campaign.Sections);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "campaign.created"));
    }

    [Fact]
    public async Task The_outline_edited_on_the_card_is_the_outline_stored()
    {
        var chat = await StartChatAsync();
        await chat.UploadAsync("ke-hoach-150.txt", await File.ReadAllBytesAsync(HaTinhPath), "text/plain");
        var card = CardOf(Assert.Single(await chat.ReadBotActivitiesAsync(1)));
        var submit = InputsOf(card);
        var outline = submit["outline"]!.GetValue<string>();
        Assert.Contains("Phần 1", outline);
        // The clerk adds a closing part and a sub-heading under it.
        submit["outline"] = outline + "\nPhần 3 Kiến nghị, đề xuất\n  1. Đối với Trung ương";
        foreach (var (key, value) in ActionData(card, "xac-nhan-ke-hoach"))
            submit[key] = value?.DeepClone();

        await chat.SendAsync(null, submit);
        await chat.ReadBotActivitiesAsync(1);

        await using var db = _app.OpenStore();
        var sections = await db.CampaignSections.OrderBy(s => s.Order).ToListAsync();
        var added = sections.Single(s => s.Heading == "Kiến nghị, đề xuất");
        Assert.Equal("Phần 3", added.NumberLabel);
        Assert.Equal(1, added.Level);
        var child = sections.Single(s => s.Heading == "Đối với Trung ương");
        Assert.Equal(added.Id, child.ParentId);
        Assert.Equal(sections.Count - 1, sections.IndexOf(child));
        // Untouched headings keep the plan's guidance.
        Assert.Contains(sections, s => s.Guidance is { Length: > 0 });
    }

    [Fact]
    public async Task An_invalid_date_on_the_card_is_refused_and_creates_nothing()
    {
        var chat = await StartChatAsync();
        await chat.UploadAsync("ke-hoach-125.txt", await File.ReadAllBytesAsync(LaiChauPath), "text/plain");
        var card = CardOf(Assert.Single(await chat.ReadBotActivitiesAsync(1)));
        var submit = InputsOf(card);
        submit["deadline_0"] = "31/02/2023";
        foreach (var (key, value) in ActionData(card, "xac-nhan-ke-hoach"))
            submit[key] = value?.DeepClone();

        await chat.SendAsync(null, submit);

        var notice = Json(CardOf(Assert.Single(await chat.ReadBotActivitiesAsync(1))));
        Assert.Contains("31/02/2023", notice);
        Assert.Contains("không đúng định dạng ngày", notice);
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.Campaigns.CountAsync());
    }

    public static TheoryData<string, int, string> BadFiles() => new()
    {
        { "trong.txt", 0, "rỗng" },
        { "nhi-phan.txt", 4096, "" },
        { "ke-hoach-lon.docx", 20 * 1024 * 1024, "MB" },
        { "ke-hoach.pdf", 2048, "PDF" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_files_get_a_vietnamese_message_naming_the_problem_and_change_nothing(string name, int size, string expected)
    {
        var chat = await StartChatAsync();
        var bytes = new byte[size];
        new Random(42).NextBytes(bytes);
        if (name.EndsWith(".pdf", StringComparison.Ordinal))
            Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(bytes, 0);

        await chat.UploadAsync(name, bytes);

        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        Assert.Contains(name, reply.Text);
        Assert.Contains(expected, reply.Text);
        Assert.DoesNotContain("Exception", reply.Text);
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.PendingPlanImports.CountAsync());
        Assert.Equal(0, await db.Campaigns.CountAsync());
        Assert.True(await db.StoredFiles.AllAsync(f => f.Content == null || f.Size <= 10 * 1024 * 1024));
    }

    private async Task<DirectLineClient> StartChatAsync()
    {
        var chat = new DirectLineClient(_app.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        return chat;
    }

    internal static string Json(JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    internal static JsonObject CardOf(Activity activity) =>
        Assert.Single(activity.Attachments ?? []).Content!.AsObject();

    internal static IEnumerable<JsonObject> Elements(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (var (_, child) in obj)
                foreach (var e in Elements(child)) yield return e;
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
                foreach (var e in Elements(item)) yield return e;
        }
    }

    private static string? InputValue(JsonObject card, string id) =>
        Elements(card).Single(e => e["id"]?.GetValue<string>() == id)["value"]?.GetValue<string>();

    internal static JsonObject InputsOf(JsonObject card)
    {
        var inputs = new JsonObject();
        foreach (var input in Elements(card["body"]).Where(e => e["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true))
            inputs[input["id"]!.GetValue<string>()] = input["value"]?.DeepClone() ?? "";
        return inputs;
    }

    internal static JsonObject ActionData(JsonObject card, string command) =>
        card["actions"]!.AsArray().Select(a => a!["data"]!.AsObject()).Single(d => d["command"]!.GetValue<string>() == command);
}
