using Microsoft.Extensions.DependencyInjection.Extensions;
using SoKet.Bot.Channels;
using SoKet.Bot.Channels.BotConnector;
using SoKet.Bot.Conversations;

namespace SoKet.Bot.Turns;

public static class TurnServiceCollectionExtensions
{
    /// <summary>The turn pipeline shared by every channel, and proactive messaging.</summary>
    public static IServiceCollection AddTurns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelOptions>()
            .Bind(configuration.GetSection(ChannelOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InboundPolicy>();
        services.AddScoped<IOutboundSender, OutboundRouter>();
        services.AddScoped<TurnProcessor>();
        services.AddScoped<ConversationReferenceStore>();
        services.AddScoped<ProactiveMessenger>();
        services.AddHostedService<ProcessedActivityCleanup>();
        return services;
    }
}
