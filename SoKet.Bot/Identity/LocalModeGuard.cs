using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Identity;

/// <summary>
/// Keeps local mode (no app id, no sign-in: nothing is authenticated) on the machine it runs on. At start: every
/// address the bot listens on must be a loopback address. On every request: the caller must be on loopback and the
/// request must carry no header a reverse proxy or tunnel adds — nginx, a tunnel or a sidecar on the same host
/// connects from 127.0.0.1, and what it relays is the network.
/// </summary>
public static partial class LocalModeGuard
{
    public const string Refusal =
        "SoKet đang chạy ở chế độ cục bộ (chưa cấu hình Teams hay đăng nhập) nên chỉ dùng được ngay trên máy chạy SoKet, không qua proxy hay mạng. Đề nghị cấu hình đăng nhập (SignIn:Provider) trước khi đưa lên mạng.";

    public static IApplicationBuilder UseLocalModeGuard(this IApplicationBuilder app)
    {
        var localMode = app.ApplicationServices.GetRequiredService<LocalMode>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalModeGuard));
        return app.Use(async (http, next) =>
        {
            if (localMode.IsActive)
            {
                var remote = http.Connection.RemoteIpAddress;
                var proxy = LocalMode.ProxyHeader(http.Request.Headers);
                if (!IsLoopback(remote) || proxy is not null)
                {
                    LogRefused(logger, http.Request.Path, remote?.ToString(), proxy);
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http.Response.WriteAsJsonAsync(new JsonObject
                    {
                        ["error"] = new JsonObject { ["code"] = "LocalModeOnly", ["message"] = Refusal },
                    });
                    return;
                }
            }
            await next(http);
        });
    }

    internal static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
            return false;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return IPAddress.IsLoopback(address);
    }

    /// <summary>True for a URL whose host is localhost or a loopback IP; "*", "+", 0.0.0.0, [::] and names are not.</summary>
    internal static bool IsLoopbackUrl(string url)
    {
        // Kestrel accepts "http://*:80" and "http://+:80", which Uri cannot parse: they are wildcards anyway.
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd < 0 ? url : url[(schemeEnd + 3)..];
        var hostPort = rest.Split('/', 2)[0];
        string host;
        if (hostPort.StartsWith('['))
            host = hostPort[1..Math.Max(1, hostPort.IndexOf(']'))];
        else
            host = hostPort.Split(':')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local mode refused {Path} from {RemoteAddress} (proxy header {ProxyHeader})")]
    private static partial void LogRefused(ILogger logger, string path, string? remoteAddress, string? proxyHeader);
}

/// <summary>Refuses to start in local mode on a listen address other than loopback, before and after Kestrel binds.</summary>
internal sealed class LocalModeListenCheck(LocalMode localMode, IConfiguration configuration, IServer server) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!localMode.IsActive)
            return Task.CompletedTask;
        var configured = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        Refuse(configured);
        if (!string.IsNullOrEmpty(configuration["http_ports"]) || !string.IsNullOrEmpty(configuration["https_ports"]))
            throw Fail($"http_ports/https_ports ({configuration["http_ports"]}{configuration["https_ports"]}) listen on every address");
        // The forwarded-headers middleware would rewrite the caller's address from a header before anyone checks it.
        if (string.Equals(configuration["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_FORWARDEDHEADERS_ENABLED"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                "Local mode (no MicrosoftAppId, no SignIn:Provider) cannot run behind a proxy: unset ASPNETCORE_FORWARDEDHEADERS_ENABLED, or configure SignIn:Provider (OpenIdConnect or LocalAccounts).");
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (localMode.IsActive && server.Features.Get<IServerAddressesFeature>() is { } addresses)
            Refuse(addresses.Addresses);
        return Task.CompletedTask;
    }

    private static void Refuse(IEnumerable<string> urls)
    {
        if (urls.FirstOrDefault(u => !LocalModeGuard.IsLoopbackUrl(u)) is { } open)
            throw Fail(open);
    }

    private static InvalidOperationException Fail(string address) => new(
        $"Local mode (no MicrosoftAppId and no SignIn:Provider: nobody is authenticated) listens on loopback addresses only, but Urls includes '{address}'. " +
        "Use --urls http://localhost:3978 to try SoKet on this machine, or configure sign-in (SignIn:Provider = OpenIdConnect or LocalAccounts) or Teams (MicrosoftAppId) to serve a network.");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
