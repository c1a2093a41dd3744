using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13, item 3: ASP.NET Core's rate limiters per user (after the channel says who is speaking) and per
/// caller address (before anything is read). Limits here are set low by configuration; the defaults are generous.
/// A held-back turn is not handled at all: no echo, no processed id, nothing changed; the user gets 429 with
/// Retry-After and, once per interval, a Vietnamese "vui lòng chờ" in the chat.
/// </summary>
[Trait("Category", "Store")]
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string PleaseWait = "Đồng chí gửi yêu cầu quá nhanh. Vui lòng chờ";

    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_web_chat_user_typing_too_fast_is_held_back_and_told_once_to_wait()
    {
        LimitTurnsPerUser(3);
        var chat = new DirectLineClient(_app.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        for (var i = 0; i < 3; i++)
            await chat.SendAsync("trợ giúp");
        await chat.PollAsync();
        var before = await SnapshotAsync();

        using var fourth = await PostAsync(chat, "trợ giúp", "held-4");
        using var fifth = await PostAsync(chat, "trợ giúp", "held-5");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.StartsWith(PleaseWait, (await fourth.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>());
        var seen = await chat.PollAsync();
        var notice = Assert.Single(seen);
        Assert.Equal("bot", notice.From?.Role);
        Assert.StartsWith(PleaseWait, notice.Text);
        // Not handled: no echo of the held-back messages, no processed id; only the one notice was written.
        (await SnapshotAsync()).AssertUnchangedSince(before, "WebChatActivities");
        await using var db = _app.OpenStore();
        Assert.False(await db.WebChatActivities.AnyAsync(a => a.ClientActivityId == "held-4" || a.ClientActivityId == "held-5"));
    }

    [Fact]
    public async Task A_teams_user_sending_too_fast_gets_one_please_wait_and_others_are_not_affected()
    {
        LimitTurnsPerUser(3);
        using var http = _app.CreateHttpClient();
        var first = TeamsActivities.Message(_connector.ServiceUrl, "trợ giúp");
        Activity Next(string text)
        {
            var next = TeamsActivities.Message(_connector.ServiceUrl, text, conversationId: first.Conversation!.Id);
            next.From = first.From;
            return next;
        }
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, i == 0 ? first : Next("trợ giúp"))).StatusCode);
        await _connector.WaitForActivityAsync(r => r.ConversationId == first.Conversation!.Id, TimeSpan.FromSeconds(5));
        var sentBefore = _connector.Requests.Count;
        var before = await SnapshotAsync();

        using var fourth = await PostAsync(http, Next("trợ giúp"));
        using var fifth = await PostAsync(http, Next("trợ giúp"));
        var stranger = TeamsActivities.Message(_connector.ServiceUrl, "trợ giúp");
        using var theirs = await PostAsync(http, stranger);

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        var toHeldBack = _connector.Requests.Skip(sentBefore).Where(r => r.ConversationId == first.Conversation!.Id).ToList();
        var notice = Assert.Single(toHeldBack);
        Assert.StartsWith(PleaseWait, notice.Activity!.Text);
        (await SnapshotAsync()).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);
        await using var db = _app.OpenStore();
        Assert.Equal(3, await db.ProcessedActivities.CountAsync(p => p.ConversationId == first.Conversation!.Id));
    }

    [Fact]
    public async Task A_card_action_held_back_in_teams_answers_in_the_invoke_body()
    {
        LimitTurnsPerUser(1);
        using var http = _app.CreateHttpClient();
        var first = TeamsActivities.Message(_connector.ServiceUrl, "trợ giúp");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, first)).StatusCode);
        var invoke = TeamsActivities.Invoke(_connector.ServiceUrl, "adaptiveCard/action",
            new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "tinh-hinh-nop", ["data"] = new JsonObject() }, ["trigger"] = "manual" },
            conversationId: first.Conversation!.Id);
        invoke.From = first.From;

        using var response = await PostAsync(http, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(429, body["statusCode"]!.GetValue<int>());
        Assert.Equal(InvokeResponse.ErrorType, body["type"]!.GetValue<string>());
        Assert.StartsWith(PleaseWait, body["value"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_address_is_limited_before_its_requests_are_read_or_authenticated()
    {
        _app.Settings["RateLimits:WebChatPerAddress:Permits"] = "4";
        _app.Settings["RateLimits:ChannelPerAddress:Permits"] = "2";
        using var http = _app.CreateHttpClient();
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/webchat/token")).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var held = await http.SendAsync(forged);
        using var messages1 = await http.PostAsync("/api/messages", new StringContent("{", Encoding.UTF8, "application/json"));
        using var messages2 = await http.PostAsync("/api/messages", new StringContent("{", Encoding.UTF8, "application/json"));
        using var messages3 = await http.PostAsync("/api/messages", new StringContent("{", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode); // not 401: the token was never looked at
        Assert.True(held.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.StartsWith(PleaseWait, (await held.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, messages1.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, messages2.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, messages3.StatusCode); // not 400: the body was never read
        // The page itself is never limited.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Polling_is_limited_per_conversation_so_an_office_behind_one_address_is_not()
    {
        _app.Settings["RateLimits:PollsPerConversation:Permits"] = "3";
        var alice = new DirectLineClient(_app.CreateHttpClient());
        await alice.StartAsync();
        var bob = new DirectLineClient(_app.CreateHttpClient());
        await bob.StartAsync();
        using var http = _app.CreateHttpClient();
        Task<HttpResponseMessage> Poll(DirectLineClient chat)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", chat.Token);
            return http.SendAsync(request);
        }

        var alicePolls = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            alicePolls.Add((await Poll(alice)).StatusCode);
        var bobsPoll = (await Poll(bob)).StatusCode;

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], alicePolls);
        Assert.Equal(HttpStatusCode.OK, bobsPoll);
    }

    private void LimitTurnsPerUser(int permits)
    {
        _app.Settings["RateLimits:TurnsPerUser:Permits"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["RateLimits:TurnsPerUser:Window"] = "01:00:00";
    }

    private static Task<HttpResponseMessage> PostAsync(DirectLineClient chat, string text, string clientActivityId) =>
        chat.PostRawAsync(JsonContent.Create(new JsonObject
        {
            ["type"] = "message", ["text"] = text, ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        }));

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, Activity activity) =>
        http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));

    private async Task<StoreSnapshot> SnapshotAsync()
    {
        await using var db = _app.OpenStore();
        return await StoreSnapshot.TakeAsync(db);
    }
}
