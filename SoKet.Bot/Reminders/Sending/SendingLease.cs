using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoKet.Bot.Reminders.Sending;

/// <summary>
/// The right to send one tenant's proactive messages, held by one bot instance at a time: a row of the shared
/// store, taken and renewed atomically by <see cref="TenantSendingLeases"/>. Teams limits proactive messages per app
/// and tenant, so with N instances the holder alone sends at the whole limit and nobody divides it by hand.
/// </summary>
public sealed class SendingLease
{
    /// <summary>The Teams tenant id, or "" for recipients without one (web chat, emulator).</summary>
    public string TenantKey { get; set; } = "";

    /// <summary>The holding sender (<see cref="ReminderSender.Owner"/>).</summary>
    public string? Owner { get; set; }

    /// <summary>Until when the owner may send; after it any instance may take the lease.</summary>
    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>When the current owner took it (renewals keep it).</summary>
    public DateTime AcquiredAtUtc { get; set; }
}

internal sealed class SendingLeaseConfiguration : IEntityTypeConfiguration<SendingLease>
{
    public const string Table = "SendingLeases";

    public void Configure(EntityTypeBuilder<SendingLease> e)
    {
        // Taken and renewed in SQL against these names: keep them stable.
        e.ToTable(Table);
        e.HasKey(x => x.TenantKey);
        e.Property(x => x.TenantKey).HasMaxLength(64);
        e.Property(x => x.Owner).HasMaxLength(100);
    }
}
