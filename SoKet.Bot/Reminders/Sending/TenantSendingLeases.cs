using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Reminders.Sending;

/// <summary>
/// Takes, renews and gives back tenants' sending leases (<see cref="SendingLease"/>) in the shared store. Taking and
/// renewing are one statement: an upsert that writes the row only when it is absent, expired or already ours, so two
/// instances asking at once cannot both get it (PostgreSQL locks the conflicting row; SQLite has one writer). Plain SQL
/// both providers run (INSERT … ON CONFLICT … DO UPDATE … WHERE: PostgreSQL 9.5+, SQLite 3.24+).
/// Clocks: expiry is written from the taker's clock and checked against the next taker's, so instances must keep
/// their clocks in step (NTP); the holder also stops a quarter of a lease before expiry to leave room for drift.
/// </summary>
public sealed class TenantSendingLeases(SoKetDbContext db)
{
    /// <summary>True when <paramref name="owner"/> holds <paramref name="tenantKey"/> until <paramref name="nowUtc"/> + <paramref name="lease"/>.</summary>
    public async Task<bool> TryTakeAsync(string tenantKey, string owner, DateTime nowUtc, TimeSpan lease, CancellationToken ct)
    {
        var expires = nowUtc + lease;
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "SendingLeases" ("TenantKey", "Owner", "ExpiresAtUtc", "AcquiredAtUtc") VALUES ({tenantKey}, {owner}, {expires}, {nowUtc})
            ON CONFLICT ("TenantKey") DO UPDATE
               SET "Owner" = excluded."Owner", "ExpiresAtUtc" = excluded."ExpiresAtUtc",
                   "AcquiredAtUtc" = CASE WHEN "SendingLeases"."Owner" = excluded."Owner" THEN "SendingLeases"."AcquiredAtUtc" ELSE excluded."AcquiredAtUtc" END
             WHERE "SendingLeases"."Owner" = excluded."Owner" OR "SendingLeases"."ExpiresAtUtc" <= {nowUtc}
            """, ct) == 1;
    }

    /// <summary>
    /// Gives the lease back (at shutdown, or when the tenant has nothing due). Another instance may take it one second
    /// later: the sends of the holder's last second and the taker's first one never fall in the same second.
    /// </summary>
    public Task ReleaseAsync(string tenantKey, string owner, DateTime nowUtc, CancellationToken ct)
    {
        var free = nowUtc + TimeSpan.FromSeconds(1);
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "SendingLeases" SET "Owner" = NULL, "ExpiresAtUtc" = {free} WHERE "TenantKey" = {tenantKey} AND "Owner" = {owner}
            """, ct);
    }
}
