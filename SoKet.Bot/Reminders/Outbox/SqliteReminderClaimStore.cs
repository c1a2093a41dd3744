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
                         WHERE "State" = 'Pending' AND "TenantKey" = $tenant AND "DueAtUtc" <= $now
                           AND ("LeaseExpiresAtUtc" IS NULL OR "LeaseExpiresAtUtc" <= $now)
                         ORDER BY "DueAtUtc", "Id"
                         LIMIT $max)
        RETURNING "Id"
        """;

    public Task<IReadOnlyList<long>> ClaimAsync(string owner, string tenantKey, int max, DateTime nowUtc, TimeSpan lease, CancellationToken ct) =>
        // The same text form EF Core's SQLite provider stores, so the comparisons are on like strings.
        ClaimQuery.ReadIdsAsync(db, Sql, [("$owner", owner), ("$tenant", tenantKey), ("$expires", SqliteTime(nowUtc + lease)), ("$now", SqliteTime(nowUtc)), ("$max", max)], ct);

    internal static string SqliteTime(DateTime utc) =>
        utc.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}
