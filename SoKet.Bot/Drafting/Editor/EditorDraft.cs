using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoKet.Bot.Data;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>
/// What one person has typed in the section editor and not yet put into the report, kept on the server every few
/// seconds so a dropped connection or a closed tab loses nothing. Never part of the report: «Lưu vào báo cáo» saves
/// through <see cref="ReportService.SaveSection"/> with its version check, and clears <see cref="Text"/>.
/// </summary>
public sealed class EditorDraft
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public Guid SectionId { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>The unsaved text; null when nothing is pending (saved into the report, or never typed).</summary>
    public string? Text { get; set; }

    /// <summary>The version of the section the text was started from: a save against an older one is a conflict.</summary>
    public int BasedOnVersion { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>
    /// Teams only, where the dialog has no SoKet session: the press whose link first opened a page, and a hash of the
    /// key that page was given. The same link opened anywhere else later gets nothing.
    /// </summary>
    public string? ClaimedLinkId { get; set; }
    public string? PageKeyHash { get; set; }

    /// <summary>Concurrency token: two tabs autosaving at once cannot interleave half-writes.</summary>
    public int Revision { get; set; }
}

internal sealed class EditorDraftConfiguration : IEntityTypeConfiguration<EditorDraft>
{
    public void Configure(EntityTypeBuilder<EditorDraft> e)
    {
        e.ToTable("EditorDrafts");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.ReportId, x.SectionId, x.PersonId }).IsUnique();
        e.HasIndex(x => x.UpdatedAtUtc);
        e.Property(x => x.ClaimedLinkId).HasMaxLength(32);
        e.Property(x => x.PageKeyHash).HasMaxLength(64);
        e.Property(x => x.Revision).IsConcurrencyToken();
        e.HasOne<Report>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class EditorStore
{
    extension(SoKetDbContext db)
    {
        public DbSet<EditorDraft> EditorDrafts => db.Set<EditorDraft>();
    }
}
