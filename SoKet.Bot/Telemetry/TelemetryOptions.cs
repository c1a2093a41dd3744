using System.Net;

namespace SoKet.Bot.Telemetry;

/// <summary>Section "Telemetry": where traces and metrics go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public OtlpExportOptions Otlp { get; set; } = new();

    public PrometheusOptions Prometheus { get; set; } = new();
}

/// <summary>Section "Telemetry:Otlp": export of traces and metrics to an OpenTelemetry collector.</summary>
public sealed class OtlpExportOptions
{
    /// <summary>
    /// The collector, e.g. http://otel-collector:4318 (HTTP/protobuf) or http://otel-collector:4317 with
    /// <see cref="Protocol"/> grpc. Empty: nothing is exported over OTLP (the standard OTEL_EXPORTER_OTLP_ENDPOINT
    /// variable works too).
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>"http/protobuf" (default) or "grpc".</summary>
    public string Protocol { get; set; } = "http/protobuf";
}

/// <summary>Section "Telemetry:Prometheus": the scraping endpoint GET /metrics.</summary>
public sealed class PrometheusOptions
{
    /// <summary>Off by default: metrics describe the installation (load, failures), which is not for everyone.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Networks (CIDR, e.g. 10.20.0.0/16) whose hosts may scrape besides this machine; loopback callers always may.
    /// </summary>
    public string[]? AllowedNetworks { get; set; }

    internal IReadOnlyList<IPNetwork> Networks() =>
        (AllowedNetworks ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => IPNetwork.Parse(n.Trim())).ToList();
}
