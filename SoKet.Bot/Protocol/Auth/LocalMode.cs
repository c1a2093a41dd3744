using Microsoft.Extensions.Options;

namespace SoKet.Bot.Protocol.Auth;

/// <summary>Whether the web chat asks people to sign in; set by the sign-in feature from its own settings.</summary>
public sealed class SignInRequirement
{
    public bool Required { get; set; }
}

/// <summary>
/// Local mode: no Azure registration (no MicrosoftAppId) and no sign-in. It is for one person trying SoKet on
/// their own machine, like the Bot Framework Emulator: nothing is authenticated, so it is only safe when nothing
/// but that machine can reach the bot. The rules that keep it so (loopback listen addresses only, no request that
/// came through a proxy) live with the host; everything that trusts an unauthenticated caller asks this.
/// </summary>
public sealed class LocalMode(IOptions<BotCredentialsOptions> credentials, IOptions<SignInRequirement> signIn)
{
    /// <summary>The web chat user id of the single local operator: every browser on the machine is that one person.</summary>
    public const string WebChatOperatorId = "local-operator";

    public bool IsActive => credentials.Value.IsLocalMode && !signIn.Value.Required;

    /// <summary>The Bot Framework endpoint takes only signed requests for this app id; none when no app id is configured.</summary>
    public bool HasAppId => !credentials.Value.IsLocalMode;

    /// <summary>
    /// Request headers a reverse proxy, a tunnel or a load balancer adds (RFC 7239 Forwarded, the de-facto
    /// X-Forwarded-*, nginx's X-Real-IP, the HTTP Via of RFC 9110). A browser never sends them: in local mode their
    /// presence means the caller reached the loopback address through something that relays the network.
    /// </summary>
    public static string? ProxyHeader(IHeaderDictionary headers)
    {
        foreach (var name in headers.Keys)
        {
            if (name.Equals("Forwarded", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("X-Original-", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Real-IP", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Via", StringComparison.OrdinalIgnoreCase))
                return name;
        }
        return null;
    }
}
