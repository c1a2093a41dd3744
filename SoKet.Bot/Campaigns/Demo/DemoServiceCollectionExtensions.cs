using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Campaigns.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The command-line flag that starts the bot with the demo campaign.</summary>
    public const string Flag = "--demo";

    public static bool IsDemoRequested(string[] args) => args.Contains(Flag, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The arguments without <see cref="Flag"/>: left in, the configuration's command-line parser would read
    /// it as a key and swallow the next argument as its value.
    /// </summary>
    public static string[] WithoutDemoFlag(string[] args) => args.Where(a => !string.Equals(a, Flag, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>Maps `--demo` to Demo:Enabled = true, above every other configuration source.</summary>
    public static IConfigurationBuilder AddDemoFlag(this IConfigurationBuilder configuration, string[] args)
    {
        if (IsDemoRequested(args))
            configuration.AddInMemoryCollection([new($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}", "true")]);
        return configuration;
    }

    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<DemoSeeder>();
        return services;
    }

    /// <summary>Creates the demo campaign and units when Demo:Enabled; call after the store is migrated.</summary>
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
    }
}
