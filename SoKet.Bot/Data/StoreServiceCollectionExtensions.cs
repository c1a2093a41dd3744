using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Data;

public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddDbContext<SoKetDbContext>((sp, options) =>
        {
            var store = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var env = sp.GetRequiredService<IHostEnvironment>();
            options.UseSqlite(ResolveConnectionString(store, env.ContentRootPath));
        });
        return services;
    }

    internal static string ResolveConnectionString(StoreOptions store, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(store.ConnectionString))
            return store.ConnectionString;
        var dataDir = Path.GetFullPath(store.DataDirectory, contentRoot);
        Directory.CreateDirectory(dataDir);
        // Shared cache off and a busy timeout: several turns (and several processes) write concurrently.
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "soket.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Creates or migrates the schema; WAL lets readers (web chat polls) run beside a writer.</summary>
    public static async Task MigrateStoreAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        if (!options.MigrateOnStart)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
