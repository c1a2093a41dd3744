using Microsoft.Extensions.Options;

namespace SoKet.Bot.Protocol.Auth;

/// <summary>
/// Checks the bot's Azure registration settings on start, so that a typo fails the deployment
/// with a message an admin can act on instead of every Teams message failing with 401.
/// </summary>
internal sealed class BotCredentialsOptionsValidator : IValidateOptions<BotCredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, BotCredentialsOptions options)
    {
        var failures = new List<string>();

        if (options.IsLocalMode)
        {
            // A password without an app id is almost always a misspelt or missing MicrosoftAppId;
            // silently falling back to local mode would hide it.
            if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            {
                failures.Add("MicrosoftAppId is required when MicrosoftAppPassword is set; without an app id the bot runs in local mode and ignores the password.");
            }
        }
        else
        {
            if (!Guid.TryParse(options.MicrosoftAppId, out _))
            {
                failures.Add($"MicrosoftAppId must be a GUID (the Application (client) ID of the bot's app registration); got '{options.MicrosoftAppId}'.");
            }

            if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            {
                failures.Add("MicrosoftAppPassword is required when MicrosoftAppId is set (a client secret of the bot's app registration).");
            }

            // New Azure Bot registrations are single-tenant: the bot must ask its own tenant for tokens.
            if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            {
                failures.Add("MicrosoftAppTenantId must be set for a single-tenant bot (the Directory (tenant) ID of the bot's app registration).");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId) && !Guid.TryParse(options.MicrosoftAppTenantId, out _))
        {
            failures.Add($"MicrosoftAppTenantId must be a GUID (the Directory (tenant) ID, not a domain name); got '{options.MicrosoftAppTenantId}'.");
        }

        for (var i = 0; i < options.AllowedTenantIds.Length; i++)
        {
            if (!Guid.TryParse(options.AllowedTenantIds[i], out _))
            {
                failures.Add($"AllowedTenantIds:{i} must be a tenant GUID; got '{options.AllowedTenantIds[i]}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks section "BotAuthentication" after the default authorities are filled in.</summary>
internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    private const string Prefix = BotAuthenticationOptions.Section;

    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var failures = new List<string>();

        if (options.Authorities.Count == 0)
        {
            failures.Add($"{Prefix}:Authorities must list at least one token authority.");
        }

        var issuerOwners = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Authorities.Count; i++)
        {
            var authority = options.Authorities[i];
            var at = $"{Prefix}:Authorities:{i}";

            if (!Uri.TryCreate(authority.MetadataUrl, UriKind.Absolute, out var metadataUrl) || !EndpointRules.IsAcceptable(metadataUrl))
            {
                failures.Add($"{at}:MetadataUrl must be an absolute https URL (http is allowed only for localhost); got '{authority.MetadataUrl}'.");
            }

            if (authority.Issuers.Length == 0)
            {
                failures.Add($"{at}:Issuers must list at least one token issuer (the exact \"iss\" value of its tokens).");
            }

            foreach (var issuer in authority.Issuers)
            {
                if (string.IsNullOrWhiteSpace(issuer))
                {
                    failures.Add($"{at}:Issuers must not contain an empty issuer.");
                }
                // A token is checked against the first authority naming its issuer; a second one
                // would silently never be used, with its own keys and rules.
                else if (!issuerOwners.TryAdd(issuer, i))
                {
                    failures.Add($"{at}:Issuers repeats '{issuer}', already listed under {Prefix}:Authorities:{issuerOwners[issuer]}.");
                }
            }
        }

        if (options.MinimumRefreshInterval <= TimeSpan.Zero || options.MinimumRefreshInterval > options.KeyRefreshInterval)
        {
            failures.Add($"{Prefix}:MinimumRefreshInterval must be more than zero and at most {Prefix}:KeyRefreshInterval ({options.KeyRefreshInterval}); got {options.MinimumRefreshInterval}.");
        }

        if (options.AllowedChannelIds.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Prefix}:AllowedChannelIds must not contain an empty channel id.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
