using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SoKet.Bot.Data;

/// <summary>
/// Per-connection settings SQLite does not keep in the file, applied once to each native connection. EF Core
/// opens and closes its connection around every query, and the pool hands back the same native handle with its
/// settings intact, so running them on every open (as <c>Foreign Keys=True</c> in the connection string would)
/// costs a statement's parse and run per query for nothing (bench/README.md).
/// </summary>
internal sealed class SqliteConnectionPragmas(SqliteStoreOptions options) : DbConnectionInterceptor
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

    internal static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
