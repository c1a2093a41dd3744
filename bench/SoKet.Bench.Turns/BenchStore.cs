using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SoKet.Bot.Data;
using SoKet.Bot.Reports;

namespace SoKet.Bench.Turns;

/// <summary>
/// A fresh, empty SoKet store for one benchmark run, migrated by the bot's own code: a SQLite file in a
/// folder of its own, or a new database on a PostgreSQL server (created here, dropped afterwards).
/// </summary>
internal sealed class BenchStore : IAsyncDisposable
{
    /// <summary>Where a PostgreSQL server for the benchmarks is, when none is given with --connection-string.</summary>
    public const string PostgresVariable = "SOKET_BENCH_POSTGRES";

    private readonly string? _adminConnectionString;
    private readonly string? _database;
    private bool _ownsDirectory;

    private BenchStore(StoreProvider provider, string connectionString, string dataDirectory, string? adminConnectionString, string? database)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        _adminConnectionString = adminConnectionString;
        _database = database;
    }

    public StoreProvider Provider { get; }

    /// <summary>What the bot gets as Store:ConnectionString.</summary>
    public string ConnectionString { get; }

    /// <summary>The bot's Store:DataDirectory (exports, files); also holds the SQLite file.</summary>
    public string DataDirectory { get; }

    /// <summary>Leave the store (file or database) in place after the run, for inspection.</summary>
    public bool Keep { get; set; }

    /// <summary>For messages: a file path or host/database, never a password.</summary>
    public string Description => Provider.Describe(ConnectionString);

    /// <summary>"SQLite /tmp/…/soket.db" or "PostgreSQL host:port/database".</summary>
    public string Label => Provider == StoreProvider.Sqlite ? $"SQLite {Description}" : Description;

    /// <summary>Reads --store (sqlite | postgresql) and, for PostgreSQL, --connection-string or SOKET_BENCH_POSTGRES.</summary>
    public static async Task<BenchStore> CreateAsync(Options options, CancellationToken cancellationToken)
    {
        var kind = options.String("store") ?? "sqlite";
        var provider = StoreProvider.Find(kind) ?? throw new UsageException($"--store must be sqlite or postgresql, not «{kind}».");
        var server = options.String("connection-string") ?? Environment.GetEnvironmentVariable(PostgresVariable);
        var dataDirectory = Path.GetFullPath(options.String("data-dir") ?? Path.Combine(Path.GetTempPath(), "soket-bench", Guid.NewGuid().ToString("N")));
        var ownsDirectory = !Directory.Exists(dataDirectory);
        Directory.CreateDirectory(dataDirectory);

        BenchStore store;
        if (provider == StoreProvider.Sqlite)
        {
            var file = Path.Combine(dataDirectory, "soket.db");
            if (File.Exists(file))
                throw new UsageException($"{file} exists already: the benchmark starts from an empty store; give another --data-dir.");
            store = new BenchStore(provider, $"Data Source={file}", dataDirectory, null, null);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(server))
                throw new UsageException($"--store postgresql needs a server: --connection-string \"Host=…;Port=…;Username=…\" or {PostgresVariable}.");
            var admin = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
            admin.Database = string.IsNullOrEmpty(admin.Database) ? "postgres" : admin.Database;
            var database = "soket_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" ENCODING 'UTF8' TEMPLATE template0", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            var target = new NpgsqlConnectionStringBuilder(server) { Database = database };
            store = new BenchStore(provider, target.ConnectionString, dataDirectory, admin.ConnectionString, database);
        }

        store._ownsDirectory = ownsDirectory;
        try
        {
            await using var db = store.Open();
            await provider.MigrateAsync(db, cancellationToken);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return store;
    }

    public SoKetDbContext Open() => Provider.CreateContext(ConnectionString);

    /// <summary>Environment for a bot process using this store (Store:Provider, Store:ConnectionString, Store:DataDirectory).</summary>
    public IEnumerable<KeyValuePair<string, string>> BotEnvironment()
    {
        yield return new("Store__Provider", Provider.Name);
        yield return new("Store__ConnectionString", ConnectionString);
        yield return new("Store__DataDirectory", DataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (Keep)
            return;
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException ex)
            {
                await Console.Error.WriteLineAsync($"Could not drop the benchmark database {_database}: {ex.Message}");
            }
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        try
        {
            // A folder given with --data-dir that existed before keeps everything but the database.
            if (_ownsDirectory)
                Directory.Delete(DataDirectory, recursive: true);
            else if (_database is null)
                foreach (var file in new[] { "soket.db", "soket.db-wal", "soket.db-shm" })
                    File.Delete(Path.Combine(DataDirectory, file));
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

/// <summary>What a run left in the store, counted after the bot was killed.</summary>
internal sealed record StoreCounts(int SectionRevisions, int SectionDrafts, int ProcessedActivities, int ReportsDrafting, int ReportsSubmitted, int IndicatorRows)
{
    public static async Task<StoreCounts> ReadAsync(BenchStore store, CancellationToken cancellationToken)
    {
        await using var db = store.Open();
        return new StoreCounts(
            await db.SectionRevisions.CountAsync(cancellationToken),
            await db.SectionDrafts.CountAsync(cancellationToken),
            await db.ProcessedActivities.CountAsync(cancellationToken),
            await db.Reports.CountAsync(r => r.Status == SoKet.Bot.Reports.ReportStatus.Drafting, cancellationToken),
            await db.Reports.CountAsync(r => r.Status == SoKet.Bot.Reports.ReportStatus.Submitted, cancellationToken),
            await db.IndicatorRows.CountAsync(cancellationToken));
    }
}
