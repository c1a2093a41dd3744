using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Reports;

/// <summary>The report tables, reached from the store as db.Reports, db.SectionDrafts… (the store itself knows no feature).</summary>
public static class ReportStore
{
    extension(SoKetDbContext db)
    {
        public DbSet<Report> Reports => db.Set<Report>();
        public DbSet<SectionDraft> SectionDrafts => db.Set<SectionDraft>();
        public DbSet<SectionRevision> SectionRevisions => db.Set<SectionRevision>();
        public DbSet<IndicatorRow> IndicatorRows => db.Set<IndicatorRow>();
        public DbSet<ReviewComment> ReviewComments => db.Set<ReviewComment>();
    }
}
