using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Campaigns;

/// <summary>The campaign tables, reached from the store as db.Campaigns, db.Units… (the store itself knows no feature).</summary>
public static class CampaignStore
{
    extension(SoKetDbContext db)
    {
        public DbSet<Campaign> Campaigns => db.Set<Campaign>();
        public DbSet<CampaignGroup> CampaignGroups => db.Set<CampaignGroup>();
        public DbSet<CampaignDeadline> CampaignDeadlines => db.Set<CampaignDeadline>();
        public DbSet<CampaignSection> CampaignSections => db.Set<CampaignSection>();
        public DbSet<Unit> Units => db.Set<Unit>();
        public DbSet<UnitMember> UnitMembers => db.Set<UnitMember>();
        public DbSet<PendingPlanImport> PendingPlanImports => db.Set<PendingPlanImport>();
    }
}
