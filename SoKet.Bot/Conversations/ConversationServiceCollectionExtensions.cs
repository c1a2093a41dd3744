namespace SoKet.Bot.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Conversation references, proactive messages, and the outbound router (the Connector, or a channel of SoKet's own).</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddScoped<IOutboundSender, OutboundRouter>();
        services.AddScoped<ConversationReferenceStore>();
        services.AddScoped<ProactiveMessenger>();
        return services;
    }
}
