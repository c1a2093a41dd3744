using Microsoft.Extensions.Options;

namespace SoKet.Bot.Channels.Outbound;

/// <summary>
/// Section "OutboundHttp": the one HTTP client SoKet uses to fetch or upload on a user's behalf (a file a user sent
/// in Teams, a document uploaded to a user's OneDrive after file consent). URLs in those requests come from
/// activities, so they are treated as hostile: https only, hosts from this list only, no private, loopback or
/// link-local address after DNS resolution, bounded in size and time.
/// </summary>
public sealed class OutboundHttpOptions
{
    public const string Section = "OutboundHttp";

    /// <summary>
    /// Hosts SoKet may reach: exact names or "*.suffix". Teams hands bots OneDrive for Business and SharePoint URLs
    /// for files users send (downloadUrl) and for file consent uploads (uploadUrl)
    /// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4); sovereign clouds use their own
    /// SharePoint domains (add e.g. "*.sharepoint.us").
    /// </summary>
    public string[] AllowedHosts { get; set; } = ["*.sharepoint.com"];

    /// <summary>Whole request, response body included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Connecting (DNS and TCP/TLS) must take no longer than this.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest response body read; callers may ask for less.</summary>
    public long MaxResponseBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Largest request body sent (an exported document).</summary>
    public long MaxRequestBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Redirects followed on a download, each one checked like the first URL.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>
    /// Tests only: also allow http:// and loopback addresses (127.0.0.0/8, ::1), so a test can stand a fake
    /// OneDrive on 127.0.0.1. Private and link-local addresses stay refused. Never set in production.
    /// </summary>
    public bool AllowLoopbackForTests { get; set; }
}

internal sealed class OutboundHttpOptionsValidator : IValidateOptions<OutboundHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboundHttpOptions options)
    {
        const string at = OutboundHttpOptions.Section;
        var errors = new List<string>();
        foreach (var host in options.AllowedHosts)
        {
            var bare = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
            if (host != "*" && (bare.Length == 0 || Uri.CheckHostName(bare) == UriHostNameType.Unknown || bare.Contains('*')))
                errors.Add($"{at}:AllowedHosts entry '{host}' must be a host name, '*.' followed by a domain, or '*'.");
        }
        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
            errors.Add($"{at}:Timeout must be between 00:00:01 and 00:10:00.");
        if (options.ConnectTimeout < TimeSpan.FromMilliseconds(100) || options.ConnectTimeout > options.Timeout)
            errors.Add($"{at}:ConnectTimeout must be at least 100 ms and not above {at}:Timeout.");
        if (options.MaxResponseBytes is < 1024 or > 1024L * 1024 * 1024)
            errors.Add($"{at}:MaxResponseBytes must be between 1 KB and 1 GB.");
        if (options.MaxRequestBytes is < 1024 or > 1024L * 1024 * 1024)
            errors.Add($"{at}:MaxRequestBytes must be between 1 KB and 1 GB.");
        if (options.MaxRedirects is < 0 or > 10)
            errors.Add($"{at}:MaxRedirects must be between 0 and 10.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
