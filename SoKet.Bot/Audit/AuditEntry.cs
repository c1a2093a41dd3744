using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoKet.Bot.Data;

namespace SoKet.Bot.Audit;

/// <summary>
/// Who changed or submitted what, when: written by campaigns (plans, unit lists), reports (saves, reviews,
/// submissions) and access changes alike, so it sits below all of them.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public Guid? CampaignId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid? ReportId { get; set; }
    public string? Details { get; set; }
}

/// <summary>Who changes something: kept on every revision and audit entry.</summary>
public sealed record Actor(Guid? PersonId, string Name);

/// <summary>The audit table, reached from the store as db.AuditEntries (the store itself knows no feature).</summary>
public static class AuditStore
{
    extension(SoKetDbContext db)
    {
        public DbSet<AuditEntry> AuditEntries => db.Set<AuditEntry>();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries");
        e.HasIndex(x => x.AtUtc);
        e.HasIndex(x => x.ReportId);
        e.Property(x => x.Action).HasMaxLength(64);
    }
}
