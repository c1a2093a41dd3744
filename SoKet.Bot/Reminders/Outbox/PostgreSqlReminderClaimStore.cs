using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Reminders.Outbox;

/// <summary>
/// PostgreSQL: the inner SELECT locks the rows it picks and skips rows another instance is claiming
/// at the same moment (FOR UPDATE SKIP LOCKED), so concurrent instances never lease the same row.
/// </summary>
public sealed class PostgreSqlReminderClaimStore(SoKetDbContext db) : IReminderClaimStore
{
    public const string ProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private const string Sql = """
        UPDATE "ReminderOutbox"
           SET "LeaseOwner" = @owner, "LeaseExpiresAtUtc" = @expires
         WHERE "Id" IN (SELECT "Id" FROM "ReminderOutbox"
                         WHERE "State" = 'Pending' AND "DueAtUtc" <= @now
                           AND ("LeaseExpiresAtUtc" IS NULL OR "LeaseExpiresAtUtc" <= @now)
                         ORDER BY "DueAtUtc", "Id"
                         LIMIT @max
                         FOR UPDATE SKIP LOCKED)
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
            // timestamptz columns take UTC DateTime values only.
            Add(command, "owner", owner);
            Add(command, "expires", DateTime.SpecifyKind(nowUtc + lease, DateTimeKind.Utc));
            Add(command, "now", DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc));
            Add(command, "max", max);
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

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
