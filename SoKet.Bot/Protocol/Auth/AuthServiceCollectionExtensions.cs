using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Protocol.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Bot Framework channels' OpenID metadata, public cloud (connector authentication page).</summary>
    public const string BotFrameworkMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of Bot Framework channel tokens, public cloud.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>
    /// Binds <see cref="BotCredentialsOptions"/> (configuration root) and <see cref="BotAuthenticationOptions"/>
    /// (section "BotAuthentication"), validates both when the host starts, fills in the default token
    /// authorities when none are configured, and registers <see cref="IInboundAuthenticator"/>.
    /// In local mode (no MicrosoftAppId) the authenticator is registered too; the endpoint does not call it.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotCredentialsOptions>()
            .Bind(configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotCredentialsOptions>, BotCredentialsOptionsValidator>());

        var section = configuration.GetSection(BotAuthenticationOptions.Section);
        services.AddOptions<BotAuthenticationOptions>()
            .Bind(section)
            .Configure(options =>
            {
                // The binder appends configured array items to the defaults; a configured list of
                // channels must replace the default list, not extend it.
                if (section.GetSection(nameof(BotAuthenticationOptions.AllowedChannelIds)).Get<string[]>() is { } channels)
                {
                    options.AllowedChannelIds = channels;
                }
            })
            .PostConfigure<IOptions<BotCredentialsOptions>>((options, credentials) =>
            {
                if (options.Authorities.Count == 0)
                {
                    options.Authorities.AddRange(DefaultAuthorities(credentials.Value.MicrosoftAppTenantId));
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());

        services.AddHttpClient(SigningKeyCache.HttpClientName, client =>
        {
            // Requests wait on a key refresh when a key id is unknown; Teams expects an answer within 15 s.
            client.Timeout = TimeSpan.FromSeconds(10);
            // Metadata and key sets are a few KB; a hostile or broken endpoint must not fill memory.
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });

        services.AddOptions<SignInRequirement>();
        services.TryAddSingleton<LocalMode>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeyCache>();
        services.TryAddSingleton<IInboundAuthenticator, JwtInboundAuthenticator>();
        return services;
    }

    /// <summary>
    /// The Bot Framework authority, and Entra ID v1 and v2 issuers of the bot's own tenant, to
    /// which Microsoft is moving channel tokens (their keys carry no endorsements).
    /// </summary>
    internal static IEnumerable<TokenAuthority> DefaultAuthorities(string? tenantId)
    {
        yield return new TokenAuthority
        {
            MetadataUrl = BotFrameworkMetadataUrl,
            Issuers = [BotFrameworkIssuer],
            RequireEndorsement = true,
            RequireServiceUrlClaim = true,
        };

        // Issuers in tokens carry the tenant as a lowercase GUID; an invalid tenant id is reported
        // by BotCredentialsOptionsValidator.
        if (Guid.TryParse(tenantId, out var tenant))
        {
            var t = tenant.ToString("D");
            yield return new TokenAuthority
            {
                MetadataUrl = $"https://login.microsoftonline.com/{t}/v2.0/.well-known/openid-configuration",
                Issuers = [$"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0"],
                RequireEndorsement = false,
                RequireServiceUrlClaim = true,
            };
        }
    }
}
