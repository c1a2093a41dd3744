using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SoKet.Bot.Data;

/// <summary>SQLite's context: its own type so its migrations (Data/Migrations/Sqlite) are told apart from PostgreSQL's.</summary>
public sealed class SqliteSoKetDbContext(DbContextOptions<SqliteSoKetDbContext> options) : SoKetDbContext(options);

/// <summary>
/// The default store: one SQLite file in the data folder, for one machine. Run as a real embedded database:
/// write-ahead log (readers never wait for the writer, and the log is what makes a commit durable), foreign keys
/// enforced, a busy timeout for other processes on the same file (the command line, a second instance during a
/// restart), and the durability level of Store:Sqlite:Synchronous.
/// </summary>
internal sealed class SqliteStoreProvider : StoreProvider
{
    public override string Name => SqliteName;

    public override Type ContextType => typeof(SqliteSoKetDbContext);

    internal override (IReadOnlyList<Type> Migrations, Type Snapshot) MigrationTypes =>
        (Migrations.Sqlite.SqliteMigrations.All, Migrations.Sqlite.SqliteMigrations.Snapshot);

    public override string? Validate(StoreOptions store)
    {
        if (string.IsNullOrWhiteSpace(store.ConnectionString))
            return null;
        try
        {
            _ = new SqliteConnectionStringBuilder(store.ConnectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"Store:ConnectionString is not a valid SQLite connection string ({ex.Message}), e.g. \"Data Source=/var/lib/soket/soket.db\".";
        }
    }

    public override string ResolveConnectionString(StoreOptions store, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        if (!string.IsNullOrWhiteSpace(store.ConnectionString))
        {
            builder = new SqliteConnectionStringBuilder(store.ConnectionString);
        }
        else
        {
            var dataDir = Path.GetFullPath(store.DataDirectory, contentRoot);
            Directory.CreateDirectory(dataDir);
            builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "soket.db"), Mode = SqliteOpenMode.ReadWriteCreate };
        }
        // Private cache: shared cache serialises every connection of the process on table locks.
        builder.Cache = SqliteCacheMode.Private;
        // Foreign keys are switched on by ConnectionPragmas, once per native connection rather than on every open.
        builder.ForeignKeys = null;
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(store.Sqlite.BusyTimeout.TotalSeconds));
        return builder.ToString();
    }

    public override void Configure(DbContextOptionsBuilder options, string connectionString, StoreOptions store) =>
        options.UseSqlite(connectionString).AddInterceptors(Interceptors.GetOrAdd((connectionString, store.Sqlite.Synchronous, store.Sqlite.BusyTimeout), key =>
        {
            var dataSource = Path.GetFullPath(new SqliteConnectionStringBuilder(key.ConnectionString).DataSource);
            // The group flush before the gate: a save switches its connection to NORMAL before it queues for the
            // writer, and waits for the disk after it let the writer go.
            return key.Synchronous == SqliteSynchronous.Full
                ? [new SqliteConnectionPragmas(store.Sqlite), new SqliteGroupFlush(store.Sqlite), new SqliteWriteGate(dataSource)]
                : [new SqliteConnectionPragmas(store.Sqlite), new SqliteWriteGate(dataSource)];
        }));

    /// <summary>One set per database and settings: contexts are created per turn, their interceptors need not be.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string ConnectionString, SqliteSynchronous Synchronous, TimeSpan BusyTimeout), IInterceptor[]> Interceptors = new();

    public override SoKetDbContext CreateContext(string connectionString, StoreOptions? store = null)
    {
        store ??= new StoreOptions();
        var options = new DbContextOptionsBuilder<SqliteSoKetDbContext>();
        Configure(options, ResolveConnectionString(new StoreOptions { ConnectionString = connectionString, Sqlite = store.Sqlite }, Environment.CurrentDirectory), store);
        return new SqliteSoKetDbContext(options.Options);
    }

    public override async Task MigrateAsync(SoKetDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The journal mode is stored in the file: set once, before the schema is written, it holds for every
            // later connection and process.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await MigrateIfBehindAsync(db, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// With Synchronous=Full a save returns once a flush of the log covers its commit (SqliteGroupFlush). This one
    /// returns once committed: it is in the write-ahead log, durable against a killed process at once, and reaches
    /// the disk with the next flush.
    /// </summary>
    public override async Task SaveDeferringFlushAsync(SoKetDbContext db, CancellationToken cancellationToken)
    {
        using (SqliteGroupFlush.DeferFlush(db))
            await db.SaveChangesAsync(cancellationToken);
    }

    public override string Describe(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    // SQLITE_CONSTRAINT: a unique key another writer took first (the version checks surface as concurrency exceptions).
    protected override bool IsConflictError(Exception providerError) => providerError is SqliteException { SqliteErrorCode: 19 };
}
