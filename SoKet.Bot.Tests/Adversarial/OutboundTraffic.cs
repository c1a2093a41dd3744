using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using System.Net.Sockets;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Everything this test process tried to reach over the network, seen through .NET's own networking events:
/// every HTTP request started (System.Net.Http RequestStart), every DNS lookup (System.Net.NameResolution) and
/// every socket connect (System.Net.Sockets ConnectStart, whatever made it). The bot runs in this process
/// (BotApp), so an attack whose URL never shows up here never left the process. Tests run in parallel, so each
/// test looks only for the host or address its own attack named.
/// </summary>
public sealed class OutboundTraffic : EventListener
{
    private static readonly Lazy<OutboundTraffic> Shared = new(() => new OutboundTraffic());

    private readonly ConcurrentQueue<Seen> _seen = new();

    public static OutboundTraffic Instance => Shared.Value;

    public sealed record Seen(string Kind, string Target, DateTimeOffset At);

    public IReadOnlyList<Seen> All => [.. _seen];

    /// <summary>HTTP requests started to <paramref name="host"/> (any port), DNS lookups of it, and socket connects to it when it is an IP address.</summary>
    public IReadOnlyList<Seen> Toward(string host)
    {
        var address = IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null;
        return _seen.Where(s => s.Kind switch
        {
            "http" => string.Equals(s.Target.Split('|')[0].Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase),
            "dns" => string.Equals(s.Target, host, StringComparison.OrdinalIgnoreCase),
            "connect" => address is not null && ConnectsTo(s.Target, address, null),
            _ => false,
        }).ToList();
    }

    /// <summary>Socket connects to <paramref name="address"/>:<paramref name="port"/>.</summary>
    public IReadOnlyList<Seen> ConnectsTo(IPAddress address, int port) =>
        _seen.Where(s => s.Kind == "connect" && ConnectsTo(s.Target, address, port)).ToList();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name is "System.Net.Http" or "System.Net.Sockets" or "System.Net.NameResolution")
            EnableEvents(eventSource, EventLevel.Informational, EventKeywords.All);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var payload = eventData.Payload;
        switch (eventData.EventSource.Name, eventData.EventName)
        {
            case ("System.Net.Http", "RequestStart") when payload is { Count: >= 3 }:
                _seen.Enqueue(new Seen("http", $"{payload[1]}|{payload[2]}", DateTimeOffset.UtcNow));
                break;
            case ("System.Net.NameResolution", "ResolutionStart") when payload is { Count: >= 1 }:
                _seen.Enqueue(new Seen("dns", payload[0]?.ToString() ?? "", DateTimeOffset.UtcNow));
                break;
            case ("System.Net.Sockets", "ConnectStart") when payload is { Count: >= 1 }:
                _seen.Enqueue(new Seen("connect", payload[0]?.ToString() ?? "", DateTimeOffset.UtcNow));
                break;
        }
    }

    /// <summary>
    /// ConnectStart carries SocketAddress.ToString(): "InterNetwork:16:{p1,p2,a,b,c,d,...}" (port big-endian, then the
    /// address bytes; IPv6 adds 4 bytes of flow info before its 16 address bytes).
    /// </summary>
    private static bool ConnectsTo(string socketAddress, IPAddress address, int? port)
    {
        var open = socketAddress.IndexOf('{');
        var close = socketAddress.IndexOf('}');
        if (open < 0 || close < open)
            return socketAddress.Contains(address.ToString(), StringComparison.Ordinal);
        var bytes = socketAddress[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries).Select(b => byte.TryParse(b, out var v) ? v : (byte)0).ToArray();
        if (bytes.Length < 6)
            return false;
        var connectedPort = (bytes[0] << 8) | bytes[1];
        if (port is { } p && p != connectedPort)
            return false;
        var target = address.AddressFamily == AddressFamily.InterNetworkV6 ? address : address.MapToIPv4();
        if (socketAddress.StartsWith("InterNetworkV6", StringComparison.Ordinal) && bytes.Length >= 22)
        {
            var v6 = new IPAddress(bytes.AsSpan(6, 16));
            return v6.Equals(target) || (v6.IsIPv4MappedToIPv6 && v6.MapToIPv4().Equals(target));
        }
        return target.AddressFamily == AddressFamily.InterNetwork && new IPAddress(bytes.AsSpan(2, 4)).Equals(target);
    }
}

/// <summary>
/// A TCP port on 127.0.0.1 that only counts who connects to it: the stand-in for an internal service an attacker
/// points the bot at. It answers nothing.
/// </summary>
public sealed class Canary : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public Canary()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
