using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Cards;

using SoKet.Bot.Help;

namespace SoKet.Bot.Tests.Cards;

public sealed class CardCatalogTests : IDisposable
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "soket-cards-" + Guid.NewGuid().ToString("N"));

    public CardCatalogTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CardCatalog AppCatalog() => new(CardCatalog.DefaultDirectory);

    private static IEnumerable<string> SubmitCommands(JsonNode card) =>
        Descendants(card).OfType<JsonObject>()
            .Where(o => o["type"]?.GetValue<string>() == "Action.Submit")
            .Select(o => o["data"]!["command"]!.GetValue<string>());

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        _ => [node],
    };

    [Fact]
    public void Help_card_from_a_poco_lists_office_commands_only_for_admins()
    {
        var catalog = AppCatalog();

        var member = catalog.Render(HelpCard.TemplateName, HelpCard.Create(isAdmin: false));
        var admin = catalog.Render(HelpCard.TemplateName, HelpCard.Create(isAdmin: true));

        Assert.Equal("1.5", member["version"]!.GetValue<string>());
        Assert.Equal(
            [HelpCard.DraftReport, HelpCard.EnterIndicators, HelpCard.SuggestShortcomings, HelpCard.AskDeadline],
            SubmitCommands(member));
        Assert.Equal(
            [HelpCard.DraftReport, HelpCard.EnterIndicators, HelpCard.SuggestShortcomings, HelpCard.AskDeadline,
             HelpCard.SubmissionStatus, HelpCard.SendReminders, HelpCard.CompileReports],
            SubmitCommands(admin));
        Assert.Contains("Ví dụ: “hạn nộp báo cáo khi nào?”", member.ToJsonString(Readable), StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_card_from_a_poco()
    {
        var notice = new NoticeCard("Chưa gửi được báo cáo", "Thiếu phụ lục chỉ tiêu.", NoticeKind.Error, [new("Đơn vị", "Chi bộ 1")]);

        var card = AppCatalog().Render(NoticeCard.TemplateName, notice);

        var body = card["body"]!.AsArray();
        Assert.Equal(3, body.Count);
        Assert.Equal("Attention", body[0]!["color"]!.GetValue<string>());
        Assert.Equal("Chưa gửi được báo cáo", body[0]!["text"]!.GetValue<string>());
        Assert.Equal("Thiếu phụ lục chỉ tiêu.", body[1]!["text"]!.GetValue<string>());
        Assert.Equal("Chi bộ 1", body[2]!["facts"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Notice_card_leaves_out_what_is_not_given()
    {
        var card = AppCatalog().Render(NoticeCard.TemplateName, new NoticeCard("Đã ghi nhận."));

        var only = Assert.Single(card["body"]!.AsArray());
        Assert.Equal("Đã ghi nhận.", only!["text"]!.GetValue<string>());
        Assert.Null(only["color"]);
    }

    [Fact]
    public void Render_takes_json_nodes_as_they_are_and_returns_a_new_card_each_time()
    {
        var data = CardJson.Parse("""{"title": "Đã lưu"}""");
        var catalog = AppCatalog();

        var first = catalog.Render("notice", data);
        var second = catalog.Render("notice", data);

        Assert.NotSame(first, second);
        Assert.Equal("Đã lưu", second["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Unknown_template_name_fails_clearly()
    {
        var e = Assert.Throws<ArgumentException>(() => AppCatalog().Render("helpp", null));

        Assert.Equal("name", e.ParamName);
        Assert.Contains("'helpp'", e.Message, StringComparison.Ordinal);
        Assert.Contains("help, notice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_in_subfolders_are_named_with_slashes()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "reports"));
        File.WriteAllText(Path.Combine(_folder, "reports", "status.json"), """{"type": "AdaptiveCard", "version": "1.5", "t": "${n}"}""");

        var catalog = new CardCatalog(_folder);

        Assert.Equal(["reports/status"], catalog.Names);
        Assert.Equal(3, catalog.Render("reports/status", new { N = 3 })["t"]!.GetValue<double>());
    }

    [Fact]
    public void A_broken_template_fails_when_the_catalog_loads()
    {
        File.WriteAllText(Path.Combine(_folder, "bad.json"), """{"type": "AdaptiveCard", "body": [{"text": "${n - 1}"}]}""");

        var e = Assert.Throws<CardTemplateException>(() => new CardCatalog(_folder));

        Assert.Contains("'bad'", e.Message, StringComparison.Ordinal);
        Assert.Contains("$.body[0].text", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_fails_when_the_catalog_loads()
    {
        File.WriteAllText(Path.Combine(_folder, "bad.json"), """{"type": "AdaptiveCard",}""");

        var e = Assert.Throws<CardTemplateException>(() => new CardCatalog(_folder));

        Assert.Contains("bad.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_folder_fails_clearly()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new CardCatalog(Path.Combine(_folder, "nowhere")));
    }

    [Fact]
    public void Render_requires_a_single_card_object()
    {
        File.WriteAllText(Path.Combine(_folder, "many.json"), """{"$data": "${items}", "type": "AdaptiveCard"}""");
        var catalog = new CardCatalog(_folder);

        Assert.Throws<CardTemplateException>(() => catalog.Render("many", new { Items = new[] { 1, 2 } }));
        Assert.Throws<CardTemplateException>(() => catalog.Render("many", new { Items = Array.Empty<int>() }));
    }

    [Fact]
    public void AddCards_registers_one_catalog_over_the_app_folder()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddCards().AddCards();
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(CardCatalog));
        var catalog = provider.GetRequiredService<CardCatalog>();
        Assert.Same(catalog, provider.GetRequiredService<CardCatalog>());
        Assert.Contains("help", catalog.Names);
        Assert.Contains("notice", catalog.Names);
    }
}
