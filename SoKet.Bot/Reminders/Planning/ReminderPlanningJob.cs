using Microsoft.Extensions.Options;
using SoKet.Bot.Hosting;
using SoKet.Bot.Reminders.Settings;

namespace SoKet.Bot.Reminders.Planning;

/// <summary>Runs <see cref="ReminderPlanningRun"/> every <see cref="RemindersOptions.PlannerInterval"/>.</summary>
public sealed partial class ReminderPlanningJob(IServiceScopeFactory scopes, IOptions<RemindersOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ReminderPlanningJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PlannerEnabled)
            return;
        // Off the start-up path: planning queries the whole store, which would compete with the host's start.
        await lifetime.StartedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var added = await scope.ServiceProvider.GetRequiredService<ReminderPlanningRun>().RunAsync(stoppingToken);
                if (added > 0)
                    LogPlanned(added);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
            await Task.Delay(options.Value.PlannerInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned {Count} reminders")]
    private partial void LogPlanned(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Planning reminders failed; trying again at the next interval")]
    private partial void LogFailed(Exception exception);
}
