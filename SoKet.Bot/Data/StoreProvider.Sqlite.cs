#if !STORE_POSTGRESQL
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SoKet.Bot.Data;

/// <summary>The SQLite flavour (default build): one machine, a file in the data folder.</summary>
internal static class StoreProvider
{
    public const string Name = "SQLite";
    public const string MissingConnectionStringMessage = "";

    /// <summary>Without a connection string the store is a file in Store:DataDirectory.</summary>
    public static bool IsConfigured(StoreOptions store) => true;

    public static void Configure(DbContextOptionsBuilder options, string connectionString) => options.UseSqlite(connectionString);

    public static string ResolveConnectionString(StoreOptions store, string contentRoot)
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

    internal sealed class Schema : IStoreSchema
    {
        public async Task MigrateAsync(SoKetDbContext db, CancellationToken cancellationToken)
        {
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets readers (web chat polls) run beside a writer; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
#endif
