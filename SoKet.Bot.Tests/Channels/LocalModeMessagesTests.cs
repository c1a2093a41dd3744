using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Conversations;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Tests.Channels;

/// <summary>
/// POST /api/messages in local mode (no app id, like the emulator) over real HTTP on loopback, with
/// replies going to a loopback Bot Connector.
/// </summary>
[Trait("Category", "Store")]
public sealed class LocalModeMessagesTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private readonly CapturingLoggerProvider _logs = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _app.TestServices = services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            services.AddRoutes("Test", routes => routes.Add<FailingCommand>("fail", c => c.ExecuteAsync).SaysExactly("lệnh gây lỗi"));
        };
        _http = _app.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Help_flow_replies_through_the_connector_with_the_help_card()
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "tro giup");

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForActivityAsync(r => r.ConversationId == activity.Conversation!.Id, TimeSpan.FromSeconds(10));
        Assert.Equal(ConnectorOperation.ReplyToActivity, reply.Operation);
        Assert.Equal(activity.Id, reply.ActivityId);
        WebChatTests.AssertHelpCard(reply.Activity!);
        Assert.Equal(activity.From!.Id, reply.Activity!.Recipient?.Id);
    }

    [Fact]
    public async Task The_same_activity_delivered_twice_gets_one_reply()
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "trợ giúp");

        var first = await PostAsync(activity);
        var second = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await _connector.WaitForActivityAsync(r => r.ConversationId == activity.Conversation!.Id, TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        Assert.Single(_connector.Requests, r => r.ConversationId == activity.Conversation!.Id && r.Activity is not null);
    }

    [Fact]
    public async Task The_same_activity_delivered_eight_times_at_once_gets_one_reply()
    {
        // A channel retrying while the first delivery is still running (or reaching another instance):
        // only the store's unique key stands between these and eight replies.
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "trợ giúp");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(activity)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _connector.WaitForActivityAsync(r => r.ConversationId == activity.Conversation!.Id, TimeSpan.FromSeconds(10));
        await Task.Delay(500);
        Assert.Single(_connector.Requests, r => r.ConversationId == activity.Conversation!.Id && r.Activity is not null);
        await using var db = _app.OpenStore();
        Assert.Equal(1, await db.ProcessedActivities.CountAsync(p => p.ActivityId == activity.Id));
    }

    [Fact]
    public async Task Bad_bodies_are_refused_and_leave_no_trace()
    {
        var malformed = await _http.PostAsync("/api/messages", new StringContent("{\"type\":\"message\",", Encoding.UTF8, "application/json"));
        var empty = await _http.PostAsync("/api/messages", new StringContent("", Encoding.UTF8, "application/json"));
        var big = TeamsActivities.Message(_connector.ServiceUrl, new string('x', 1024 * 1024));
        var huge = await PostAsync(big);
        var notAnActivity = await _http.PostAsync("/api/messages", new StringContent("[1,2,3]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnActivity.StatusCode);
        var error = await malformed.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("JSON", error!["error"]!["message"]!.GetValue<string>());

        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.ProcessedActivities.CountAsync());
        Assert.Equal(0, await db.ConversationReferences.CountAsync());
        Assert.Equal(0, await db.ConversationStates.CountAsync());
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_failing_turn_apologises_in_Vietnamese_and_logs_the_activity_id()
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "lenh gay loi");

        var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForActivityAsync(r => r.ConversationId == activity.Conversation!.Id, TimeSpan.FromSeconds(10));
        Assert.Equal(TurnTexts.Apology, reply.Activity!.Text);
        Assert.DoesNotContain("Exception", reply.Body);
        Assert.DoesNotContain(FailingCommand.SecretDetail, reply.Body);
        var logged = Assert.Single(_logs.Lines, l => l.Exception?.Message == FailingCommand.SecretDetail);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(activity.Id!, logged.Message);
        Assert.Contains($"ActivityId={activity.Id}", logged.Scopes);

        // A failed turn stays retryable: a re-delivery is processed again (and fails again here).
        await PostAsync(activity);
        await _connector.WaitForRequestAsync(r => r.ConversationId == activity.Conversation!.Id && r != reply, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Adaptive_card_action_invoke_is_answered_in_the_http_response()
    {
        var invoke = TeamsActivities.Invoke(_connector.ServiceUrl, "adaptiveCard/action",
            new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "help", ["data"] = new JsonObject() }, ["trigger"] = "manual" });

        var response = await PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(200, body!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        var reply = await _connector.WaitForActivityAsync(r => r.ConversationId == invoke.Conversation!.Id, TimeSpan.FromSeconds(10));
        WebChatTests.AssertHelpCard(reply.Activity!);
    }

    [Fact]
    public async Task Unknown_invoke_is_answered_not_implemented()
    {
        var invoke = TeamsActivities.Invoke(_connector.ServiceUrl, "composeExtension/query", new JsonObject());

        var response = await PostAsync(invoke);

        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(501, body!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reference_captured_from_installation_update_sends_a_proactive_message()
    {
        var install = TeamsActivities.InstallationAdd(_connector.ServiceUrl);
        var response = await PostAsync(install);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Installing greets the user once.
        var welcome = await _connector.WaitForActivityAsync(r => r.ConversationId == install.Conversation!.Id, TimeSpan.FromSeconds(10));
        Assert.Equal(SoKet.Bot.Help.HelpChat.Welcome, welcome.Activity!.Text);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var references = scope.ServiceProvider.GetRequiredService<ConversationReferenceStore>();
            var reference = await references.FindPersonalAsync(ChannelIds.Teams, TeamsActivities.UserAadObjectId, CancellationToken.None);
            Assert.NotNull(reference);
            Assert.Equal(install.Conversation!.Id, reference.ConversationId);
            Assert.Equal(TeamsActivities.TenantId, reference.TenantId);

            var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
            var outcome = await messenger.SendAsync(reference, new Activity { Text = "Nhắc việc: hạn nộp báo cáo là 30/06/2023." }, CancellationToken.None);
            Assert.Equal(ProactiveOutcome.Sent, outcome);
        }

        var proactive = await _connector.WaitForActivityAsync(r => r.Activity?.Text?.StartsWith("Nhắc việc") == true, TimeSpan.FromSeconds(10));
        Assert.Equal(ConnectorOperation.SendToConversation, proactive.Operation);
        Assert.Equal(install.Conversation!.Id, proactive.ConversationId);
        Assert.Equal(install.From!.Id, proactive.Activity!.Recipient?.Id);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_recorded_as_unreachable()
    {
        var install = TeamsActivities.InstallationAdd(_connector.ServiceUrl);
        _connector.RespondToConversation(install.Conversation!.Id!, ScriptedResponse.MessageWritesBlocked());
        await PostAsync(install);

        await using var scope = _app.Services.CreateAsyncScope();
        var references = scope.ServiceProvider.GetRequiredService<ConversationReferenceStore>();
        var reference = await references.FindAsync(ChannelIds.Teams, install.Conversation.Id!, CancellationToken.None);
        var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
        var outcome = await messenger.SendAsync(reference!, new Activity { Text = "Nhắc việc" }, CancellationToken.None);

        Assert.Equal(ProactiveOutcome.RecipientBlocked, outcome);
        await using var db = _app.OpenStore();
        Assert.False((await db.ConversationReferences.SingleAsync(r => r.ConversationId == install.Conversation.Id)).IsReachable);
        // Blocked means blocked: the welcome and the reminder were each tried once, never retried.
        Assert.Equal(2, _connector.Requests.Count(r => r.ConversationId == install.Conversation.Id));
    }

    [Fact]
    public async Task Local_mode_refuses_callers_that_are_not_on_this_machine()
    {
        // Kestrel on loopback cannot receive a non-loopback peer without leaving the machine, so this
        // one case uses the in-memory test server, which lets the test set the peer address.
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in _app.StoreSettings)
                b.UseSetting(key, value);
        });
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "tro giup");
        var json = JsonSerializer.Serialize(activity, ProtocolJson.Options);

        async Task<HttpStatusCode> SendFromAsync(string address)
        {
            var context = await factory.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Parse(address);
                c.Request.Method = "POST";
                c.Request.Path = "/api/messages";
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            });
            return (HttpStatusCode)context.Response.StatusCode;
        }

        // Refused before any endpoint runs (the local-mode guard), with 403 and a Vietnamese explanation.
        Assert.Equal(HttpStatusCode.Forbidden, await SendFromAsync("192.0.2.10"));
        Assert.Equal(HttpStatusCode.Forbidden, await SendFromAsync("2001:db8::1"));
        Assert.Empty(_connector.Requests);
        Assert.Equal(HttpStatusCode.OK, await SendFromAsync("::ffff:127.0.0.1"));
    }

    private Task<HttpResponseMessage> PostAsync(Activity activity) =>
        _http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));

    /// <summary>A command that throws, to prove a crash in a turn reaches the user only as an apology.</summary>
    private sealed class FailingCommand
    {
        public const string SecretDetail = "database password is hunter2";

        public Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(SecretDetail);
    }
}
