using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Health;

/// <summary>/healthz/live and /healthz/ready as a load balancer and the office's IT staff see them.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_goes_unhealthy_when_the_postgresql_server_stops_and_healthy_when_it_returns()
    {
        using var server = ThrowawayPostgres.Start();
        using var app = new BotApp();
        app.Settings["Store:Provider"] = "PostgreSQL";
        app.Settings["Store:ConnectionString"] = server.ConnectionString("soket");
        using var http = app.CreateHttpClient();

        var before = await ReadyAsync(http);
        server.StopServer();
        var stopped = await ReadyAsync(http);
        var live = await http.GetAsync("/healthz/live");
        server.StartServer();
        var back = await PollUntilAsync(http, HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (before.Status, before.Body["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.Status);
        Assert.Equal("Unhealthy", stopped.Body["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", stopped.Body["checks"]!["store"]!["status"]!.GetValue<string>());
        // Liveness asks no dependency: the process is fine, restarting it would not bring the database back.
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", back.Body["status"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Category", "Store")]
    public async Task Ready_names_each_check_and_live_asks_nothing()
    {
        using var app = new BotApp();
        using var http = app.CreateHttpClient();

        var ready = await ReadyAsync(http);
        var live = JsonNode.Parse(await http.GetStringAsync("/healthz/live"))!;

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        foreach (var check in new[] { "store", "migrations", "connector-token", "model" })
            Assert.Equal("Healthy", ready.Body["checks"]![check]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", live["status"]!.GetValue<string>());
        Assert.Empty(live["checks"]!.AsObject());
    }

    [Fact]
    [Trait("Category", "Store")]
    public async Task An_instance_started_before_the_migration_step_is_not_ready_until_its_migrations_are_applied()
    {
        using var app = new BotApp();
        app.Settings["Store:MigrateOnStart"] = "false";
        using var http = app.CreateHttpClient();

        var before = await ReadyAsync(http);
        // The deployment's migration step, run from outside this instance.
        await using (var db = app.OpenStore())
            await db.Database.MigrateAsync();
        var after = await ReadyAsync(http);
        var again = await ReadyAsync(http);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.Status);
        Assert.Equal("Unhealthy", before.Body["checks"]!["migrations"]!["status"]!.GetValue<string>());
        Assert.Contains("not applied", before.Body["checks"]!["migrations"]!["description"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (after.Status, after.Body["checks"]!["migrations"]!["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (again.Status, again.Body["checks"]!["migrations"]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_model_that_does_not_answer_makes_the_bot_degraded_not_unhealthy()
    {
        using var app = new BotApp();
        app.Settings["Ai:Provider"] = "OpenAICompatible";
        app.Settings["Ai:Endpoint"] = $"http://127.0.0.1:{ClosedPort()}/v1/";
        app.Settings["Ai:Model"] = "local-model";
        using var http = app.CreateHttpClient();

        var ready = await ReadyAsync(http);

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Degraded", ready.Body["status"]!.GetValue<string>());
        Assert.Equal("Degraded", ready.Body["checks"]!["model"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready.Body["checks"]!["store"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_model_server_that_answers_keeps_the_bot_healthy()
    {
        await using var model = await LoopbackModelServer.StartAsync();
        using var app = new BotApp();
        app.Settings["Ai:Provider"] = "OpenAICompatible";
        app.Settings["Ai:Endpoint"] = model.Endpoint;
        app.Settings["Ai:Model"] = "local-model";
        using var http = app.CreateHttpClient();

        var ready = await ReadyAsync(http);

        Assert.Equal(("Healthy", "Healthy"), (ready.Body["status"]!.GetValue<string>(), ready.Body["checks"]!["model"]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task With_an_app_id_readiness_needs_a_connector_token()
    {
        var tokens = await LoopbackTokenEndpoint.StartAsync();
        using var app = new BotApp();
        app.Settings["MicrosoftAppId"] = "8a0f6d3c-1b2e-4c5d-9e8f-0a1b2c3d4e5f";
        app.Settings["MicrosoftAppPassword"] = "app-secret";
        app.Settings["MicrosoftAppTenantId"] = "11111111-2222-3333-4444-555555555555";
        app.Settings["Connector:AuthorityHost"] = tokens.AuthorityHost;
        app.TestServices = services => services.AddHttpClient(MsalConnectorTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(tokens.CreateTrustingHandler);
        using var http = app.CreateHttpClient();

        var withTokens = await ReadyAsync(http);
        await tokens.DisposeAsync();
        using var other = new BotApp();
        foreach (var (key, value) in app.Settings.Where(s => !s.Key.StartsWith("Store:", StringComparison.Ordinal)))
            other.Settings[key] = value;
        other.TestServices = app.TestServices;
        using var otherHttp = other.CreateHttpClient();
        var withoutTokens = await ReadyAsync(otherHttp);

        Assert.Equal(HttpStatusCode.OK, withTokens.Status);
        Assert.Equal("Healthy", withTokens.Body["checks"]!["connector-token"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, withoutTokens.Status);
        Assert.Equal("Unhealthy", withoutTokens.Body["checks"]!["connector-token"]!["status"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/healthz/ready");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PollUntilAsync(HttpClient http, HttpStatusCode wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var ready = await ReadyAsync(http);
            if (ready.Status == wanted || clock.Elapsed > timeout)
                return ready;
            await Task.Delay(250);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
