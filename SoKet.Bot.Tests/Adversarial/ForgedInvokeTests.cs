using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Channels.Files;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13, item 1: server-side request forgery through invokes. The web chat takes no invoke (nor any other
/// activity type Web Chat does not send); Teams' file consent answer uploads only to an https OneDrive/SharePoint
/// host, on the default port, whose every DNS address is public. Each test also proves that nothing was stored,
/// nothing reached the named address (a canary port counts connections; .NET's network events show every DNS
/// lookup, HTTP request and socket connect of this process) and that the answer does not tell a prober which
/// addresses answer.
/// </summary>
[Trait("Category", "Store")]
public sealed class ForgedInvokeTests : IAsyncLifetime
{
    private const string Refusal = "Chưa tải được tệp lên OneDrive của đồng chí. Đồng chí vui lòng thử xuất lại sau ít phút.";

    private readonly BotApp _app = new();
    private readonly OutboundTraffic _traffic = OutboundTraffic.Instance;
    private readonly Canary _canary = new();
    private LoopbackConnector _connector = null!;
    private HttpClient? _client;

    /// <summary>Started on first use, so a test can change settings first.</summary>
    private HttpClient _http => _client ??= _app.CreateHttpClient();

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
        await _canary.DisposeAsync();
    }

    public static TheoryData<string, string> ForgedWebChatActivities => new()
    {
        { "invoke", FileDelivery.FileConsentInvoke },
        { "invoke", "adaptiveCard/action" },
        { "invoke", "task/fetch" },
        { "invoke", "composeExtension/query" },
        { "invoke", "signin/verifyState" },
        { "event", "webchat/join" },
        { "conversationUpdate", "" },
        { "installationUpdate", "" },
        { "messageReaction", "" },
        { "endOfConversation", "" },
    };

    [Theory]
    [MemberData(nameof(ForgedWebChatActivities))]
    public async Task The_web_chat_refuses_every_activity_type_but_a_message(string type, string name)
    {
        var chat = new DirectLineClient(_http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        var before = await SnapshotAsync();

        using var response = await chat.PostRawAsync(JsonContent.Create(new JsonObject
        {
            ["type"] = type,
            ["name"] = name,
            ["from"] = new JsonObject { ["id"] = chat.UserId },
            ["value"] = new JsonObject
            {
                ["type"] = "fileUpload", ["action"] = "accept", ["context"] = new JsonObject { ["fileId"] = "x" },
                ["uploadInfo"] = new JsonObject { ["uploadUrl"] = $"http://127.0.0.1:{_canary.Port}/internal" },
            },
            ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>();
        Assert.StartsWith("Cửa sổ trò chuyện chỉ gửi tin nhắn", message);
        Assert.Contains("only accepts message activities", message);
        (await SnapshotAsync()).AssertUnchangedSince(before);
        Assert.Equal(0, _canary.Connections);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_file_consent_invoke_from_a_channel_other_than_teams_is_not_handled()
    {
        // The emulator channel reaches /api/messages in local mode; the file consent route runs on Teams only.
        var invoke = TeamsActivities.Invoke(_connector.ServiceUrl, FileDelivery.FileConsentInvoke, ConsentValue("any", $"http://127.0.0.1:{_canary.Port}/x"));
        invoke.ChannelId = ChannelIds.Emulator;
        invoke.ChannelData = null;
        var before = await SnapshotAsync();

        using var response = await PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(501, body["statusCode"]!.GetValue<int>());
        (await SnapshotAsync()).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);
        Assert.Equal(0, _canary.Connections);
        Assert.Empty(_connector.Requests);
    }

    public static TheoryData<string, string, int> ForbiddenUploadUrls => new()
    {
        // url, the host whose traffic must not appear, and its port when the host is this machine (whose other ports tests use)
        { "http://127.0.0.1:{canary}/upload", "127.0.0.1", -1 },
        { "https://127.0.0.1:{canary}/upload", "127.0.0.1", -1 },
        { "https://169.254.169.254/latest/meta-data/iam/security-credentials/", "169.254.169.254", 0 },
        { "https://10.0.0.5/sites/noi-bo/upload", "10.0.0.5", 0 },
        { "https://192.168.1.1/admin", "192.168.1.1", 0 },
        { "https://[::1]/upload", "::1", 443 },
        { "https://[::ffff:127.0.0.1]/upload", "127.0.0.1", 443 },
        { "https://2130706433/upload", "127.0.0.1", 443 },
        { "https://localhost/upload", "localhost", 0 },
        { "http://contoso.sharepoint.com/upload", "contoso.sharepoint.com", 0 },
        { "https://contoso.sharepoint.com:8443/upload", "contoso.sharepoint.com", 0 },
        { "https://user:secret@contoso.sharepoint.com/upload", "contoso.sharepoint.com", 0 },
        { "https://contoso.sharepoint.com.attacker.example/upload", "contoso.sharepoint.com.attacker.example", 0 },
        { "https://attacker.example/upload", "attacker.example", 0 },
        { "file:///etc/passwd", "", 0 },
        { "ftp://contoso.sharepoint.com/upload", "contoso.sharepoint.com", 0 },
    };

    [Theory]
    [MemberData(nameof(ForbiddenUploadUrls))]
    public async Task A_file_consent_upload_url_outside_onedrive_is_never_requested(string template, string host, int port)
    {
        var url = template.Replace("{canary}", _canary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var (ask, fileId) = await OfferAFileInTeamsAsync();
        var before = await SnapshotAsync();

        var answer = await AnswerConsentAsync(ask, fileId, url);

        Assert.Equal(Refusal, answer);
        Assert.Equal(0, _canary.Connections);
        if (port > 0)
            Assert.Empty(_traffic.ConnectsTo(IPAddress.Parse(host), port));
        else if (port == 0 && host.Length > 0)
            Assert.Empty(_traffic.Toward(host));
        // The offered file stays (the user may try again); nothing else changed.
        (await SnapshotAsync()).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);
        OnlyAnswersTo(ask);
    }

    [Fact]
    public async Task An_allowed_host_that_resolves_to_a_private_address_is_refused_after_dns()
    {
        // The host passes the allow-list (configured here to the name "localhost"); DNS answers 127.0.0.1 / ::1,
        // which is refused at connect time, before any socket is opened.
        _app.Settings["OutboundHttp:AllowedHosts:0"] = "localhost";
        var (ask, fileId) = await OfferAFileInTeamsAsync();
        var before = await SnapshotAsync();

        var answer = await AnswerConsentAsync(ask, fileId, "https://localhost/upload");

        Assert.Equal(Refusal, answer);
        Assert.Empty(_traffic.ConnectsTo(IPAddress.Loopback, 443));
        Assert.Empty(_traffic.ConnectsTo(IPAddress.IPv6Loopback, 443));
        (await SnapshotAsync()).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);
        OnlyAnswersTo(ask);
    }

    [Fact]
    public async Task The_answer_is_the_same_whether_an_internal_port_is_open_or_closed()
    {
        var (ask, fileId) = await OfferAFileInTeamsAsync();
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var open = await AnswerConsentAsync(ask, fileId, $"https://127.0.0.1:{_canary.Port}/");
        var closed = await AnswerConsentAsync(ask, fileId, $"https://127.0.0.1:{closedPort}/");

        Assert.Equal(open, closed);
        Assert.Equal(0, _canary.Connections);
    }

    [Fact]
    public async Task A_consent_answer_naming_a_file_offered_in_another_conversation_neither_uploads_nor_deletes_it()
    {
        var (_, fileId) = await OfferAFileInTeamsAsync();
        var stranger = TeamsActivities.Message(_connector.ServiceUrl, "xin chào");
        var before = await SnapshotAsync();

        var accept = await AnswerConsentAsync(stranger, fileId, $"http://127.0.0.1:{_canary.Port}/upload");
        var decline = TeamsActivities.Invoke(_connector.ServiceUrl, FileDelivery.FileConsentInvoke, new JsonObject
        {
            ["type"] = "fileUpload", ["action"] = "decline", ["context"] = new JsonObject { ["fileId"] = fileId },
        }, conversationId: stranger.Conversation!.Id);
        decline.From = stranger.From;
        using (var response = await PostAsync(decline))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal("Tệp không còn sẵn để gửi. Đồng chí vui lòng yêu cầu xuất lại.", accept);
        Assert.Equal(0, _canary.Connections);
        await using var db = _app.OpenStore();
        Assert.True(await db.StoredFiles.AnyAsync(f => f.Id == fileId), "another conversation's decline must not delete the file");
        (await StoreSnapshot.TakeAsync(db)).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);
    }

    /// <summary>A Teams member asks for their unit's report: the bot stores the document and offers it on a consent card.</summary>
    private async Task<(Activity Ask, string FileId)> OfferAFileInTeamsAsync()
    {
        _ = _http;
        await using (var db = _app.OpenStore())
        {
            if (!await db.Units.AnyAsync())
                await AdversarialWorld.SeedAsync(db, "wc-nobody", null, null, _connector.ServiceUrl);
        }
        var ask = TeamsActivities.Message(_connector.ServiceUrl, "xuất báo cáo", conversationId: "a:victim-member");
        ask.From!.Id = AdversarialWorld.VictimTeamsId;
        using (var response = await PostAsync(ask))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var consent = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == ask.Id, TimeSpan.FromSeconds(10));
        var card = Assert.Single(consent.Activity!.Attachments!);
        Assert.Equal(FileDelivery.FileConsentContentType, card.ContentType);
        return (ask, card.Content!["acceptContext"]!["fileId"]!.GetValue<string>());
    }

    /// <summary>Accepts the consent card with <paramref name="uploadUrl"/> as Teams' upload location; returns the bot's text answer.</summary>
    private async Task<string> AnswerConsentAsync(Activity ask, string fileId, string uploadUrl)
    {
        var accept = TeamsActivities.Invoke(_connector.ServiceUrl, FileDelivery.FileConsentInvoke, ConsentValue(fileId, uploadUrl), conversationId: ask.Conversation!.Id);
        accept.From = ask.From;
        using var response = await PostAsync(accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == accept.Id, TimeSpan.FromSeconds(10));
        return reply.Activity!.Text ?? "";
    }

    private static JsonObject ConsentValue(string fileId, string uploadUrl) => new()
    {
        ["type"] = "fileUpload",
        ["action"] = "accept",
        ["context"] = new JsonObject { ["fileId"] = fileId },
        ["uploadInfo"] = new JsonObject
        {
            ["name"] = "bao-cao.docx", ["uploadUrl"] = uploadUrl, ["contentUrl"] = "https://contoso.sharepoint.com/personal/x/bao-cao.docx",
            ["uniqueId"] = "1A2B", ["fileType"] = "docx",
        },
    };

    /// <summary>Everything the Connector received went to the attacker's own conversation, and none of it is a file card.</summary>
    private void OnlyAnswersTo(Activity ask)
    {
        Assert.All(_connector.Requests, r => Assert.Equal(ask.Conversation!.Id, r.ConversationId));
        Assert.DoesNotContain(_connector.Requests, r => r.Activity?.Attachments?.Any(a => a.ContentType == FileDelivery.FileInfoContentType) == true);
    }

    private async Task<StoreSnapshot> SnapshotAsync()
    {
        _ = _http; // the store exists once the bot has started
        await using var db = _app.OpenStore();
        return await StoreSnapshot.TakeAsync(db);
    }

    private Task<HttpResponseMessage> PostAsync(Activity activity) =>
        _http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
}
