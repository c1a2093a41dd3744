using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace SoKet.Bot.Data;

/// <summary>How many rows of one table were copied, and how many each side holds afterwards.</summary>
public sealed record TableCopy(string Table, int Source, int Target)
{
    public bool Matches => Source == Target;
}

public sealed record StoreCopyResult(bool Refused, string? Problem, IReadOnlyList<TableCopy> Tables)
{
    public bool Succeeded => !Refused && Problem is null && Tables.All(t => t.Matches);
}

/// <summary>
/// Moves an installation from one store to another (SQLite → PostgreSQL when an office outgrows one machine):
/// the target is migrated, must hold no SoKet rows, and receives every row of every table of the model — key
/// values included, so web chat watermarks, outbox ids and links stay valid — in one transaction, so a failure
/// leaves it empty. The source is read inside one transaction too, so the copy is one consistent moment of it.
/// Written here because EF Core has no bulk copy between providers; it walks the model, so tables added later
/// are copied without changes here.
/// </summary>
public static class StoreCopy
{
    private const int BatchSize = 1000;

    private static readonly MethodInfo CopyTableMethod =
        typeof(StoreCopy).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static async Task<StoreCopyResult> CopyAsync(
        SoKetDbContext source, SoKetDbContext target, StoreProvider targetProvider, IProgress<TableCopy>? progress, CancellationToken cancellationToken)
    {
        await targetProvider.MigrateAsync(target, cancellationToken);

        var tables = InsertOrder(target.Model);
        foreach (var entity in tables)
        {
            if (await CountAsync(target, entity, cancellationToken) > 0)
                return new StoreCopyResult(true, $"the target already holds rows in table {entity.GetTableName()}", []);
        }

        source.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var read = await BeginReadAsync(source, cancellationToken);
        await using var write = await target.Database.BeginTransactionAsync(cancellationToken);
        var copied = new List<TableCopy>();
        foreach (var entity in tables)
        {
            var task = (Task<int>)CopyTableMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [source, target, entity, cancellationToken])!;
            var rows = await task;
            var copy = new TableCopy(entity.GetTableName()!, rows, await CountAsync(target, entity, cancellationToken));
            copied.Add(copy);
            progress?.Report(copy);
            if (!copy.Matches)
                return new StoreCopyResult(false, $"table {copy.Table}: {copy.Source} rows read but {copy.Target} written", copied);
        }
        await ResetIdentitiesAsync(target, tables, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return new StoreCopyResult(false, null, copied);
    }

    /// <summary>Every table after the tables its foreign keys point at.</summary>
    internal static IReadOnlyList<IEntityType> InsertOrder(IModel model)
    {
        var pending = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).OrderBy(e => e.GetTableName(), StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(e => e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || ordered.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException("The model's foreign keys form a cycle; the copy needs an order.");
            ordered.Add(ready);
            pending.Remove(ready);
        }
        return ordered;
    }

    private static async Task<int> CopyTableAsync<T>(SoKetDbContext source, SoKetDbContext target, IEntityType entity, CancellationToken cancellationToken)
        where T : class
    {
        // Keyset paging on the primary key: stable and linear however large the table is.
        var key = entity.FindPrimaryKey()!.Properties;
        var query = source.Set<T>().AsNoTracking();
        IOrderedQueryable<T> ordered = query.OrderBy(e => EF.Property<object>(e, key[0].Name));
        foreach (var next in key.Skip(1))
            ordered = ordered.ThenBy(e => EF.Property<object>(e, next.Name));

        var total = 0;
        for (var page = 0; ; page++)
        {
            var batch = await ordered.Skip(page * BatchSize).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                return total;
            target.Set<T>().AddRange(batch);
            target.ChangeTracker.DetectChanges();
            await target.SaveChangesAsync(cancellationToken);
            target.ChangeTracker.Clear();
            total += batch.Count;
        }
    }

    /// <summary>
    /// A read transaction: one consistent moment of the source. On SQLite a deferred one, so a bot still running on
    /// the file keeps writing (WAL readers see the snapshot they started with) instead of waiting for the copy.
    /// </summary>
    private static async Task<IDbContextTransaction> BeginReadAsync(SoKetDbContext source, CancellationToken cancellationToken)
    {
        if (source.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await source.Database.OpenConnectionAsync(cancellationToken);
            return (await source.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: true), cancellationToken))!;
        }
        return await source.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
    }

    private static async Task<int> CountAsync(SoKetDbContext db, IEntityType entity, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) AS \"Value\" FROM {Quote(entity.GetTableName()!)}";
        return (int)await db.Database.SqlQueryRaw<long>(sql).SingleAsync(cancellationToken);
    }

    /// <summary>Rows were inserted with their own ids: PostgreSQL's identity sequences must continue after them.</summary>
    private static async Task ResetIdentitiesAsync(SoKetDbContext target, IReadOnlyList<IEntityType> tables, CancellationToken cancellationToken)
    {
        if (target.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
            return;
        foreach (var entity in tables)
        foreach (var property in entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
        {
            var table = entity.GetTableName()!;
            var column = property.GetColumnName();
            var sql = $"SELECT setval(pg_get_serial_sequence({Literal(Quote(table))}, {Literal(column)}), " +
                      $"COALESCE((SELECT MAX({Quote(column)}) FROM {Quote(table)}), 0) + 1, false)";
            await target.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>True when <paramref name="connectionString"/> reaches a PostgreSQL server (for a clear message before copying).</summary>
    public static async Task<string?> CheckPostgreSqlAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return ex.Message;
        }
    }
}
