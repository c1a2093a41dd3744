using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Reminders.Outbox;

/// <summary>
/// Writes reminders once and records what became of them. Exactly-once rules, for several processes on one store:
/// <list type="number">
/// <item>Write: insert-if-absent under the unique key; a duplicate from another planner is dropped.</item>
/// <item>Claim: <see cref="IReminderClaimStore"/> leases due Pending rows to one owner; expired leases are taken over.</item>
/// <item>Begin: before the Connector call, one UPDATE stamps <c>SendStartedAtUtc</c>, but only while the caller still
/// owns an unexpired lease and no attempt is stamped. Only one process can win it, so only one posts.</item>
/// <item>Finish: the outcome is written by the attempt that was stamped (matched on its stamp, not on the lease),
/// so a slow owner whose lease ran out still records its own send and nobody else sends meanwhile.</item>
/// <item>A row found stamped but unfinished is an attempt whose process stopped mid-call. The Connector has no
/// idempotency key, so it cannot be known whether Teams got it: after <c>InFlightGrace</c> it is closed as Sent
/// with a note rather than posted again (at most once: a duplicate reminder is worse than a missing one
/// that the next milestone makes up for). The window is the Connector call itself.</item>
/// </list>
/// All statements here are plain SQL with quoted identifiers, which SQLite and PostgreSQL both run.
/// </summary>
public sealed class ReminderOutbox(SoKetDbContext db)
{
    /// <summary>Adds the items whose key is not there yet; returns how many were added.</summary>
    public async Task<int> EnqueueAsync(IReadOnlyCollection<ReminderOutboxItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
            return 0;
        var keys = items.Select(i => i.UniqueKey).Distinct().ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500).Select(c => c.ToList()))
            existing.UnionWith(await db.Set<ReminderOutboxItem>().Where(i => chunk.Contains(i.UniqueKey)).Select(i => i.UniqueKey).ToListAsync(ct));
        var fresh = items.Where(i => existing.Add(i.UniqueKey)).ToList();
        if (fresh.Count == 0)
            return 0;
        await AssignTenantsAsync(fresh, ct);

        db.Set<ReminderOutboxItem>().AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
            return fresh.Count;
        }
        catch (DbUpdateException)
        {
            // Another instance wrote some of them between our read and our write: add one by one, dropping its copies.
            db.ChangeTracker.Clear();
            var added = 0;
            foreach (var item in fresh)
            {
                item.Id = 0;
                db.Set<ReminderOutboxItem>().Add(item);
                try
                {
                    await db.SaveChangesAsync(ct);
                    added++;
                }
                catch (DbUpdateException)
                {
                }
                db.ChangeTracker.Clear();
            }
            return added;
        }
    }

    /// <summary>
    /// Files each item under the tenant of its recipient's 1:1 chat, so the holder of that tenant's sending lease
    /// claims it. Recipients without a chat yet stay under "" (the sender moves an item if it finds otherwise).
    /// The look-ups mirror <c>ReminderSender.PersonalConversationAsync</c>: by AAD object id, else by channel user id.
    /// </summary>
    private async Task AssignTenantsAsync(List<ReminderOutboxItem> items, CancellationToken ct)
    {
        var personIds = items.Where(i => i.PersonId is not null).Select(i => i.PersonId!.Value).Distinct().ToList();
        var tenants = new Dictionary<Guid, string>();
        foreach (var chunk in personIds.Chunk(500).Select(c => c.ToList()))
        {
            var people = await db.Set<People.Person>().AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.AadObjectId, p.ChannelId, p.ChannelUserId }).ToListAsync(ct);
            var personal = db.ConversationReferences.AsNoTracking().Where(r => r.ConversationType == null || r.ConversationType == "personal");
            var aads = people.Where(p => p.AadObjectId != null).Select(p => p.AadObjectId!).Distinct().ToList();
            var byAad = (await personal.Where(r => aads.Contains(r.UserAadObjectId!))
                    .Select(r => new { r.UserAadObjectId, r.TenantId, r.UpdatedAtUtc }).ToListAsync(ct))
                .GroupBy(r => r.UserAadObjectId!).ToDictionary(g => g.Key, g => g.MaxBy(r => r.UpdatedAtUtc)!.TenantId);
            var userIds = people.Where(p => p.ChannelUserId != null).Select(p => p.ChannelUserId!).Distinct().ToList();
            var byUser = (await personal.Where(r => userIds.Contains(r.UserId!))
                    .Select(r => new { r.ChannelId, r.UserId, r.TenantId, r.UpdatedAtUtc }).ToListAsync(ct))
                .GroupBy(r => (r.ChannelId, r.UserId!)).ToDictionary(g => g.Key, g => g.MaxBy(r => r.UpdatedAtUtc)!.TenantId);
            foreach (var person in people)
            {
                var tenant = person.AadObjectId is { } aad && byAad.TryGetValue(aad, out var t1) ? t1
                    : person.ChannelId is { } channel && person.ChannelUserId is { } user && byUser.TryGetValue((channel, user), out var t2) ? t2
                    : null;
                tenants[person.Id] = Sending.ReminderSender.TenantKeyOf(tenant);
            }
        }
        foreach (var item in items)
            item.TenantKey = item.PersonId is { } personId && tenants.TryGetValue(personId, out var key) ? key : "";
    }

    /// <summary>The recipient's chat belongs to another tenant than the item was filed under: refiled, unsent, for that tenant's lease holder.</summary>
    public Task MoveToTenantAsync(long id, string owner, string tenantKey, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ReminderOutbox" SET "TenantKey" = {tenantKey}, "LeaseOwner" = NULL, "LeaseExpiresAtUtc" = NULL
             WHERE "Id" = {id} AND "LeaseOwner" = {owner} AND "State" = 'Pending' AND "SendStartedAtUtc" IS NULL
            """, ct);

    /// <summary>Stamps the attempt; false when the lease was lost or another attempt is stamped, and then nothing must be sent.</summary>
    public async Task<bool> BeginSendAsync(long id, string owner, DateTime nowUtc, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ReminderOutbox" SET "SendStartedAtUtc" = {nowUtc}, "Attempts" = "Attempts" + 1
             WHERE "Id" = {id} AND "LeaseOwner" = {owner} AND "State" = 'Pending'
               AND "SendStartedAtUtc" IS NULL AND "LeaseExpiresAtUtc" > {nowUtc}
            """, ct) == 1;

    /// <summary>Records the stamped attempt's final outcome.</summary>
    public Task FinishAsync(long id, DateTime startedAtUtc, ReminderState state, string? error, DateTime nowUtc, CancellationToken ct)
    {
        DateTime? sentAt = state == ReminderState.Sent ? nowUtc : null;
        var stateText = state.ToString();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ReminderOutbox" SET "State" = {stateText}, "SentAtUtc" = {sentAt}, "LastError" = {Truncate(error)},
                   "LeaseOwner" = NULL, "LeaseExpiresAtUtc" = NULL
             WHERE "Id" = {id} AND "State" = 'Pending' AND "SendStartedAtUtc" = {startedAtUtc}
            """, ct);
    }

    /// <summary>The stamped attempt was refused without delivery (429, 5xx): clears the stamp and puts the item back for later.</summary>
    public Task RetryLaterAsync(long id, DateTime startedAtUtc, DateTime dueAtUtc, string error, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ReminderOutbox" SET "DueAtUtc" = {dueAtUtc}, "LastError" = {Truncate(error)}, "SendStartedAtUtc" = NULL,
                   "LeaseOwner" = NULL, "LeaseExpiresAtUtc" = NULL
             WHERE "Id" = {id} AND "State" = 'Pending' AND "SendStartedAtUtc" = {startedAtUtc}
            """, ct);

    /// <summary>Decided without sending (unit submitted, nobody to reach, outside hours), under the caller's lease.</summary>
    public Task CloseUnsentAsync(long id, string owner, ReminderState state, string? error, CancellationToken ct)
    {
        var stateText = state.ToString();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ReminderOutbox" SET "State" = {stateText}, "LastError" = {Truncate(error)}, "LeaseOwner" = NULL, "LeaseExpiresAtUtc" = NULL
             WHERE "Id" = {id} AND "LeaseOwner" = {owner} AND "State" = 'Pending' AND "SendStartedAtUtc" IS NULL
            """, ct);
    }

    /// <summary>Not yet (outside working hours, per-conversation limit, an attempt still in flight elsewhere): releases the lease until <paramref name="dueAtUtc"/>.</summary>
    public Task PostponeAsync(long id, string owner, DateTime dueAtUtc, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ReminderOutbox" SET "DueAtUtc" = {dueAtUtc}, "LeaseOwner" = NULL, "LeaseExpiresAtUtc" = NULL
             WHERE "Id" = {id} AND "LeaseOwner" = {owner} AND "State" = 'Pending'
            """, ct);

    /// <summary>An attempt whose process stopped mid-call, past the grace: closed as Sent (see the class notes).</summary>
    public Task CloseAbandonedAsync(long id, string owner, DateTime startedAtUtc, DateTime nowUtc, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "ReminderOutbox" SET "State" = 'Sent', "SentAtUtc" = {nowUtc},
                   "LastError" = 'Unconfirmed: the sending instance stopped during the Connector call.',
                   "LeaseOwner" = NULL, "LeaseExpiresAtUtc" = NULL
             WHERE "Id" = {id} AND "LeaseOwner" = {owner} AND "State" = 'Pending' AND "SendStartedAtUtc" = {startedAtUtc}
            """, ct);

    private static string? Truncate(string? text) => text is { Length: > 500 } ? text[..499] + "…" : text;
}
