using SoKet.Bot.Campaigns;
using SoKet.Bot.People;
using SoKet.Bot.Reports;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

using SoKet.Bot.Identity;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Tests.Cli;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// Local mode (no app id, no sign-in) is one person on their own machine: it will not start on a network address,
/// refuses whatever came through a proxy, gives every browser the one local operator, and `--demo` joins that
/// operator only to the demo campaign's own unit.
/// </summary>
[Trait("Category", "Store")]
public sealed class LocalModeTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://[::]:0")]
    public async Task The_bot_refuses_to_start_on_a_non_loopback_address(string url)
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string> { ["Store__ConnectionString"] = $"Data Source={Path.Combine(folder.Path, "soket.db")}" };

        var result = await BotProcess.RunAsync(folder.Path, environment, "--urls", url);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("listens on loopback addresses only", result.Output + result.Error);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task The_bot_starts_on_localhost_and_with_sign_in_on_any_address()
    {
        using var app = new BotApp();
        app.Settings["urls"] = "http://0.0.0.0:3978";
        app.Settings["SignIn:Provider"] = "LocalAccounts";
        using var http = app.CreateHttpClient();

        var health = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    public async Task A_request_relayed_by_a_proxy_is_refused_and_changes_nothing(string header, string value)
    {
        using var app = new BotApp();
        await using var connector = await LoopbackConnector.StartAsync();
        using var http = app.CreateHttpClient();
        var activity = TeamsActivities.Message(connector.ServiceUrl, "tạo đợt sơ kết");
        activity.From!.AadObjectId = Guid.NewGuid().ToString();

        var messages = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"),
        };
        messages.Headers.TryAddWithoutValidation(header, value);
        var token = new HttpRequestMessage(HttpMethod.Get, "/api/webchat/token");
        token.Headers.TryAddWithoutValidation(header, value);
        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.TryAddWithoutValidation(header, value);

        var posted = await http.SendAsync(messages);
        var issued = await http.SendAsync(token);
        var served = await http.SendAsync(page);

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, issued.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, served.StatusCode);
        Assert.Equal(LocalModeGuard.Refusal, (await issued.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>());
        await Task.Delay(200);
        Assert.Empty(connector.Requests);
        await using var db = app.OpenStore();
        Assert.Empty(await db.ProcessedActivities.ToListAsync());
        Assert.Empty(await db.People.ToListAsync());
        // The same request straight from this machine is served.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/webchat/token")).StatusCode);
    }

    [Fact]
    public async Task Every_browser_is_the_single_local_operator()
    {
        using var app = new BotApp();
        var first = new DirectLineClient(app.CreateHttpClient());
        var second = new DirectLineClient(app.CreateHttpClient());

        await first.StartAsync();
        await second.StartAsync();

        Assert.Equal(LocalMode.WebChatOperatorId, first.UserId);
        Assert.Equal(first.UserId, second.UserId);
        Assert.NotEqual(first.ConversationId, second.ConversationId);
    }

    [Fact]
    public async Task With_sign_in_configured_and_no_app_id_the_Bot_Framework_endpoint_takes_nothing()
    {
        using var app = new BotApp();
        app.Settings["SignIn:Provider"] = "LocalAccounts";
        await using var connector = await LoopbackConnector.StartAsync();
        using var http = app.CreateHttpClient();
        var activity = TeamsActivities.Message(connector.ServiceUrl, "trợ giúp");

        var response = await http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
        var token = await http.GetAsync("/api/webchat/token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal(SignInPaths.SignIn, (await token.Content.ReadFromJsonAsync<JsonObject>())!["signInUrl"]!.GetValue<string>());
        await using var db = app.OpenStore();
        Assert.Empty(await db.ProcessedActivities.ToListAsync());
    }

    [Fact]
    public async Task The_demo_joins_the_local_operator_only_to_the_demo_unit_never_to_a_real_one()
    {
        using var app = new BotApp();
        app.Settings["Demo:Enabled"] = "true";
        app.Start();
        Guid realUnit;
        await using (var db = app.OpenStore())
        {
            // A real campaign of the office with a unit bearing the demo unit's very name.
            var real = DraftingSeed.CreateCampaign(DraftingSeed.HaTinh);
            db.Campaigns.Add(real);
            var unit = new Unit
            {
                Id = Guid.NewGuid(), CampaignId = real.Id, Name = "Chi bộ Phòng Tài chính - Kế hoạch thành phố",
                GroupId = real.Groups.OrderBy(g => g.Order).First(g => !g.IsIssuer).Id, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            realUnit = unit.Id;
        }

        var operatorChat = new DirectLineClient(app.CreateHttpClient());
        await operatorChat.StartAsync();
        await operatorChat.SendAsync("soạn báo cáo");
        await operatorChat.ReadBotActivitiesAsync(2);
        var someoneElse = await app.OpenWebChatAsync();
        await someoneElse.SendAsync("soạn báo cáo");
        await someoneElse.ReadBotActivitiesAsync(1);

        await using var after = app.OpenStore();
        var memberships = await after.UnitMembers.Join(after.Units, m => m.UnitId, u => u.Id, (m, u) => new { m.PersonId, u.Id, u.CampaignId })
            .Join(after.Campaigns, x => x.CampaignId, c => c.Id, (x, c) => new { x.PersonId, x.Id, c.CreatedBy }).ToListAsync();
        var joined = Assert.Single(memberships, m => m.CreatedBy == "demo" && after.People.Any(p => p.Id == m.PersonId && p.ChannelUserId == LocalMode.WebChatOperatorId));
        Assert.NotEqual(realUnit, joined.Id);
        Assert.DoesNotContain(memberships, m => m.Id == realUnit);
        Assert.False(await after.People.AnyAsync(p => p.ChannelUserId == someoneElse.UserId));
    }
}
