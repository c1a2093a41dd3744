using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using SoKet.Bot.People;

namespace SoKet.Bot.Campaigns;

// Enums are stored as their names: readable in the database and stable when members are added.
internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.ToTable("Campaigns");
        e.HasIndex(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(64);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.OutlineOrigin).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.HasMany(x => x.Groups).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Deadlines).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignGroupConfiguration : IEntityTypeConfiguration<CampaignGroup>
{
    public void Configure(EntityTypeBuilder<CampaignGroup> e)
    {
        e.ToTable("CampaignGroups");
        e.HasIndex(x => new { x.CampaignId, x.Order });
    }
}

internal sealed class CampaignDeadlineConfiguration : IEntityTypeConfiguration<CampaignDeadline>
{
    public void Configure(EntityTypeBuilder<CampaignDeadline> e)
    {
        e.ToTable("CampaignDeadlines");
        e.HasIndex(x => new { x.CampaignId, x.GroupId });
        e.Property(x => x.Due).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Timing).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.DatePrecision).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Qualifier).HasConversion<string>().HasMaxLength(30);
    }
}

internal sealed class CampaignSectionConfiguration : IEntityTypeConfiguration<CampaignSection>
{
    public void Configure(EntityTypeBuilder<CampaignSection> e)
    {
        e.ToTable("CampaignSections");
        e.HasIndex(x => new { x.CampaignId, x.Order });
        e.HasIndex(x => new { x.CampaignId, x.Path }).IsUnique();
        e.Property(x => x.Path).HasMaxLength(64);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Condition).HasConversion<string>().HasMaxLength(40);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> e)
    {
        e.ToTable("Units");
        e.HasIndex(x => new { x.CampaignId, x.Name }).IsUnique();
        e.HasIndex(x => x.LeaderPersonId);
        e.Property(x => x.Name).HasMaxLength(300);
        e.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<CampaignGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.LeaderPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class UnitMemberConfiguration : IEntityTypeConfiguration<UnitMember>
{
    public void Configure(EntityTypeBuilder<UnitMember> e)
    {
        e.ToTable("UnitMembers");
        e.HasKey(x => new { x.UnitId, x.PersonId });
        e.HasIndex(x => x.PersonId);
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}


internal sealed class PendingPlanImportConfiguration : IEntityTypeConfiguration<PendingPlanImport>
{
    public void Configure(EntityTypeBuilder<PendingPlanImport> e)
    {
        e.ToTable("PendingPlanImports");
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.CreatedAtUtc);
    }
}
