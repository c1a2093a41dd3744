using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Drafting.Editor;
using SoKet.Bot.People;
using SoKet.Bot.Reports;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Tests.Channels;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Drafting.Editor;

/// <summary>
/// The section editor from Teams, every activity signed by the channel: the card's button is a task/fetch invoke
/// answered with a dialog on the editor page; the page's text comes back as task/submit and is saved with the
/// version check; the page's API takes a Teams link only from the dialog that opened it first.
/// </summary>
[Trait("Category", "Store")]
public sealed class TeamsEditorTests : IAsyncLifetime
{
    private const string AppId = TeamsAuthenticationTests.AppId;
    private readonly BotApp _app = new();
    private TestChannel _channel = null!;
    private LoopbackConnector _connector = null!;
    private LoopbackTokenEndpoint _tokens = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _channel = await TestChannel.StartAsync();
        _connector = await LoopbackConnector.StartAsync();
        _tokens = await LoopbackTokenEndpoint.StartAsync();
        _app.Settings["MicrosoftAppId"] = AppId;
        _app.Settings["MicrosoftAppPassword"] = "test-secret";
        _app.Settings["MicrosoftAppTenantId"] = TeamsActivities.TenantId;
        _app.Settings["Connector:AuthorityHost"] = _tokens.AuthorityHost;
        foreach (var (key, value) in _channel.AuthoritySettings())
            _app.Settings[key] = value;
        _app.TestServices = services => services
            .AddHttpClient(MsalConnectorTokenProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(_tokens.CreateTrustingHandler);
        _http = _app.CreateHttpClient();
        await using var db = _app.OpenStore();
        var seed = await DraftingSeed.CreateAsync(db, [], DraftingSeed.HaTinh);
        var person = new Person { Id = Guid.NewGuid(), DisplayName = "Nguyễn Văn An", AadObjectId = TeamsActivities.UserAadObjectId };
        db.People.Add(person);
        db.UnitMembers.Add(new UnitMember { UnitId = seed.Unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _channel.DisposeAsync();
        await _connector.DisposeAsync();
        await _tokens.DisposeAsync();
    }

    [Fact]
    public async Task Task_fetch_opens_the_editor_page_in_a_large_dialog_titled_with_the_section()
    {
        var (first, section) = await OpenSectionAsync();
        var button = DraftingChat.FindAction(section, EditorTexts.ButtonTitle)!;
        Assert.Equal("task/fetch", button["data"]!["msteams"]!["type"]!.GetValue<string>());

        var task = await InvokeAsync(first, "task/fetch", new JsonObject { ["type"] = "task/fetch", ["data"] = button["data"]!.DeepClone(), ["context"] = new JsonObject { ["theme"] = "default" } });

        Assert.Equal("continue", task["type"]!.GetValue<string>());
        var value = task["value"]!;
        Assert.Equal(Heading(section), value["title"]!.GetValue<string>());
        Assert.Equal("large", value["height"]!.GetValue<string>());
        var url = new Uri(value["url"]!.GetValue<string>());
        Assert.Equal(EditorAddress.PagePath, url.AbsolutePath);
        Assert.Contains("host=teams", url.Query);
        using var page = await _http.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/lib/MicrosoftTeams.min.js", await page.Content.ReadAsStringAsync());

        // The dialog's first load gets the page's key; the same link loaded anywhere else afterwards gets nothing.
        var token = EditorWorld.TokenOf(url.PathAndQuery);
        var loaded = JsonNode.Parse(await (await SendAsync(HttpMethod.Get, "section", token)).Content.ReadAsStringAsync())!;
        var key = loaded["key"]!.GetValue<string>();
        Assert.Equal(Heading(section), loaded["title"]!.GetValue<string>());
        using var elsewhere = await SendAsync(HttpMethod.Get, "section", token);
        using var draft = await SendAsync(HttpMethod.Put, "draft", token, new { text = "Bản nháp trong hộp thoại.", basedOnVersion = 0 }, key);
        using var withoutKey = await SendAsync(HttpMethod.Put, "draft", token, new { text = "Ghi đè!", basedOnVersion = 0 });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutKey.StatusCode);
        await using var db = _app.OpenStore();
        Assert.Equal("Bản nháp trong hộp thoại.", (await db.EditorDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task Task_submit_saves_the_text_posts_the_card_and_a_stale_version_reopens_the_dialog_on_the_conflict()
    {
        var (first, section) = await OpenSectionAsync();
        var button = DraftingChat.FindAction(section, EditorTexts.ButtonTitle)!;
        var opened = await InvokeAsync(first, "task/fetch", new JsonObject { ["type"] = "task/fetch", ["data"] = button["data"]!.DeepClone() });
        var token = EditorWorld.TokenOf(opened["value"]!["url"]!.GetValue<string>());
        var text = "Đảng bộ lãnh đạo hoàn thành các chỉ tiêu kinh tế - xã hội.\n\nCông tác cán bộ được quan tâm.";
        var seen = _connector.Requests.ToHashSet();

        var saved = await InvokeAsync(first, "task/submit", new JsonObject { ["type"] = "task/submit", ["data"] = new JsonObject { ["token"] = token, ["text"] = text, ["version"] = 0 } });

        Assert.Equal("message", saved["type"]!.GetValue<string>());
        Assert.Contains("Đã lưu mục", saved["value"]!.GetValue<string>());
        var card = await _connector.WaitForActivityAsync(r => !seen.Contains(r) && r.Activity?.Attachments?.Count > 0, TimeSpan.FromSeconds(10));
        Assert.Equal(text, DraftingChat.InputValue(card.Activity!.Attachments![0].Content!, "text"));
        await using (var db = _app.OpenStore())
            Assert.Equal(text, (await db.SectionDrafts.SingleAsync()).Text);

        var stale = await InvokeAsync(first, "task/submit", new JsonObject { ["type"] = "task/submit", ["data"] = new JsonObject { ["token"] = token, ["text"] = "Bản khác, soạn từ phiên bản cũ.", ["version"] = 0 } });

        Assert.Equal("continue", stale["type"]!.GetValue<string>());
        Assert.Contains("conflict=1", stale["value"]!["url"]!.GetValue<string>());
        await using (var db = _app.OpenStore())
        {
            Assert.Equal(text, (await db.SectionDrafts.SingleAsync()).Text);
            Assert.Equal("Bản khác, soạn từ phiên bản cũ.", (await db.EditorDrafts.SingleAsync()).Text);
        }
    }

    [Fact]
    public async Task Task_submit_with_a_forged_link_or_from_another_teams_user_saves_nothing()
    {
        var (first, section) = await OpenSectionAsync();
        var button = DraftingChat.FindAction(section, EditorTexts.ButtonTitle)!;
        var opened = await InvokeAsync(first, "task/fetch", new JsonObject { ["type"] = "task/fetch", ["data"] = button["data"]!.DeepClone() });
        var token = EditorWorld.TokenOf(opened["value"]!["url"]!.GetValue<string>());
        var other = TeamsActivities.Message(_connector.ServiceUrl, "x", first.Conversation!.Id, AppId);
        other.From = new ChannelAccount { Id = "29:1someone-else", Name = "Người khác", AadObjectId = Guid.NewGuid().ToString() };

        var forged = await InvokeAsync(first, "task/submit", new JsonObject { ["data"] = new JsonObject { ["token"] = token[..^4] + "AAAA", ["text"] = "Ghi đè!", ["version"] = 0 } });
        var foreign = await InvokeAsync(other, "task/submit", new JsonObject { ["data"] = new JsonObject { ["token"] = token, ["text"] = "Ghi đè!", ["version"] = 0 } });

        Assert.Equal("message", forged["type"]!.GetValue<string>());
        Assert.Contains("không dùng được", forged["value"]!.GetValue<string>());
        Assert.Equal("message", foreign["type"]!.GetValue<string>());
        Assert.Contains("không dùng được", foreign["value"]!.GetValue<string>());
        await using var db = _app.OpenStore();
        Assert.Empty(await db.SectionDrafts.ToListAsync());
    }

    /// <summary>"soạn báo cáo", then «Soạn tiếp» as Teams sends an Action.Submit: the first section's card.</summary>
    private async Task<(Activity First, JsonObject Section)> OpenSectionAsync()
    {
        var message = TeamsActivities.Message(_connector.ServiceUrl, "soạn báo cáo", botAppId: AppId);
        _connector.AddMember(message.From!.Id!, "Nguyễn Văn An", "an.nv@hatinh.dcs.vn", TeamsActivities.UserAadObjectId);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(message)).StatusCode);
        var overview = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == message.Id && r.Activity?.Attachments?.Count > 0, TimeSpan.FromSeconds(10));
        var resume = DraftingChat.FindAction(overview.Activity!.Attachments![0].Content!, "Soạn tiếp")!;
        var press = TeamsActivities.Message(_connector.ServiceUrl, "", message.Conversation!.Id, AppId);
        press.From = message.From;
        press.Text = null;
        press.Value = resume["data"]!.DeepClone();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(press)).StatusCode);
        var section = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == press.Id && r.Activity?.Attachments?.Count > 0, TimeSpan.FromSeconds(10));
        return (message, section.Activity!.Attachments![0].Content!.AsObject());
    }

    private async Task<JsonObject> InvokeAsync(Activity after, string name, JsonObject value)
    {
        var invoke = TeamsActivities.Invoke(_connector.ServiceUrl, name, value, after.Conversation!.Id, AppId);
        invoke.From = after.From;
        using var response = await PostAsync(invoke);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: HTTP {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["task"]!.AsObject();
    }

    private Task<HttpResponseMessage> PostAsync(Activity activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", _channel.CreateToken(AppId, activity.ServiceUrl!));
        return _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, "/api/editor/" + path);
        request.Headers.Add(EditorEndpoints.TokenHeader, token);
        if (key is not null)
            request.Headers.Add(EditorEndpoints.KeyHeader, key);
        if (body is not null)
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        return await _http.SendAsync(request);
    }

    private static string Heading(JsonObject card) =>
        card["body"]!.AsArray().OfType<JsonObject>().First(b => b["style"]?.GetValue<string>() == "heading")["text"]!.GetValue<string>();
}
