using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Protocol.Connector;

/// <summary>Outbound Bot Connector calls. Section "Connector".</summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connector";

    /// <summary>
    /// Entra ID host that issues the bot's client-credentials token; the tenant id is appended as the path.
    /// Sovereign clouds use their own host (e.g. https://login.microsoftonline.us). Must be https: MSAL refuses anything else.
    /// </summary>
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Scope of the token the Connector accepts (public cloud); client credentials require the "/.default" form.</summary>
    public string Scope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Upper bound for one Connector call including all of its retries and waits.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    public ConnectorRetryOptions Retry { get; set; } = new();
}

/// <summary>
/// Retry policy for Connector calls. Teams asks bots to retry 412, 429 (after Retry-After), 502, 503 and 504 with
/// exponential back-off and to retry nothing else
/// (https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-retry-guidance).
/// </summary>
public sealed class ConnectorRetryOptions
{
    /// <summary>Total attempts, the first one included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Back-off before the first retry; doubled for each further retry, then fully jittered.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the back-off window.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest Retry-After waited for inside a call. A longer one ends the call with a ConnectorException carrying
    /// RetryAfter, so a request thread is not parked for minutes and an outbox can reschedule instead.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Limit for a single attempt, so a hung connection becomes a retry (for idempotent calls) rather than a stall.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

internal sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var errors = new List<string>();
        var retry = options.Retry;

        if (!Uri.TryCreate(options.AuthorityHost, UriKind.Absolute, out var authority) ||
            authority.Scheme != Uri.UriSchemeHttps || authority.AbsolutePath != "/" ||
            authority.Query.Length > 0 || authority.Fragment.Length > 0)
        {
            errors.Add($"{ConnectorOptions.Section}:AuthorityHost must be an https host without a path, e.g. https://login.microsoftonline.com.");
        }

        if (!options.Scope.EndsWith("/.default", StringComparison.Ordinal) || !Uri.IsWellFormedUriString(options.Scope, UriKind.Absolute))
        {
            errors.Add($"{ConnectorOptions.Section}:Scope must be an absolute '<resource>/.default' scope, e.g. https://api.botframework.com/.default.");
        }

        if (retry.MaxAttempts is < 1 or > 10)
        {
            errors.Add($"{ConnectorOptions.Section}:Retry:MaxAttempts must be between 1 and 10.");
        }

        if (retry.BaseDelay <= TimeSpan.Zero || retry.BaseDelay > retry.MaxDelay)
        {
            errors.Add($"{ConnectorOptions.Section}:Retry:BaseDelay must be positive and not above MaxDelay.");
        }

        if (retry.MaxDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{ConnectorOptions.Section}:Retry:MaxDelay must not exceed 10 minutes.");
        }

        if (retry.MaxRetryAfter < TimeSpan.Zero || retry.MaxRetryAfter > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{ConnectorOptions.Section}:Retry:MaxRetryAfter must be between 0 and 10 minutes.");
        }

        // Polly's timeout strategy accepts 10 ms to a day.
        if (retry.AttemptTimeout < TimeSpan.FromMilliseconds(10) || retry.AttemptTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{ConnectorOptions.Section}:Retry:AttemptTimeout must be between 10 ms and 1 day.");
        }

        if (options.Timeout < retry.AttemptTimeout)
        {
            errors.Add($"{ConnectorOptions.Section}:Timeout must not be shorter than Retry:AttemptTimeout.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// The credentials the Connector token needs. Only single-tenant registrations can be created today, and a
/// single-tenant app asking the shared "botframework.com" tenant fails with AADSTS700016; a single-tenant bot gets
/// its token from its own tenant (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector).
/// </summary>
internal sealed class ConnectorCredentialsValidator : IValidateOptions<BotCredentialsOptions>
{
    private static readonly string[] SharedTenants = ["botframework.com", "common", "organizations", "consumers"];

    public ValidateOptionsResult Validate(string? name, BotCredentialsOptions options)
    {
        if (options.IsLocalMode)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            errors.Add("MicrosoftAppPassword is required when MicrosoftAppId is set (the bot needs it to call the Bot Connector).");
        }

        if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            errors.Add("MicrosoftAppTenantId is required when MicrosoftAppId is set: SoKet is a single-tenant bot.");
        }
        else if (SharedTenants.Contains(options.MicrosoftAppTenantId.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"MicrosoftAppTenantId must be the bot's own tenant, not '{options.MicrosoftAppTenantId}' (single-tenant apps get AADSTS700016 there).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
