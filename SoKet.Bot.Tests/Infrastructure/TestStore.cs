using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
#if STORE_POSTGRESQL
using Npgsql;
#else
using Microsoft.Data.Sqlite;
#endif

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// An empty database of the provider this build targets, owned by one test: a SQLite file in a temp
/// folder, or (PostgreSQL build) a fresh database on the cluster named by SOKET_TEST_POSTGRES, dropped
/// afterwards.
/// </summary>
public sealed class TestStore : IDisposable
{
    public const string PostgresVariable = "SOKET_TEST_POSTGRES";

    private readonly string _directory;
#if STORE_POSTGRESQL
    private readonly string _adminConnectionString;
    private readonly string _databaseName = "soket_test_" + Guid.NewGuid().ToString("N");
#endif

    public TestStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
#if STORE_POSTGRESQL
        _adminConnectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } admin
            ? admin
            : throw new InvalidOperationException(
                $"The PostgreSQL build's tests need a server: set {PostgresVariable} (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=soket\"); ./test.sh starts one.");
        Execute($"CREATE DATABASE \"{_databaseName}\" ENCODING 'UTF8'");
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ToString();
#else
        ConnectionString = $"Data Source={Path.Combine(directory, "soket.db")}";
#endif
    }

    public string ConnectionString { get; }

    public SoKetDbContext Open()
    {
        var options = new DbContextOptionsBuilder<SoKetDbContext>();
        StoreProvider.Configure(options, ConnectionString);
        return new SoKetDbContext(options.Options);
    }

    /// <summary>Creates the schema the way the app does on start.</summary>
    public async Task MigrateAsync()
    {
        await using var db = Open();
        await new StoreProvider.Schema().MigrateAsync(db, CancellationToken.None);
    }

    public void Dispose()
    {
#if STORE_POSTGRESQL
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
#else
        SqliteConnection.ClearAllPools();
#endif
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a file still held open by a finalising connection; the temp folder is cleaned by the OS */ }
    }

#if STORE_POSTGRESQL
    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
#endif
}
