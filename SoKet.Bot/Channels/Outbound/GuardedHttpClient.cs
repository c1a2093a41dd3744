using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Channels.Outbound;

public enum OutboundOutcome
{
    Ok,

    /// <summary>The URL was refused before anything left the process (scheme, host, port, address).</summary>
    Refused,

    /// <summary>The server answered with an error status.</summary>
    Failed,

    /// <summary>The response was larger than allowed; reading stopped at the limit.</summary>
    TooLarge,

    /// <summary>No answer in time, or the connection failed.</summary>
    Unreachable,
}

public sealed record OutboundResponse(OutboundOutcome Outcome, int? Status = null, byte[]? Content = null, string? ContentType = null, long? Size = null);

/// <summary>Thrown inside the connection callback when a host resolves to an address that must not be reached.</summary>
public sealed class OutboundAddressRefusedException(string message) : Exception(message);

/// <summary>
/// The one HTTP client for requests SoKet makes on a user's behalf to URLs an activity named. Before anything is
/// sent the URL must be https, on the default port, without credentials, on an allowed host; the connection itself
/// is opened only to an address checked after DNS resolution (the check and the connect use the same address, so a
/// DNS answer cannot change between them); redirects are followed by hand and checked the same way; proxies,
/// cookies and decompression are off; time and size are bounded.
/// </summary>
public sealed partial class GuardedHttpClient(IHttpClientFactory httpClients, IOptions<OutboundHttpOptions> options, ILogger<GuardedHttpClient> logger)
{
    public const string HttpClientName = "SoKet.Outbound";

    /// <summary>Why <paramref name="url"/> may not be requested, or null when it may (address checks come later, at connect).</summary>
    public string? Refusal(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > 8192 || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            return "not an absolute URL";
        var value = options.Value;
        var testLoopback = value.AllowLoopbackForTests && IsLoopbackLiteral(parsed);
        if (parsed.Scheme != Uri.UriSchemeHttps && !(testLoopback && parsed.Scheme == Uri.UriSchemeHttp))
            return $"scheme '{parsed.Scheme}' is not https";
        if (parsed.UserInfo.Length > 0)
            return "credentials in the URL";
        if (!parsed.IsDefaultPort && !testLoopback)
            return $"port {parsed.Port} is not the default https port";
        if (!IsAllowedHost(parsed.IdnHost, value.AllowedHosts) && !testLoopback)
            return $"host '{parsed.IdnHost}' is not in {OutboundHttpOptions.Section}:AllowedHosts";
        uri = parsed;
        return null;
    }

