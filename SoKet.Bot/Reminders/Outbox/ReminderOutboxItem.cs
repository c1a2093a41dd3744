namespace SoKet.Bot.Reminders.Outbox;

public enum ReminderKind { UnitReminder, LeaderDigest, AdminSummary, Manual }

public enum ReminderState { Pending, Sent, Skipped, Unreachable, Failed }

/// <summary>
/// One message to one person, written once under <see cref="UniqueKey"/> before anything is sent, then
/// claimed under a lease, sent and marked. The row is the idempotency key of the send: see <see cref="ReminderOutbox"/>.
/// </summary>
public sealed class ReminderOutboxItem
{
    public long Id { get; set; }
    public Guid CampaignId { get; set; }

    /// <summary><see cref="Guid.Empty"/> for digests and summaries, which cover several units.</summary>
    public Guid UnitId { get; set; }
    public Guid? PersonId { get; set; }

    /// <summary>
    /// The Teams tenant the recipient's chat belongs to ("" when unknown, or a channel without tenants such as the web
    /// chat): whichever instance holds that tenant's sending lease sends the item (see <see cref="Sending.TenantSendingLeases"/>).
    /// Filled when the item is written, corrected by the sender if the recipient's chat turns out to be elsewhere.
    /// </summary>
    public string TenantKey { get; set; } = "";
    public ReminderKind Kind { get; set; }

    /// <summary>A <c>PlannedMilestone.StableId</c> ("2023-06-30/D-3"), a local date ("2023-07-03") for digests, or "manual/&lt;n&gt;" for the n-th manual reminder of a unit and person ("manual/&lt;guid&gt;" in earlier versions).</summary>
    public string Milestone { get; set; } = "";

    /// <summary>campaign|unit|milestone|recipient: a second planner run, or a second instance, cannot write the same reminder twice.</summary>
    public string UniqueKey { get; set; } = "";
    public ReminderState State { get; set; }
    public DateTime DueAtUtc { get; set; }
    public int Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAtUtc { get; set; }

    /// <summary>Set, under the lease, just before the message goes to the Connector; a row left with it set and no outcome was being sent when its owner stopped.</summary>
    public DateTime? SendStartedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public static string KeyOf(Guid campaignId, Guid unitId, string milestone, Guid? personId) =>
        $"{campaignId:N}|{unitId:N}|{milestone}|{personId?.ToString("N") ?? "-"}";
}
