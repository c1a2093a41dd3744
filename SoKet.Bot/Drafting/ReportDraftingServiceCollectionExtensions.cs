using SoKet.Bot.Assistant;
using SoKet.Bot.Dialogs;

namespace SoKet.Bot.Drafting;

public static class ReportDraftingServiceCollectionExtensions
{
    /// <summary>Drafting a unit's report: the service, the cards, the flow and the commands that open it.</summary>
    public static IServiceCollection AddReportDrafting(this IServiceCollection services)
    {
        services.AddScoped<ReportService>();
        services.AddScoped<DraftingCards>();
        services.AddScoped<DraftViewer>();
        services.AddScoped<ReviewWorkflow>();
        services.AddDialog<DraftingDialog>();
        services.AddScoped<IBotCommand, StartDraftingCommand>();
        services.AddScoped<IBotCommand, ViewWholeDraftCommand>();
        services.AddScoped<IBotCommand, SubmitReportCommand>();
        services.AddScoped<IBotCommand, SendForReviewCommand>();
        services.AddScoped<IBotCommand, ReviewDecisionCommand>();
        services.AddSingleton<Suggestions.SuggestionQueue>();
        services.AddScoped<Suggestions.SuggestionRequests>();
        services.AddHostedService<Suggestions.SuggestionWorker>();
        services.AddScoped<IBotCommand, Suggestions.SuggestionCommand>();
        return services;
    }
}
