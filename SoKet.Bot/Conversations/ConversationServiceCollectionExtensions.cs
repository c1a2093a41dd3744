namespace SoKet.Bot.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Conversation references, proactive messages, and the outbound router (the Connector, or a channel of SoKet's own).</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddScoped<IOutboundSender, OutboundRouter>();
        services.AddScoped<ConversationReferenceStore>();
        services.AddScoped<ProactiveMessenger>();
        services.AddOptions<ProgressOptions>().BindConfiguration(ProgressOptions.Section)
            .Validate(o => o.ShowAfter >= TimeSpan.Zero && o.UpdateEvery >= TimeSpan.Zero, "Progress:ShowAfter and Progress:UpdateEvery must not be negative.")
            .ValidateOnStart();
        services.AddScoped<ProgressMessages>();
        return services;
    }
}
