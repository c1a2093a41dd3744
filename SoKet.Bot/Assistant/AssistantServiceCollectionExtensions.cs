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
        return services;
    }
}
