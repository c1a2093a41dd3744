using SoKet.Bot.Drafting.Synthesis;
using SoKet.Bot.Export.Chat;
using SoKet.Bot.Export.Synthesis;
using SoKet.Bot.Help;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Export;

public static class ExportServiceCollectionExtensions
{
    /// <summary>
    /// Party-format documents: a unit's report (its members and leader) and the consolidated report (the office), with
    /// synthesis paragraphs written in the background on request.
    /// </summary>
    public static IServiceCollection AddExport(this IServiceCollection services)
    {
        services.AddScoped<ReportDocuments>();
        services.AddSynthesis();
        services.AddSingleton<SynthesisQueue>();
        services.AddHostedService<SynthesisWorker>();
        services.AddRoutes("Export", routes =>
        {
            // Phrases, not matchers of their own, so the table sees that the two overlap: "xuất báo cáo tổng hợp" starts
            // with "xuất báo cáo". The consolidated report's wordings are the longer, more specific ones and win by rank.
            routes.Add<ExportReportCommand>(ExportReportCommand.Route, c => c.ExecuteAsync)
                .Says(ExportReportCommand.Phrases).For(Roles.Member | Roles.Leader).In(Scopes.Personal);
            routes.Add<CompileReportsCommand>(HelpCard.CompileReports, c => c.ExecuteAsync)
                .Says(CompileReportsCommand.Phrases).SaysExactly("tổng hợp").Rank(RouteRank.Command - 10)
                .For(Roles.Admin).In(Scopes.Personal);
            routes.Add<SynthesisChat>(SynthesisChat.Route, c => c.RequestAsync).For(Roles.Admin).In(Scopes.Personal);
        });
        return services;
    }
}
