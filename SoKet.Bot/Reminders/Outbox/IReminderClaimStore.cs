namespace SoKet.Bot.Reminders.Outbox;

/// <summary>
/// The one provider-specific statement of the outbox: taking a batch of due reminders atomically, so
/// that two bot processes on one store never hold the same item. Every other outbox statement is plain SQL
/// both providers run (see <see cref="ReminderOutbox"/>).
/// </summary>
public interface IReminderClaimStore
{
    /// <summary>
    /// Leases to <paramref name="owner"/> until <paramref name="nowUtc"/> + <paramref name="lease"/> up to
    /// <paramref name="max"/> Pending items of the tenant <paramref name="tenantKey"/> due at <paramref name="nowUtc"/> whose lease is empty or expired,
    /// oldest due first, and returns their ids.
    /// </summary>
    Task<IReadOnlyList<long>> ClaimAsync(string owner, string tenantKey, int max, DateTime nowUtc, TimeSpan lease, CancellationToken ct);
}
