using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SoKet.Bot.Campaigns.Demo;
using SoKet.Bot.Conversations;

namespace SoKet.Bot.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The command-line flag that starts the bot with the demo campaign.</summary>
    public const string Flag = "--demo";

    /// <summary>The flag that deletes the demo campaign (only what the demo created) and seeds it anew.</summary>
    public const string ResetFlag = "--demo-reset";

    public static bool IsDemoRequested(string[] args) => args.Contains(Flag, StringComparer.OrdinalIgnoreCase) || IsResetRequested(args);

    public static bool IsResetRequested(string[] args) => args.Contains(ResetFlag, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The arguments without <see cref="Flag"/> and <see cref="ResetFlag"/>: left in, the configuration's command-line
    /// parser would read them as keys and swallow the next argument as their value.
    /// </summary>
    public static string[] WithoutDemoFlag(string[] args) =>
        args.Where(a => !string.Equals(a, Flag, StringComparison.OrdinalIgnoreCase) && !string.Equals(a, ResetFlag, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>Maps `--demo` to Demo:Enabled = true and `--demo-reset` to Demo:Enabled and Demo:Reset, above every other configuration source.</summary>
    public static IConfigurationBuilder AddDemoFlag(this IConfigurationBuilder configuration, string[] args)
    {
        if (IsDemoRequested(args))
            configuration.AddInMemoryCollection([new($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}", "true")]);
        if (IsResetRequested(args))
            configuration.AddInMemoryCollection([new($"{DemoOptions.Section}:{nameof(DemoOptions.Reset)}", "true")]);
        return configuration;
    }

    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoReset>();
        // Always there, demo or not: demo people keep their logged conversations after a start without --demo.
        services.AddSingleton<IChannelOutbound, DemoOutbound>();
        return services;
    }

    /// <summary>Creates the demo campaign, units and reports when Demo:Enabled (first removing the old demo when Demo:Reset); call after the store is migrated.</summary>
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!options.Enabled && !options.Reset)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        if (options.Reset)
            await scope.ServiceProvider.GetRequiredService<DemoReset>().ResetAsync(app.Lifetime.ApplicationStopping);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
    }
}
