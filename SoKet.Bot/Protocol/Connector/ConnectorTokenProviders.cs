using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Protocol.Connector;

/// <summary>The bearer token for outbound Connector calls; <c>null</c> means "send no Authorization header".</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Local mode (no app id): the emulator and the built-in web chat accept unauthenticated calls, exactly as the
/// Bot Framework emulator works without credentials.
/// </summary>
public sealed class NullConnectorTokenProvider : IConnectorTokenProvider
{
    public static readonly NullConnectorTokenProvider Instance = new();

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// Client-credentials token from the bot's own Entra ID tenant
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector).
/// One MSAL application per process: its in-memory app token cache serves repeated calls and goes back to the
/// token endpoint only when the cached token is close to expiry (MSAL treats tokens with under five minutes left as expired).
/// </summary>
public sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    /// <summary>Named HttpClient MSAL talks to the token endpoint through (pooled by IHttpClientFactory).</summary>
    public const string HttpClientName = "SoKet.Connector.Token";

    private readonly IConfidentialClientApplication application;
    private readonly string[] scopes;
    private readonly ILogger<MsalConnectorTokenProvider> logger;

    public MsalConnectorTokenProvider(
        IOptions<BotCredentialsOptions> credentials,
        IOptions<ConnectorOptions> options,
        IHttpClientFactory httpClientFactory,
        ILogger<MsalConnectorTokenProvider> logger)
    {
        var bot = credentials.Value;
        if (bot.IsLocalMode || string.IsNullOrWhiteSpace(bot.MicrosoftAppPassword) || string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId))
        {
            throw new InvalidOperationException("MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId are all required for Connector tokens.");
        }

        this.logger = logger;
        scopes = [options.Value.Scope];
        var authority = $"{options.Value.AuthorityHost.TrimEnd('/')}/{Uri.EscapeDataString(bot.MicrosoftAppTenantId.Trim())}";
        application = ConfidentialClientApplicationBuilder
            .Create(bot.MicrosoftAppId)
            .WithClientSecret(bot.MicrosoftAppPassword)
            .WithAuthority(authority)
            .WithHttpClientFactory(new HttpClientFactoryAdapter(httpClientFactory))
            .Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await application.AcquireTokenForClient(scopes).ExecuteAsync(cancellationToken);
            if (result.AuthenticationResultMetadata.TokenSource != TokenSource.Cache)
            {
                logger.LogInformation("Acquired a Bot Connector token valid until {ExpiresOn:u}", result.ExpiresOn);
            }

            return result.AccessToken;
        }
        catch (MsalException ex)
        {
            // The AADSTS code in the message (e.g. 700016 wrong tenant, 7000215 bad secret) is what an admin needs.
            logger.LogError(ex, "Could not acquire a Bot Connector token: {ErrorCode}", ex.ErrorCode);
            throw;
        }
    }

    // MSAL otherwise creates its own HttpClient; going through the factory shares connection pooling and lets
    // tests trust a loopback token endpoint's certificate.
    private sealed class HttpClientFactoryAdapter(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}
