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
                         WHERE "State" = 'Pending' AND "TenantKey" = @tenant AND "DueAtUtc" <= @now
                           AND ("LeaseExpiresAtUtc" IS NULL OR "LeaseExpiresAtUtc" <= @now)
                         ORDER BY "DueAtUtc", "Id"
                         LIMIT @max
                         FOR UPDATE SKIP LOCKED)
        RETURNING "Id"
        """;

    // timestamptz columns take UTC DateTime values only.
    public Task<IReadOnlyList<long>> ClaimAsync(string owner, string tenantKey, int max, DateTime nowUtc, TimeSpan lease, CancellationToken ct) =>
        ClaimQuery.ReadIdsAsync(db, Sql,
            [("owner", owner), ("tenant", tenantKey), ("expires", DateTime.SpecifyKind(nowUtc + lease, DateTimeKind.Utc)), ("now", DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)), ("max", max)], ct);
}
