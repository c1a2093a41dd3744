using Microsoft.Extensions.Diagnostics.HealthChecks;
using SoKet.Bot.Data;

namespace SoKet.Bot.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        return services;
    }

    /// <summary>GET /healthz: 200 "Healthy" when the store answers, 503 otherwise (for load balancers and uptime checks).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz");
        return app;
    }

    private sealed class StoreHealthCheck(SoKetDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The store cannot be reached.");
    }
}
