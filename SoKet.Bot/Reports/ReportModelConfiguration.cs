using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Reports;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> e)
    {
        e.ToTable("Reports");
        e.HasIndex(x => new { x.CampaignId, x.UnitId }).IsUnique();
        e.HasIndex(x => new { x.CampaignId, x.Status });
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Indicators).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SectionDraftConfiguration : IEntityTypeConfiguration<SectionDraft>
{
    public void Configure(EntityTypeBuilder<SectionDraft> e)
    {
        e.ToTable("SectionDrafts");
        e.HasIndex(x => new { x.ReportId, x.SectionId }).IsUnique();
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class SectionRevisionConfiguration : IEntityTypeConfiguration<SectionRevision>
{
    public void Configure(EntityTypeBuilder<SectionRevision> e)
    {
        e.ToTable("SectionRevisions");
        e.HasIndex(x => new { x.DraftId, x.Version }).IsUnique();
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        e.HasOne<SectionDraft>().WithMany().HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorRowConfiguration : IEntityTypeConfiguration<IndicatorRow>
{
    public void Configure(EntityTypeBuilder<IndicatorRow> e)
    {
        e.ToTable("IndicatorRows");
        e.HasIndex(x => new { x.ReportId, x.Order });
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> e)
    {
        e.ToTable("ReviewComments");
        e.HasIndex(x => x.ReportId);
        e.HasOne<Report>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
