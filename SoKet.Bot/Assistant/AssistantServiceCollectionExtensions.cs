using SoKet.Bot.Dialogs;
using SoKet.Bot.Drafting;
using SoKet.Bot.Help;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Assistant;

public static class AssistantServiceCollectionExtensions
{
    /// <summary>The bot logic and the commands users can give; features add their commands here.</summary>
    public static IServiceCollection AddAssistant(this IServiceCollection services)
    {
        services.AddScoped<IBot, SoKetBot>();
        services.AddScoped<IBotCommand, ShowHelpCommand>();
        services.AddScoped<IBotCommand, Campaigns.Chat.CreateCampaignCommand>();
        services.AddScoped<IBotCommand, Campaigns.Chat.OpenCampaignsCommand>();
        services.AddScoped<IBotCommand, Campaigns.Chat.ConfirmPlanCommand>();
        services.AddScoped<IBotCommand, Campaigns.Chat.DiscardPlanCommand>();
        services.AddScoped<IFileCommand, Campaigns.Chat.PlanFileCommand>();
        services.AddScoped<IFileCommand, Campaigns.Chat.UnitCsvFileCommand>();
        services.AddScoped<IBotCommand, Campaigns.Chat.LoadUnitsIntoCampaignCommand>();
        services.AddScoped<IBotCommand, Campaigns.Chat.ListUnitsCommand>();
        services.AddScoped<IBotCommand, Tracking.Chat.DeadlineQuestionCommand>();
        services.AddScoped<Export.Chat.ReportDocuments>();
        services.AddScoped<IBotCommand, Export.Chat.ExportReportCommand>();
        services.AddScoped<IBotCommand, Export.Chat.CompileReportsCommand>();

        services.AddDialogs()
            .AddCommandInterrupt("help")
            .AddCommandInterrupt(Tracking.Chat.DeadlineQuestionCommand.CommandName);
        services.AddReportDrafting();
        return services;
    }
}
