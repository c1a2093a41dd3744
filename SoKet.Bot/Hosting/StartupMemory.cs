namespace SoKet.Bot.Hosting;

public static class StartupMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Hands the start-up's garbage back to the system once, shortly after the host has started: building the
    /// store's model and the routes, discovering the sign-in pages and reading configuration leave several MB on
    /// the heap that nothing collects until traffic comes, and an office's bot sits idle most of the day
    /// (about 5 MB of its resident memory, bench/README.md "Start and memory"). One full compacting collection,
    /// once; after that the runtime manages memory as usual.
    /// </summary>
    /// <remarks>Hosting:ReleaseStartupMemory (default true) turns it off: a process hosting many bots (the tests) would collect once per bot.</remarks>
    public static IServiceCollection AddStartupMemoryRelease(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue(SettingKey, true))
            services.AddHostedService<StartupMemoryRelease>();
        return services;
    }

    public const string SettingKey = "Hosting:ReleaseStartupMemory";
}

internal sealed partial class StartupMemoryRelease(IHostApplicationLifetime lifetime, ILogger<StartupMemoryRelease> logger) : BackgroundService
{
    /// <summary>Long enough for the first background runs after start (reminder planning) to be done with their garbage too.</summary>
    internal static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.StartedAsync(stoppingToken);
            await Task.Delay(Delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = Environment.WorkingSet;
        LogReleased((before - after) / (1024 * 1024), after / (1024 * 1024));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up memory released: {ReleasedMb} MB; working set {WorkingSetMb} MB")]
    private partial void LogReleased(long releasedMb, long workingSetMb);
}
