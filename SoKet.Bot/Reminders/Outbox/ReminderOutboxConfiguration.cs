using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoKet.Bot.Reminders.Outbox;

internal sealed class ReminderOutboxConfiguration : IEntityTypeConfiguration<ReminderOutboxItem>
{
    public const string Table = "ReminderOutbox";

    public void Configure(EntityTypeBuilder<ReminderOutboxItem> e)
    {
        // The claim and mark statements are written in SQL against these names: keep them stable.
        e.ToTable(Table);
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.UniqueKey).IsUnique();
        e.HasIndex(x => new { x.State, x.DueAtUtc });
        // The claim of one tenant's due items, and the list of tenants with due items.
        e.HasIndex(x => new { x.State, x.TenantKey, x.DueAtUtc });
        e.Property(x => x.TenantKey).HasMaxLength(64).HasDefaultValue("");
        e.HasIndex(x => new { x.CampaignId, x.UnitId });
        e.Property(x => x.UniqueKey).HasMaxLength(200);
        e.Property(x => x.Milestone).HasMaxLength(80);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.LeaseOwner).HasMaxLength(100);
        e.Property(x => x.LastError).HasMaxLength(500);
    }
}

internal sealed class CampaignReminderSettingsConfiguration : IEntityTypeConfiguration<Settings.CampaignReminderSettings>
{
    public void Configure(EntityTypeBuilder<Settings.CampaignReminderSettings> e)
    {
        e.HasKey(x => x.CampaignId);
        e.HasOne<Campaigns.Campaign>().WithOne().HasForeignKey<Settings.CampaignReminderSettings>(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
