using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Reminders.Outbox;

/// <summary>
/// SQLite (3.35+ for RETURNING): one UPDATE is one write transaction, and SQLite lets one writer in at a
/// time across processes, so a row can only be leased by the statement that saw it free.
/// </summary>
public sealed class SqliteReminderClaimStore(SoKetDbContext db) : IReminderClaimStore
{
    private const string Sql = """
        UPDATE "ReminderOutbox"
           SET "LeaseOwner" = $owner, "LeaseExpiresAtUtc" = $expires
         WHERE "Id" IN (SELECT "Id" FROM "ReminderOutbox"
                         WHERE "State" = 'Pending' AND "DueAtUtc" <= $now
                           AND ("LeaseExpiresAtUtc" IS NULL OR "LeaseExpiresAtUtc" <= $now)
                         ORDER BY "DueAtUtc", "Id"
                         LIMIT $max)
        RETURNING "Id"
        """;

    public async Task<IReadOnlyList<long>> ClaimAsync(string owner, int max, DateTime nowUtc, TimeSpan lease, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            Add(command, "$owner", owner);
            // The same text form EF Core's SQLite provider stores, so the comparisons are on like strings.
            Add(command, "$expires", SqliteTime(nowUtc + lease));
            Add(command, "$now", SqliteTime(nowUtc));
            Add(command, "$max", max);
            var ids = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                ids.Add(reader.GetInt64(0));
            return ids;
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }

    internal static string SqliteTime(DateTime utc) =>
        utc.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
