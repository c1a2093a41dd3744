using Microsoft.Extensions.Options;
using SoKet.Bot.Hosting;
using SoKet.Bot.Reminders.Settings;

namespace SoKet.Bot.Reminders.Sending;

/// <summary>Sends due reminders in the background: back-to-back batches while there is work, a poll interval otherwise.</summary>
public sealed partial class ReminderSendingJob(ReminderSender sender, IOptions<RemindersOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ReminderSendingJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled)
            return;
        // Off the start-up path: the first batch goes out once the bot answers requests, not while it is starting.
        await lifetime.StartedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await sender.RunBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
            }
            if (claimed == 0)
                await Task.Delay(options.Value.SenderPollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        try
        {
            // Stopping: the tenants this instance sends for go to another instance now rather than when their leases expire.
            using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await sender.ReleaseLeasesAsync(shutdown.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReleaseFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving back the sending leases at shutdown failed; they expire by themselves")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending reminders failed; trying again shortly")]
    private partial void LogFailed(Exception exception);
}
