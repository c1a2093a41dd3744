using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Data;

/// <summary>
/// Registers the store for the provider this build was compiled for: SQLite by default, PostgreSQL
/// when built with -p:StoreProvider=PostgreSQL (see README, "PostgreSQL (several instances)").
/// </summary>
public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.Section))
            .ValidateDataAnnotations()
            .Validate(StoreProvider.IsConfigured, StoreProvider.MissingConnectionStringMessage)
            .ValidateOnStart();

        services.AddDbContext<SoKetDbContext>((sp, options) =>
        {
            var store = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var env = sp.GetRequiredService<IHostEnvironment>();
            StoreProvider.Configure(options, StoreProvider.ResolveConnectionString(store, env.ContentRootPath));
        });
        services.AddSingleton<IStoreSchema, StoreProvider.Schema>();
        return services;
    }

    /// <summary>Creates or migrates the schema on start unless Store:MigrateOnStart is false.</summary>
    public static async Task MigrateStoreAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        if (!options.MigrateOnStart)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        await scope.ServiceProvider.GetRequiredService<IStoreSchema>().MigrateAsync(db, app.Lifetime.ApplicationStopping);
    }
}
