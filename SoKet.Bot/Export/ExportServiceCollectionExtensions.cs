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
            routes.Add<ExportReportCommand>("xuat-bao-cao", c => c.ExecuteAsync)
                .When(ExportReportCommand.Matches).For(Roles.Member | Roles.Leader).In(Scopes.Personal);
            routes.Add<CompileReportsCommand>(HelpCard.CompileReports, c => c.ExecuteAsync)
                .When(CompileReportsCommand.Matches).For(Roles.Admin).In(Scopes.Personal);
            routes.Add<SynthesisChat>(SynthesisChat.Route, c => c.RequestAsync).For(Roles.Admin).In(Scopes.Personal);
        });
        return services;
    }
}
