using System.Net;
using System.Net.Sockets;

namespace SoKet.Bot.Channels.Outbound;

/// <summary>
/// Which IP addresses an outbound request on a user's behalf may connect to: public unicast only. Written here
/// because the framework has no such check; the ranges are IANA's special-purpose registries
/// (https://www.iana.org/assignments/iana-ipv4-special-registry, .../iana-ipv6-special-registry).
/// </summary>
public static class AddressPolicy
{
    private static readonly (IPAddress Network, int Prefix)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network"
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local (cloud metadata services live here)
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments
        (IPAddress.Parse("192.0.2.0"), 24),     // documentation
        (IPAddress.Parse("192.88.99.0"), 24),   // 6to4 relay anycast
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("198.51.100.0"), 24),  // documentation
        (IPAddress.Parse("203.0.113.0"), 24),   // documentation
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
    ];

    private static readonly (IPAddress Network, int Prefix)[] BlockedV6 =
    [
        (IPAddress.Parse("::"), 128),           // unspecified
        (IPAddress.Parse("::1"), 128),          // loopback
        (IPAddress.Parse("100::"), 64),         // discard
        (IPAddress.Parse("2001::"), 32),        // Teredo (tunnels to anything)
        (IPAddress.Parse("2001:db8::"), 32),    // documentation
        (IPAddress.Parse("fc00::"), 7),         // unique local
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("fec0::"), 10),        // site-local (deprecated)
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    /// <summary>True when <paramref name="address"/> is a public unicast address (or loopback, when tests allow it).</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // IPv4 carried in IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by its IPv4 address.
            if (address.IsIPv4MappedToIPv6)
                return IsAllowed(address.MapToIPv4(), allowLoopback);
            var bytes = address.GetAddressBytes();
            if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
                return IsAllowed(new IPAddress(bytes.AsSpan(12, 4)), allowLoopback);
            if (bytes[0] == 0x20 && bytes[1] == 0x02)
                return IsAllowed(new IPAddress(bytes.AsSpan(2, 4)), allowLoopback);
            // IPv4-compatible ::a.b.c.d (deprecated) likewise.
            if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !IPAddress.IPv6Loopback.Equals(address) && !IPAddress.IPv6None.Equals(address))
                return IsAllowed(new IPAddress(bytes.AsSpan(12, 4)), allowLoopback);
            if (allowLoopback && IPAddress.IPv6Loopback.Equals(address))
                return true;
            return !BlockedV6.Any(r => InRange(address, r.Network, r.Prefix));
        }
        if (address.AddressFamily != AddressFamily.InterNetwork)
            return false;
        if (allowLoopback && IPAddress.IsLoopback(address))
            return true;
        return !BlockedV4.Any(r => InRange(address, r.Network, r.Prefix));
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (a.Length != n.Length)
            return false;
        var full = prefix / 8;
        if (!a.AsSpan(0, full).SequenceEqual(n.AsSpan(0, full)))
            return false;
        var rest = prefix % 8;
        if (rest == 0)
            return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }
}
