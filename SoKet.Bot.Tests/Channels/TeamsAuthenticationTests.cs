using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Channels;

/// <summary>
/// The bot configured as in production (app id, secret, tenant): a loopback channel signs activities
/// with its own RSA key and publishes OpenID metadata; replies go to a loopback Connector with a
/// token from a loopback Entra ID endpoint. Every bad request is refused with 401 and changes nothing.
/// </summary>
[Trait("Category", "Store")]
public sealed class TeamsAuthenticationTests(TeamsAuthenticationTests.Fixture fx) : IClassFixture<TeamsAuthenticationTests.Fixture>
{
    public const string AppId = "7c1e2a3b-4d5f-4a6b-8c9d-0e1f2a3b4c5d";

    [Fact]
    public async Task A_signed_activity_gets_the_help_card_through_an_authenticated_connector()
    {
        var activity = TeamsActivities.Message(fx.Connector.ServiceUrl, "trợ giúp", botAppId: AppId);

        var response = await fx.PostAsync(activity, "Bearer " + fx.Channel.CreateToken(AppId, activity.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await fx.Connector.WaitForActivityAsync(r => r.ConversationId == activity.Conversation!.Id, TimeSpan.FromSeconds(15));
        WebChatTests.AssertHelpCard(reply.Activity!);
        Assert.StartsWith("Bearer ", reply.Authorization);
        Assert.Equal("28:" + AppId, reply.Activity!.From?.Id);
    }

    public static TheoryData<string> RejectionCases() =>
    [
        "no header", "wrong scheme", "expired", "not yet valid", "wrong issuer", "wrong audience", "bad signature",
        "unknown key", "serviceurl mismatch", "channel not endorsed", "five-part token", "tenant not allowed", "channel not allowed",
    ];

    [Theory]
    [MemberData(nameof(RejectionCases))]
    public async Task Bad_credentials_are_refused_with_401_and_the_bot_does_nothing(string reason)
    {
        var activity = TeamsActivities.Message(fx.Connector.ServiceUrl, "trợ giúp", botAppId: AppId,
            tenantId: reason == "tenant not allowed" ? "0e8a1f2b-3c4d-4e5f-9a0b-1c2d3e4f5a6b" : null);
        if (reason == "channel not allowed")
            activity.ChannelId = "slack";
        var url = activity.ServiceUrl!;
        var now = DateTimeOffset.UtcNow;
        var channel = fx.Channel;
        string? header = reason switch
        {
            "no header" => null,
            "wrong scheme" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("soket:secret")),
            "expired" => Bearer(channel.CreateToken(AppId, url, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6))),
            "not yet valid" => Bearer(channel.CreateToken(AppId, url, notBefore: now.AddMinutes(10), expires: now.AddHours(1))),
            "wrong issuer" => Bearer(channel.CreateToken(AppId, url, issuer: "https://sts.example.invalid/")),
            "wrong audience" => Bearer(channel.CreateToken("11111111-2222-4333-8444-555555555555", url)),
            "bad signature" => Bearer(channel.CreateToken(AppId, url, signWithUntrustedKey: true)),
            "unknown key" => Bearer(channel.CreateToken(AppId, url, kid: "never-published")),
            "serviceurl mismatch" => Bearer(channel.CreateToken(AppId, "https://smba.trafficmanager.net/teams/")),
            "channel not endorsed" => Bearer(channel.CreateToken(AppId, url, kid: fx.WebChatOnlyKeyId)),
            "five-part token" => Bearer(channel.CreateFivePartToken(AppId, url)),
            _ => Bearer(channel.CreateToken(AppId, url)),
        };

        var response = await fx.PostAsync(activity, header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(200);
        Assert.DoesNotContain(fx.Connector.Requests, r => r.ConversationId == activity.Conversation!.Id);
        await using var db = fx.App.OpenStore();
        Assert.False(await db.ProcessedActivities.AnyAsync(p => p.ConversationId == activity.Conversation!.Id));
        Assert.False(await db.ConversationReferences.AnyAsync(p => p.ConversationId == activity.Conversation!.Id));
    }

    [Fact]
    public async Task A_configured_bot_refuses_unsigned_requests_even_from_loopback()
    {
        var activity = TeamsActivities.Message(fx.Connector.ServiceUrl, "trợ giúp", botAppId: AppId);

        var response = await fx.PostAsync(activity, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    private static string Bearer(string token) => "Bearer " + token;

    public sealed class Fixture : IAsyncLifetime
    {
        public BotApp App { get; } = new();
        public TestChannel Channel { get; private set; } = null!;
        public LoopbackConnector Connector { get; private set; } = null!;
        public LoopbackTokenEndpoint Tokens { get; private set; } = null!;
        public string WebChatOnlyKeyId { get; private set; } = "";
        private HttpClient _http = null!;

        public async Task InitializeAsync()
        {
            Channel = await TestChannel.StartAsync();
            WebChatOnlyKeyId = Channel.PublishKey(ChannelIds.WebChat);
            Connector = await LoopbackConnector.StartAsync();
            Tokens = await LoopbackTokenEndpoint.StartAsync();

            App.Settings["MicrosoftAppId"] = AppId;
            App.Settings["MicrosoftAppPassword"] = "test-secret";
            App.Settings["MicrosoftAppTenantId"] = TeamsActivities.TenantId;
            App.Settings["Connector:AuthorityHost"] = Tokens.AuthorityHost;
            foreach (var (key, value) in Channel.AuthoritySettings())
                App.Settings[key] = value;
            App.TestServices = services => services
                .AddHttpClient(MsalConnectorTokenProvider.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(Tokens.CreateTrustingHandler);
            _http = App.CreateHttpClient();
        }

        public Task<HttpResponseMessage> PostAsync(Activity activity, string? authorization)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"),
            };
            if (authorization is not null)
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return _http.SendAsync(request);
        }

        public async Task DisposeAsync()
        {
            _http.Dispose();
            App.Dispose();
            await Channel.DisposeAsync();
            await Connector.DisposeAsync();
            await Tokens.DisposeAsync();
        }
    }
}
