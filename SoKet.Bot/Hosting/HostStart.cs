namespace SoKet.Bot.Hosting;

internal static class HostStart
{
    /// <summary>
    /// Completes once the host has started (at once if it already has): background work that can wait a moment
    /// stays off the start-up path, where its first queries would compete with the host for the CPU.
    /// Throws <see cref="OperationCanceledException"/> when the host stops first.
    /// </summary>
    public static async Task StartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested)
            return;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}
