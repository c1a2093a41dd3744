using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SoKet.Bot.Data;

namespace SoKet.Bot.Health;

/// <summary>
/// Every migration of this release is applied: an instance started with Store:MigrateOnStart=false before the
/// deployment step migrated would otherwise take traffic and fail on the first missing column.
/// </summary>
internal sealed class MigrationsHealthCheck(SoKetDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("All migrations are applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied, first {pending[0]}; start one instance with Store:MigrateOnStart=true.");
    }
}
