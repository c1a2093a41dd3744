using Microsoft.Data.Sqlite;
using Npgsql;
using SoKet.Bot.Data;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// An empty database owned by one test, on the provider the test run targets: a SQLite file in a temp folder by
/// default, or — when SOKET_TEST_STORE=PostgreSQL — a fresh database on the cluster named by SOKET_TEST_POSTGRES,
/// dropped afterwards. ./test.sh runs the store-backed tests (Category=Store) once per provider from one build.
/// </summary>
public sealed class TestStore : IDisposable
{
    public const string ProviderVariable = "SOKET_TEST_STORE";
    public const string PostgresVariable = "SOKET_TEST_POSTGRES";

    private readonly string _directory;
    private readonly string? _adminConnectionString;
    private readonly string _databaseName = "soket_test_" + Guid.NewGuid().ToString("N");

    public TestStore(string directory) : this(directory, Provider)
    {
    }

    /// <summary>A store on <paramref name="provider"/> whatever the run targets (a copy from SQLite to PostgreSQL, say).</summary>
    public TestStore(string directory, StoreProvider provider)
    {
        _directory = directory;
        StoreProvider = provider;
        System.IO.Directory.CreateDirectory(directory);
        if (provider == StoreProvider.PostgreSql)
        {
            _adminConnectionString = AdminConnectionString;
            Execute($"CREATE DATABASE \"{_databaseName}\" ENCODING 'UTF8'");
            ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ToString();
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(directory, "soket.db")}";
        }
    }

    /// <summary>The provider of this test run (SOKET_TEST_STORE), SQLite when unset.</summary>
    public static StoreProvider Provider { get; } =
        StoreProvider.Find(Environment.GetEnvironmentVariable(ProviderVariable))
        ?? throw new InvalidOperationException($"{ProviderVariable} must be SQLite or PostgreSQL.");

    public static bool IsPostgreSql => Provider == StoreProvider.PostgreSql;

    /// <summary>This store's provider (the run's, unless the test chose one).</summary>
    public StoreProvider StoreProvider { get; }

    /// <summary>The maintenance connection of the test cluster (./test.sh starts one).</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } admin
            ? admin
            : throw new InvalidOperationException(
                $"PostgreSQL tests need a server: set {PostgresVariable} (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=soket\"); ./test.sh starts one.");

    public string ConnectionString { get; }

    /// <summary>The temp folder of this store (the SQLite file, or files a test writes beside it).</summary>
    public string Directory => _directory;

    /// <summary>Where the data is, as the bot and the command line name it.</summary>
    public string Description => StoreProvider.Describe(ConnectionString);

    /// <summary>A migrated empty store in a temp folder of its own.</summary>
    public static async Task<TestStore> CreateMigratedAsync()
    {
        var store = new TestStore(Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N")));
        await store.MigrateAsync();
        return store;
    }

    /// <summary>Store:* settings for a bot (or command) on this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Store:Provider", StoreProvider.Name),
        new("Store:ConnectionString", ConnectionString),
    ];

    public SoKetDbContext Open() => StoreProvider.CreateContext(ConnectionString);

    /// <summary>Creates the schema the way the app does on start.</summary>
    public async Task MigrateAsync()
    {
        await using var db = Open();
        await StoreProvider.MigrateAsync(db, CancellationToken.None);
    }

    public void Dispose()
    {
        if (_adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            Execute($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        try { System.IO.Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a file still held open by a finalising connection; the temp folder is cleaned by the OS */ }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
