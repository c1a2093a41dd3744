using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The report domain: the service every feature changes reports through, review and submission, and the leader's decision.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportService>();
        services.AddScoped<OwnedIds>();
        services.AddScoped<ReviewWorkflow>();
        services.AddScoped<SubmissionStatusQuery>();
        services.AddRoutes("Reports", routes =>
            routes.Add<ReviewWorkflow>(ReviewCard.DecisionRoute, r => r.DecideAsync)
                .For(Roles.Leader | Roles.Admin, _ => "Đồng chí không phải là đồng chí phụ trách đơn vị này nên không thể cho ý kiến dự thảo."));
        return services;
    }
}
