using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
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
            [new ConnectionPragmas(store.Sqlite), new SqliteWriteGate(Path.GetFullPath(new SqliteConnectionStringBuilder(key.ConnectionString).DataSource))]));

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
    /// With Synchronous=Full every commit waits for the disk, and the write gate lets one commit in at a time, so a
    /// turn's second commit (the delivered card's id) cost a second flush on the one path every writer shares. This
    /// one commits as Normal does: in the write-ahead log, durable against a killed process at once and on disk with
    /// the next Full commit, whose flush covers the whole log before it.
    /// </summary>
    public override async Task SaveDeferringFlushAsync(SoKetDbContext db, StoreOptions store, CancellationToken cancellationToken)
    {
        if (store.Sqlite.Synchronous != SqliteSynchronous.Full)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        // Opened here unless the caller holds it open already (EF Core counts the opens).
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // Forgotten first: should the restore below fail too, the next open of this native connection sets it up
            // again instead of trusting a durability it no longer has.
            ConnectionPragmas.Forget(connection);
            await ExecuteAsync(connection, "PRAGMA synchronous=NORMAL;", cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                // Restored whatever the save did: a caller holding the connection open saves its next changes on it
                // without another open (and so without ConnectionPragmas) in between.
                await ExecuteAsync(connection, "PRAGMA synchronous=FULL;", CancellationToken.None);
                ConnectionPragmas.Remember(connection, store.Sqlite);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override string Describe(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    // SQLITE_CONSTRAINT: a unique key another writer took first (the version checks surface as concurrency exceptions).
    protected override bool IsConflictError(Exception providerError) => providerError is SqliteException { SqliteErrorCode: 19 };

    /// <summary>
    /// Per-connection settings SQLite does not keep in the file, applied once to each native connection. EF Core
    /// opens and closes its connection around every query, and the pool hands back the same native handle with its
    /// settings intact, so running them on every open (as <c>Foreign Keys=True</c> in the connection string would)
    /// costs a statement's parse and run per query for nothing (bench/README.md).
    /// </summary>
    private sealed class ConnectionPragmas(SqliteStoreOptions options) : DbConnectionInterceptor
    {
        // The settings each native handle was given; a pool shared by two settings (same file and connection string)
        // gets whichever set the opener asks for.
        private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, string> Applied = [];

        private readonly string _sql = Sql(options);

        private static string Sql(SqliteStoreOptions options) => string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA foreign_keys=1; PRAGMA synchronous={(options.Synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL")}; PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds};");

        /// <summary>The native connection's settings are no longer known to be the configured ones.</summary>
        public static void Forget(SqliteConnection connection)
        {
            if (connection.Handle is { } handle)
                Applied.Remove(handle);
        }

        /// <summary>The native connection holds the settings of <paramref name="options"/> again.</summary>
        public static void Remember(SqliteConnection connection, SqliteStoreOptions options)
        {
            if (connection.Handle is { } handle)
                Applied.AddOrUpdate(handle, Sql(options));
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (!NeedsSettings(connection, out var handle))
                return;
            using var command = connection.CreateCommand();
            command.CommandText = _sql;
            command.ExecuteNonQuery();
            Applied.AddOrUpdate(handle, _sql);
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (!NeedsSettings(connection, out var handle))
                return;
            await ExecuteAsync(connection, _sql, cancellationToken);
            Applied.AddOrUpdate(handle, _sql);
        }

        private bool NeedsSettings(DbConnection connection, out SQLitePCL.sqlite3 handle)
        {
            handle = ((SqliteConnection)connection).Handle!;
            return !Applied.TryGetValue(handle, out var applied) || applied != _sql;
        }
    }
}
