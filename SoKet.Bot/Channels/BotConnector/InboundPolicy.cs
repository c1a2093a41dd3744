using System.Net;
using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Channels.BotConnector;

/// <summary>The checks around token validation: local mode, channel filter and tenant allow-list.</summary>
public sealed class InboundPolicy(IOptions<BotCredentialsOptions> credentials, IOptions<BotAuthenticationOptions> authentication, LocalMode localMode)
{
    /// <summary>No app id and no sign-in: unauthenticated requests from this machine only.</summary>
    public bool IsLocalMode => localMode.IsActive;

    /// <summary>
    /// Sign-in configured but no app id (an intranet without Teams): no token could ever be validated, so the
    /// Bot Framework endpoint takes nothing at all rather than falling back to trusting loopback callers.
    /// </summary>
    public bool IsClosed => !localMode.IsActive && !localMode.HasAppId;

    /// <summary>Local mode (no app id, like the Bot Framework emulator) trusts only callers on this machine.</summary>
    public static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
            return false;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return IPAddress.IsLoopback(address);
    }

    public bool IsChannelAllowed(Activity activity) =>
        activity.ChannelId is { Length: > 0 } channelId &&
        authentication.Value.AllowedChannelIds.Contains(channelId, StringComparer.OrdinalIgnoreCase);

    /// <summary>Teams activities must come from an allowed tenant (the Company Communicator pattern).</summary>
    public bool IsTenantAllowed(Activity activity)
    {
        if (!string.Equals(activity.ChannelId, ChannelIds.Teams, StringComparison.OrdinalIgnoreCase))
            return true;
        var allowed = credentials.Value.EffectiveAllowedTenantIds;
        if (allowed.Count == 0)
            return IsLocalMode;
        return activity.TenantId is { } tenant && allowed.Contains(tenant, StringComparer.OrdinalIgnoreCase);
    }
}
