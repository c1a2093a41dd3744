using System.Net;

namespace SoKet.Bot.Telemetry;

/// <summary>
/// Who may read /metrics: callers on this machine (loopback), and hosts of Telemetry:Prometheus:AllowedNetworks.
/// Metrics carry no report text, but they tell how busy and how healthy the installation is. The sign-in of the
/// admin surface can take over later: <see cref="TelemetryServiceCollectionExtensions.MapTelemetry"/> returns the
/// endpoint's convention builder, so `.RequireAuthorization(policy)` adds a policy to this check.
/// </summary>
public sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks)
{
    public bool Allows(IPAddress? remote)
    {
        if (remote is null)
            return false;
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || networks.Any(n => n.Contains(remote));
    }
}
