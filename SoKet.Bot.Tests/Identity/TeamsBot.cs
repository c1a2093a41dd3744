using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// The bot configured for Teams as in production (app id, secret, tenant): activities signed by a loopback channel,
/// replies and member lookups on a loopback Connector, tokens from a loopback Entra ID endpoint.
/// </summary>
public sealed class TeamsBot : IAsyncDisposable
{
    public const string AppId = "5a0b9c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d";

    public BotApp App { get; } = new();
    public TestChannel Channel { get; private set; } = null!;
    public LoopbackConnector Connector { get; private set; } = null!;
    public LoopbackTokenEndpoint Tokens { get; private set; } = null!;
    private HttpClient _http = null!;

    public static async Task<TeamsBot> StartAsync(Action<BotApp>? configure = null)
    {
        var bot = new TeamsBot
        {
            Channel = await TestChannel.StartAsync(),
            Connector = await LoopbackConnector.StartAsync(),
            Tokens = await LoopbackTokenEndpoint.StartAsync(),
        };
        bot.App.Settings["MicrosoftAppId"] = AppId;
        bot.App.Settings["MicrosoftAppPassword"] = "test-secret";
        bot.App.Settings["MicrosoftAppTenantId"] = TeamsActivities.TenantId;
        bot.App.Settings["Connector:AuthorityHost"] = bot.Tokens.AuthorityHost;
        foreach (var (key, value) in bot.Channel.AuthoritySettings())
            bot.App.Settings[key] = value;
        var extra = bot.App.TestServices;
        bot.App.TestServices = services =>
        {
            services.AddHttpClient(MsalConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(bot.Tokens.CreateTrustingHandler);
            extra?.Invoke(services);
        };
        configure?.Invoke(bot.App);
        bot._http = bot.App.CreateHttpClient();
        return bot;
    }

    /// <summary>A 1:1 chat of a Teams user whom the Connector's member lookup knows by <paramref name="email"/>.</summary>
    public TeamsUser User(string name, string email)
    {
        var user = new TeamsUser("29:1" + Guid.NewGuid().ToString("N"), name, Guid.NewGuid().ToString(), "a:1" + Guid.NewGuid().ToString("N") + "@unq.gbl.spaces");
        Connector.AddMember(user.Id, name, email, user.AadObjectId);
        return user;
    }

    public Activity Message(TeamsUser user, string text, string? conversationId = null, string conversationType = "personal")
    {
        var activity = TeamsActivities.Message(Connector.ServiceUrl, text, conversationId ?? user.ConversationId, botAppId: AppId);
        activity.From = new ChannelAccount { Id = user.Id, Name = user.Name, AadObjectId = user.AadObjectId };
        activity.Conversation!.ConversationType = conversationType;
        return activity;
    }

    public async Task<HttpResponseMessage> PostAsync(Activity activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Channel.CreateToken(AppId, activity.ServiceUrl!));
        return await _http.SendAsync(request);
    }

    /// <summary>Sends and returns the bot's reply to it (the Connector receives it).</summary>
    public async Task<Activity> AskAsync(Activity activity)
    {
        var response = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await Connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == activity.Id, TimeSpan.FromSeconds(15));
        return reply.Activity!;
    }

    public async Task<Activity> SayAsync(TeamsUser user, string text) => await AskAsync(Message(user, text));

    public static string TextOf(Activity activity) =>
        (activity.Text ?? "") + string.Join("\n", (activity.Attachments ?? []).Select(a => a.Content?.ToJsonString(ProtocolJson.Options) ?? ""));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        App.Dispose();
        await Channel.DisposeAsync();
        await Connector.DisposeAsync();
        await Tokens.DisposeAsync();
    }
}

public sealed record TeamsUser(string Id, string Name, string AadObjectId, string ConversationId);
