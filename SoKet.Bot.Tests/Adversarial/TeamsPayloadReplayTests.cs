using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Tests.Channels;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13: real Teams activity shapes (TeamsPayloads/, from Microsoft's documentation, anonymised; the source of
/// each is in TeamsPayloads/index.json) replayed over HTTP against the bot, in local mode and authenticated as the
/// Bot Framework channel would send them. None may get a 5xx; each gets the answer its shape calls for — a reply in
/// its conversation, silence, an invoke answer, or a 400 at the boundary.
/// </summary>
public static class TeamsPayloads
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Adversarial", "TeamsPayloads");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Index())
            data.Add(entry["file"]!.GetValue<string>());
        return data;
    }

    public static IEnumerable<JsonObject> Index() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "index.json")))!["payloads"]!.AsArray().Select(e => e!.AsObject());

    /// <summary>Posts the payload (its serviceUrl pointed at <paramref name="connector"/>) and checks the bot's answer against the index.</summary>
    public static async Task ReplayAsync(string file, HttpClient http, LoopbackConnector connector, BotApp app, Func<string, string?> authorization)
    {
        var entry = Index().Single(e => e["file"]!.GetValue<string>() == file);
        var expect = entry["expect"]!.GetValue<string>();
        var payload = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!.AsObject();
        payload["serviceUrl"] = connector.ServiceUrl;
        var conversationId = payload["conversation"]?["id"]?.GetValue<string>();
        var activityId = payload["id"]!.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization(connector.ServiceUrl) is { } header)
            request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{file}: HTTP {(int)response.StatusCode} {body}");
        switch (expect)
        {
            case "400":
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{file}: HTTP {(int)response.StatusCode} {body}");
                Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>()), body);
                await using (var db = app.OpenStore())
                    Assert.False(await db.ProcessedActivities.AnyAsync(p => p.ActivityId == activityId), "a refused activity is not marked processed");
                return;
            case "reply":
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: HTTP {(int)response.StatusCode} {body}");
                await connector.WaitForActivityAsync(r => r.ConversationId == conversationId, TimeSpan.FromSeconds(15));
                break;
            case "silent":
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: HTTP {(int)response.StatusCode} {body}");
                await Task.Delay(300);
                Assert.DoesNotContain(connector.Requests, r => r.ConversationId == conversationId && r.Activity is not null);
                break;
            case "invoke":
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: HTTP {(int)response.StatusCode} {body}");
                Assert.Equal(entry["invokeStatus"]!.GetValue<int>(), JsonNode.Parse(body)!["statusCode"]!.GetValue<int>());
                break;
            case "task":
                // Task modules are answered with the task itself: {"task": {"type": "continue" | "message", ...}}.
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: HTTP {(int)response.StatusCode} {body}");
                Assert.Equal(entry["taskType"]!.GetValue<string>(), JsonNode.Parse(body)!["task"]!["type"]!.GetValue<string>());
                break;
            default:
                throw new InvalidOperationException($"Unknown expectation '{expect}' for {file}.");
        }

        if (entry["contains"]?.GetValue<string>() is { } expected)
        {
            var seen = body + "\n" + string.Join("\n", connector.Requests.Where(r => r.ConversationId == conversationId).Select(r => r.Body));
            var decoded = Decode(seen);
            Assert.True(decoded.Contains(expected, StringComparison.Ordinal), $"{file}: expected «{expected}» in the answer:\n{decoded}");
        }
    }

    /// <summary>JSON bodies may escape non-ASCII letters; the check reads them as text.</summary>
    private static string Decode(string text) => System.Text.RegularExpressions.Regex.Unescape(text);
}

[Trait("Category", "Store")]
public sealed class TeamsPayloadReplayLocalTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;

    public static TheoryData<string> Files() => TeamsPayloads.Files();

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

    [Theory]
    [MemberData(nameof(Files))]
    public Task A_real_teams_payload_replayed_in_local_mode_gets_its_answer_and_no_5xx(string file) =>
        TeamsPayloads.ReplayAsync(file, _http, _connector, _app, _ => null);
}

[Trait("Category", "Store")]
public sealed class TeamsPayloadReplayAuthenticatedTests(TeamsPayloadReplayAuthenticatedTests.Fixture fx) : IClassFixture<TeamsPayloadReplayAuthenticatedTests.Fixture>
{
    public static TheoryData<string> Files() => TeamsPayloads.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public Task A_real_teams_payload_signed_by_the_channel_gets_its_answer_and_no_5xx(string file) =>
        TeamsPayloads.ReplayAsync(file, fx.Http, fx.Connector, fx.App, serviceUrl => "Bearer " + fx.Channel.CreateToken(TeamsAuthenticationTests.AppId, serviceUrl));

    /// <summary>The bot as in production (app id, secret, tenant), the channel's keys on loopback, a token endpoint for replies.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public BotApp App { get; } = new();
        public TestChannel Channel { get; private set; } = null!;
        public LoopbackConnector Connector { get; private set; } = null!;
        public HttpClient Http { get; private set; } = null!;
        private LoopbackTokenEndpoint _tokens = null!;

        public async Task InitializeAsync()
        {
            Channel = await TestChannel.StartAsync();
            Connector = await LoopbackConnector.StartAsync();
            _tokens = await LoopbackTokenEndpoint.StartAsync();
            App.Settings["MicrosoftAppId"] = TeamsAuthenticationTests.AppId;
            App.Settings["MicrosoftAppPassword"] = "test-secret";
            App.Settings["MicrosoftAppTenantId"] = TeamsActivities.TenantId;
            App.Settings["Connector:AuthorityHost"] = _tokens.AuthorityHost;
            foreach (var (key, value) in Channel.AuthoritySettings())
                App.Settings[key] = value;
            App.TestServices = services => services
                .AddHttpClient(MsalConnectorTokenProvider.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(_tokens.CreateTrustingHandler);
            Http = App.CreateHttpClient();
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            App.Dispose();
            await Channel.DisposeAsync();
            await Connector.DisposeAsync();
            await _tokens.DisposeAsync();
        }
    }
}
