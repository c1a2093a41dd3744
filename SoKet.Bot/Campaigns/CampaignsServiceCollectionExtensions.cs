using SoKet.Bot.Campaigns.Chat;
using SoKet.Bot.Campaigns.Units;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Campaigns;

public static class CampaignsServiceCollectionExtensions
{
    /// <summary>Campaigns: who is who in the unit lists, and the admin's chat for plans and units.</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddScoped<ITurnUserResolver, CampaignUsers>();
        services.AddSingleton<CampaignOutlines>();
        services.AddScoped<CampaignIds>();
        services.AddRoutes("Campaigns", routes =>
        {
            routes.Add<PlanChat>(PlanChat.CreateRoute, c => c.AskForPlanAsync)
                .Mentions("tạo đợt sơ kết", "tạo đợt mới").Says("nhập kế hoạch", "tải kế hoạch")
                .For(Roles.Admin);
            routes.Add<PlanChat>("doc-ke-hoach", c => c.ReadPlanAsync)
                // Everything but CSV: the reader itself names unsupported formats (.pdf, .doc, images) to the user.
                .OnFile(name => !UnitCsvFileCommand.Accepts(name)).Rank(RouteRank.Command + 10)
                .For(Roles.Admin);
            routes.Add<PlanChat>(PlanConfirmCard.ConfirmCommand, c => c.ConfirmAsync).For(Roles.Admin);
            routes.Add<PlanChat>(PlanConfirmCard.DiscardCommand, c => c.DiscardAsync).For(Roles.Admin);

            routes.Add<UnitCsvFileCommand>("doc-danh-sach-don-vi", c => c.HandleAsync)
                .OnFile(UnitCsvFileCommand.Accepts).Rank(RouteRank.Command)
                .For(Roles.Admin);
            routes.Add<LoadUnitsIntoCampaignCommand>(UnitCsvFileCommand.LoadCommand, c => c.ExecuteAsync).For(Roles.Admin);
            routes.Add<ListUnitsCommand>(ListUnitsCommand.Route, c => c.ExecuteAsync)
                .Says("danh sách đơn vị", "các đơn vị").Rank(RouteRank.Command + 1)
                .For(Roles.Admin);

            routes.Add<OpenCampaignsCommand>(OpenCampaignsCommand.Route, c => c.ExecuteAsync).When(OpenCampaignsCommand.Matches);
        });
        return services;
    }
}