    /// <summary>GET with at most <paramref name="maxBytes"/> of body (and never more than OutboundHttp:MaxResponseBytes).</summary>
    public async Task<OutboundResponse> GetAsync(string? url, long maxBytes, CancellationToken cancellationToken)
    {
        var limit = Math.Min(maxBytes, options.Value.MaxResponseBytes);
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (Refusal(current, out var uri) is { } reason)
            {
                LogRefused(reason);
                return new OutboundResponse(OutboundOutcome.Refused);
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            var (response, outcome) = await SendAsync(request, cancellationToken);
            if (response is null)
                return new OutboundResponse(outcome);
            using (response)
            {
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (hop >= options.Value.MaxRedirects)
                        return new OutboundResponse(OutboundOutcome.Failed, (int)response.StatusCode);
                    current = new Uri(uri!, location).AbsoluteUri;
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    LogFailed((int)response.StatusCode, uri!.IdnHost);
                    return new OutboundResponse(OutboundOutcome.Failed, (int)response.StatusCode);
                }
                var type = response.Content.Headers.ContentType?.MediaType;
                if (response.Content.Headers.ContentLength > limit)
                    return new OutboundResponse(OutboundOutcome.TooLarge, (int)response.StatusCode, null, type, response.Content.Headers.ContentLength);
                return await ReadBoundedAsync(response, limit, type, cancellationToken);
            }
        }
    }

    /// <summary>PUT <paramref name="content"/> (no redirects: an upload goes exactly where it was told, or nowhere).</summary>
    public async Task<OutboundResponse> PutAsync(string? url, byte[] content, Action<HttpContentHeaders>? headers, CancellationToken cancellationToken)
    {
        if (Refusal(url, out var uri) is { } reason)
        {
            LogRefused(reason);
            return new OutboundResponse(OutboundOutcome.Refused);
        }
        if (content.LongLength > options.Value.MaxRequestBytes)
        {
            LogRefused($"request body of {content.LongLength} bytes is over {OutboundHttpOptions.Section}:MaxRequestBytes");
            return new OutboundResponse(OutboundOutcome.Refused);
        }
        using var body = new ByteArrayContent(content);
        headers?.Invoke(body.Headers);
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = body };
        var (response, outcome) = await SendAsync(request, cancellationToken);
        if (response is null)
            return new OutboundResponse(outcome);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                LogFailed((int)response.StatusCode, uri!.IdnHost);
                return new OutboundResponse(OutboundOutcome.Failed, (int)response.StatusCode);
            }
            return new OutboundResponse(OutboundOutcome.Ok, (int)response.StatusCode);
        }
    }

    private async Task<(HttpResponseMessage? Response, OutboundOutcome Outcome)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            var http = httpClients.CreateClient(HttpClientName);
            return (await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token), OutboundOutcome.Ok);
        }
        catch (HttpRequestException ex) when (Refused(ex) is { } refused)
        {
            LogRefused(refused.Message);
            return (null, OutboundOutcome.Refused);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(ex);
            return (null, OutboundOutcome.Unreachable);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(request.RequestUri?.IdnHost);
            return (null, OutboundOutcome.Unreachable);
        }
    }

    private async Task<OutboundResponse> ReadBoundedAsync(HttpResponseMessage response, long limit, string? type, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                total += read;
                if (total > limit)
                    return new OutboundResponse(OutboundOutcome.TooLarge, (int)response.StatusCode, null, type, total);
                buffer.Write(chunk, 0, read);
            }
            return new OutboundResponse(OutboundOutcome.Ok, (int)response.StatusCode, buffer.ToArray(), type, total);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(ex);
            return new OutboundResponse(OutboundOutcome.Unreachable);
        }
    }

    /// <summary>The connection callback of the client's handler: resolve, check every address, connect to a checked one.</summary>
    internal static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, OutboundHttpOptions options, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        // One address that must not be reached refuses the host, whatever else it resolves to.
        if (addresses.Length == 0 || addresses.Any(a => !AddressPolicy.IsAllowed(a, options.AllowLoopbackForTests)))
            throw new OutboundAddressRefusedException($"host '{host}' resolves to an address that is not public ({string.Join(", ", addresses.Take(4))})");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static bool IsAllowedHost(string host, IEnumerable<string> allowed)
    {
        foreach (var pattern in allowed)
        {
            if (pattern == "*")
                return true;
            if (pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
                : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsLoopbackLiteral(Uri uri) =>
        IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static OutboundAddressRefusedException? Refused(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is OutboundAddressRefusedException refused)
                return refused;
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an outbound request on a user's behalf: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound request to {Host} answered HTTP {Status}")]
    private partial void LogFailed(int status, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound request failed")]
    private partial void LogUnreachable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound request to {Host} timed out")]
    private partial void LogTimedOut(string? host);
}

public static class OutboundServiceCollectionExtensions
{
    public static IServiceCollection AddGuardedHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundHttpOptions>().Bind(configuration.GetSection(OutboundHttpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboundHttpOptions>, OutboundHttpOptionsValidator>();
        services.AddHttpClient(GuardedHttpClient.HttpClientName, http =>
            {
                // The guard's own timeout bounds each call, body included.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SoKet", "1.0"));
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<OutboundHttpOptions>>().Value;
                return new SocketsHttpHandler
                {
                    ConnectCallback = (context, ct) => GuardedHttpClient.ConnectAsync(context, options, ct),
                    ConnectTimeout = options.ConnectTimeout,
                    // A proxy would be connected to instead of the checked address; redirects are followed by hand.
                    UseProxy = false,
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.None,
                    MaxResponseHeadersLength = 64,
                    // A response cut at its limit is not read on to keep the connection: the connection is closed.
                    MaxResponseDrainSize = 0,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                };
            });
        services.AddSingleton<GuardedHttpClient>();
        return services;
    }
}
