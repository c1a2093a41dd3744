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

        services.AddDialogs().AddCommandInterrupt("help");
        services.AddDrafting();
        return services;
    }
}
