using Microsoft.Extensions.DependencyInjection.Extensions;
using SoKet.Bot.Conversations;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Channels.WebChat;

public static class WebChatServiceCollectionExtensions
{
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>()
            .Bind(configuration.GetSection(WebChatOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<WebChatTokens>();
        // The sign-in feature replaces this with who is signed in; alone, the channel serves only the local operator.
        services.TryAddSingleton<IWebChatIdentity, LocalOnlyWebChatIdentity>();
        services.AddScoped<WebChatStore>();
        services.AddScoped<WebChatFiles>();
        services.AddSingleton<IChannelOutbound, WebChatOutbound>();
        services.AddCors(cors => cors.AddPolicy(WebChatEndpoints.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent", "x-requested-with")
            .WithMethods("GET", "POST")));
        return services;
    }
}
