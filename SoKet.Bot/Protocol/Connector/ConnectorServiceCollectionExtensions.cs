using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Protocol.Connector;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConnectorClient"/> (typed HttpClient with the retries of <see cref="ConnectorResilience"/>) and the
    /// token provider: MSAL client credentials when MicrosoftAppId is configured, none in local mode.
    /// <paramref name="configuration"/> is the configuration root: credentials are read from its top level
    /// (MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId), options from its "Connector" section.
    /// Both are validated when the host starts. The client is safe to inject into singletons: connections are
    /// recycled by the handler itself rather than by rotating handlers.
    /// </summary>
    public static IServiceCollection AddConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ConnectorOptions>().Bind(configuration.GetSection(ConnectorOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());
        // Inbound authentication binds the same options; binding twice would append list entries (AllowedTenantIds) again.
        if (!services.Any(d => d.ServiceType == typeof(IConfigureOptions<BotCredentialsOptions>)))
        {
            services.AddOptions<BotCredentialsOptions>().Bind(configuration);
        }

        services.AddOptions<BotCredentialsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotCredentialsOptions>, ConnectorCredentialsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectorTokenProvider>(sp =>
            sp.GetRequiredService<IOptions<BotCredentialsOptions>>().Value.IsLocalMode
                ? NullConnectorTokenProvider.Instance
                : ActivatorUtilities.CreateInstance<MsalConnectorTokenProvider>(sp));

        services.AddHttpClient(MsalConnectorTokenProvider.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));

        services.AddHttpClient<IConnectorClient, ConnectorClient>((sp, http) =>
            {
                http.Timeout = sp.GetRequiredService<IOptions<ConnectorOptions>>().Value.Timeout;
                // Connector responses are a few hundred bytes; a huge body is an error page, not data.
                http.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // serviceUrls resolve through Azure Traffic Manager: re-resolve DNS regularly.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddConnectorResilience()
            // Innermost, after the retry handlers: every attempt is counted, a retried 429 too.
            .AddHttpMessageHandler(() => new Telemetry.ConnectorAttemptHandler());

        return services;
    }
}
