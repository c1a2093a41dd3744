using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13, item 6: odd payloads are refused at the boundary with 400 and a Vietnamese/English body, before
/// anything is stored or marked processed — never a 500, never a half-handled activity a retry cannot repair.
/// </summary>
[Trait("Category", "Store")]
public sealed class BoundaryTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _http = _app.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_teams_activity_without_a_conversation_is_refused_and_its_complete_redelivery_is_answered()
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "trợ giúp");
        var conversation = activity.Conversation;
        activity.Conversation = null;
        var before = await SnapshotAsync();

        using var refused = await PostAsync(JsonSerializer.Serialize(activity, ProtocolJson.Options));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = await ErrorMessageAsync(refused);
        Assert.Contains("thiếu conversation.id", message);
        Assert.Contains("conversation.id is missing", message);
        (await SnapshotAsync()).AssertUnchangedSince(before);
        Assert.Empty(_connector.Requests);

        // Nothing was marked processed: the channel's complete re-delivery of the same activity id is handled.
        activity.Conversation = conversation;
        using var accepted = await PostAsync(JsonSerializer.Serialize(activity, ProtocolJson.Options));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var reply = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == activity.Id, TimeSpan.FromSeconds(10));
        Assert.NotNull(reply.Activity!.Attachments);
    }

    public static TheoryData<string, string> OddTeamsPayloads => new()
    {
        { "no from", """{"type":"message","id":"1:a","channelId":"msteams","serviceUrl":"{url}","conversation":{"id":"a:1"},"text":"hi"}""" },
        { "empty from.id", """{"type":"message","id":"1:b","channelId":"msteams","serviceUrl":"{url}","from":{"id":""},"conversation":{"id":"a:1"},"text":"hi"}""" },
        { "no serviceUrl", """{"type":"message","id":"1:c","channelId":"msteams","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi"}""" },
        { "serviceUrl of the built-in web chat", """{"type":"message","id":"1:d","channelId":"msteams","serviceUrl":"urn:soket:webchat","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi"}""" },
        { "ftp serviceUrl", """{"type":"message","id":"1:e","channelId":"msteams","serviceUrl":"ftp://smba.trafficmanager.net/","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi"}""" },
        { "http serviceUrl off this machine", """{"type":"message","id":"1:f","channelId":"msteams","serviceUrl":"http://smba.trafficmanager.net/teams/","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi"}""" },
        { "channelData an array", """{"type":"message","id":"1:g","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"channelData":[1,2],"text":"hi"}""" },
        { "tenant id a number", """{"type":"message","id":"1:h","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"channelData":{"tenant":{"id":42}},"text":"hi"}""" },
        { "conversation id too long", """{"type":"message","id":"1:i","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:{long}"},"text":"hi"}""" },
        { "invoke without a name", """{"type":"invoke","id":"1:j","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"value":{}}""" },
        { "type with markup", """{"type":"message<script>","id":"1:k","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"}}""" },
        { "activity id too long", """{"type":"message","id":"1:{long}","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi"}""" },
        { "text a number", """{"type":"message","id":"1:l","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":42}""" },
        { "conversation a string", """{"type":"message","id":"1:m","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":"a:1","text":"hi"}""" },
        { "no channel", """{"type":"message","id":"1:n","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi"}""" },
    };

    [Theory]
    [MemberData(nameof(OddTeamsPayloads))]
    public async Task An_odd_teams_payload_gets_400_and_changes_nothing(string what, string json)
    {
        var before = await SnapshotAsync();

        using var response = await PostAsync(json.Replace("{url}", _connector.ServiceUrl, StringComparison.Ordinal)
            .Replace("{long}", new string('x', 600), StringComparison.Ordinal));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.False(string.IsNullOrWhiteSpace(await ErrorMessageAsync(response)), what);
        (await SnapshotAsync()).AssertUnchangedSince(before);
        Assert.Empty(_connector.Requests);
    }

    public static TheoryData<string, string> OddWebChatPayloads => new()
    {
        { "clientActivityID a number", """{"type":"message","text":"trợ giúp","channelData":{"clientActivityID":12345}}""" },
        { "clientActivityID too long", """{"type":"message","text":"trợ giúp","channelData":{"clientActivityID":"{long}"}}""" },
        { "channelData an array", """{"type":"message","text":"trợ giúp","channelData":["x"]}""" },
        { "value an array", """{"type":"message","value":[{"command":"soan-bao-cao"}]}""" },
        { "value a string", """{"type":"message","value":"soan-bao-cao"}""" },
        { "from.name an object", """{"type":"message","text":"trợ giúp","from":{"id":"x","name":{"first":"A"}}}""" },
        { "from.name too long", """{"type":"message","text":"trợ giúp","from":{"id":"x","name":"{long}"}}""" },
        { "text a number", """{"type":"message","text":42}""" },
        { "too many entities", """{"type":"message","text":"trợ giúp","entities":[{many}]}""" },
    };

    [Theory]
    [MemberData(nameof(OddWebChatPayloads))]
    public async Task An_odd_web_chat_payload_gets_400_and_nothing_is_echoed_or_stored(string what, string json)
    {
        var chat = new DirectLineClient(_http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        var before = await SnapshotAsync();

        using var response = await chat.PostRawAsync(new StringContent(json
            .Replace("{long}", new string('x', 1000), StringComparison.Ordinal)
            .Replace("{many}", string.Join(',', Enumerable.Repeat("""{"type":"ClientCapabilities"}""", 100)), StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        (await SnapshotAsync()).AssertUnchangedSince(before);
        Assert.Empty(await chat.PollAsync());
    }

    [Fact]
    public async Task A_web_chat_message_cannot_bring_its_own_file_links_or_channel_data()
    {
        await using var canary = new Canary();
        var chat = new DirectLineClient(_http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);

        using var response = await chat.PostRawAsync(JsonContent.Create(new JsonObject
        {
            ["type"] = "message",
            ["text"] = "",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "text/csv", ["name"] = "don-vi.csv", ["contentUrl"] = $"http://127.0.0.1:{canary.Port}/noi-bo.csv", ["soketSize"] = 10,
            }),
            ["channelData"] = new JsonObject { ["clientActivityID"] = "c-1", ["tenant"] = new JsonObject { ["id"] = "forged-tenant" } },
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, canary.Connections);
        await using var db = _app.OpenStore();
        var echo = await db.WebChatActivities.AsNoTracking().Where(a => a.ClientActivityId == "c-1").Select(a => a.Json).SingleAsync();
        Assert.DoesNotContain("attachments", echo);
        Assert.DoesNotContain("forged-tenant", echo);
        Assert.Equal(0, await db.StoredFiles.CountAsync());
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["error"]?["message"]?.GetValue<string>() ?? "";

    private async Task<StoreSnapshot> SnapshotAsync()
    {
        await using var db = _app.OpenStore();
        return await StoreSnapshot.TakeAsync(db);
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _http.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
}
