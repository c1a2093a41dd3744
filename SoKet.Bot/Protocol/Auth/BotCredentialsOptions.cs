using System.ComponentModel.DataAnnotations;

namespace SoKet.Bot.Protocol.Auth;

/// <summary>
/// The bot's Azure registration, read from the configuration root with the names the Bot Framework
/// documentation uses (MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId) so that an
/// admin can copy them from the Azure portal into environment variables unchanged.
/// No app id = local mode: unauthenticated requests from loopback callers only.
/// </summary>
public sealed class BotCredentialsOptions
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Teams tenants whose users may talk to the bot. Empty = the bot's own tenant only.</summary>
    public string[] AllowedTenantIds { get; set; } = [];

    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public IReadOnlyCollection<string> EffectiveAllowedTenantIds =>
        AllowedTenantIds.Length > 0 ? AllowedTenantIds
        : string.IsNullOrWhiteSpace(MicrosoftAppTenantId) ? [] : [MicrosoftAppTenantId];
}

/// <summary>How inbound tokens are validated. Section "BotAuthentication".</summary>
public sealed class BotAuthenticationOptions
{
    public const string Section = "BotAuthentication";

    /// <summary>
    /// Token issuers and where their signing keys are published. Defaults (filled in on start when
    /// empty): the Bot Framework (endorsements required) and, when MicrosoftAppTenantId is set,
    /// Entra ID v1/v2 issuers of that tenant, to which Microsoft is moving channels.
    /// </summary>
    public List<TokenAuthority> Authorities { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Signing keys are re-read at least this often (the spec asks for at least daily).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An unknown key id triggers a refresh, but not more often than this (a flood of bad tokens must not hammer the metadata endpoint).</summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Channels the bot talks on; activities from other channels are refused.</summary>
    public string[] AllowedChannelIds { get; set; } = [ChannelIds.Teams, ChannelIds.WebChat, ChannelIds.Emulator, "directline"];
}

public sealed class TokenAuthority
{
    [Required, Url]
    public string MetadataUrl { get; set; } = "";

    [MinLength(1)]
    public string[] Issuers { get; set; } = [];

    /// <summary>Bot Framework keys carry an "endorsements" list of channel ids; the key must endorse the activity's channel.</summary>
    public bool RequireEndorsement { get; set; }

    /// <summary>The "serviceurl" claim must equal activity.serviceUrl (Bot Framework channel tokens carry it).</summary>
    public bool RequireServiceUrlClaim { get; set; } = true;
}
