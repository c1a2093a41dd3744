using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SoKet.Bot.Data;

namespace SoKet.Bot.Health;

/// <summary>
/// Probes for load balancers and orchestrators, on ASP.NET Core's health checks:
/// <list type="bullet">
/// <item>GET /healthz/live: the process answers (no dependency is asked; restart the process only when this fails);</item>
/// <item>GET /healthz/ready: the store is reachable, its migrations are applied, a Connector token can be obtained
/// when an app id is set, the drafting model answers when one is configured. Only the model down makes it
/// "Degraded" (still 200: drafting falls back to the deterministic drafter), anything else "Unhealthy" (503).
/// The body is JSON naming each check, for the office's IT staff;</item>
/// <item>GET /healthz: the same checks as ready, answered as plain text (what load balancers were pointed at before).</item>
/// </list>
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<SoKetDbContext>("store", HealthStatus.Unhealthy, [Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", HealthStatus.Unhealthy, [Ready])
            .AddCheck<ConnectorTokenHealthCheck>("connector-token", HealthStatus.Unhealthy, [Ready]);
        // Features add their own checks tagged Ready (the drafting model: AddDrafting).
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJsonAsync });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return app;
    }

    /// <summary>{"status":"Degraded","checks":{"store":{"status":"Healthy","description":…,"durationMs":…},…}}.</summary>
    private static Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new Dictionary<string, object?>
            {
                ["status"] = e.Value.Status.ToString(),
                ["description"] = e.Value.Description ?? e.Value.Exception?.Message,
                ["durationMs"] = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }
}
