using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;

namespace SoKet.Bot.Turns;

/// <summary>Forgets de-duplication ids once no channel would re-deliver them, so the table stays small.</summary>
internal sealed partial class ProcessedActivityCleanup(IServiceScopeFactory scopes, IOptions<StoreOptions> options, TimeProvider clock, ILogger<ProcessedActivityCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
                var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.ProcessedActivityRetention;
                int removed;
                do
                {
                    var batch = await db.ProcessedActivities.Where(p => p.ProcessedAtUtc < cutoff).OrderBy(p => p.ProcessedAtUtc).Take(500).ToListAsync(stoppingToken);
                    db.ProcessedActivities.RemoveRange(batch);
                    await db.SaveChangesAsync(stoppingToken);
                    db.ChangeTracker.Clear();
                    removed = batch.Count;
                } while (removed == 500);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCleanupFailed(ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning up processed activity ids failed; will retry in an hour")]
    private partial void LogCleanupFailed(Exception exception);
}
