using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SoKet.Bot.Text;

namespace SoKet.Bot.Retention;

/// <summary>
/// Runs <see cref="RetentionCleanup"/> once a day at Retention:RunAt (Asia/Ho_Chi_Minh), waiting on the app's
/// <see cref="TimeProvider"/> so a test can move time to the next run. A failed run is logged and tried the next day.
/// </summary>
internal sealed partial class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            await Task.Delay(NextRun(now, options.Value.RunAt) - now, clock, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RetentionCleanup>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    /// <summary>The next <paramref name="runAt"/> in Vietnam strictly after <paramref name="now"/>.</summary>
    internal static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly runAt)
    {
        var local = TimeZoneInfo.ConvertTime(now, VietnamTime.Zone);
        var candidate = new DateTimeOffset(local.Date + runAt.ToTimeSpan(), local.Offset);
        return candidate > now ? candidate : candidate.AddDays(1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention cleanup failed; it runs again tomorrow")]
    private partial void LogFailed(Exception exception);
}

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The daily cleanup of transcripts, files and processed activity ids (Retention:*).</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RetentionCleanup>();
        services.AddHostedService<RetentionJob>();
        return services;
    }
}
