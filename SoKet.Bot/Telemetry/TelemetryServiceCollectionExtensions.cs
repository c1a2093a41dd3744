using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SoKet.Bot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// OpenTelemetry for the bot (section "Telemetry"): SoKet's own spans and instruments (<see cref="SoKetTelemetry"/>),
    /// ASP.NET Core requests, outgoing HTTP (Connector, model, token endpoint), store commands through EF Core, and
    /// the .NET runtime. Exported over OTLP when Telemetry:Otlp:Endpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) names a
    /// collector, and served for Prometheus at GET /metrics when Telemetry:Prometheus:Enabled is true.
    /// <para>
    /// Only what goes somewhere is collected. With nowhere to send spans, no tracer listens: a listening tracer
    /// without an exporter still had every request, HTTP call and store command build and enrich its span, about a
    /// quarter of a warm turn's CPU (bench/README.md). Without OTLP or Prometheus nothing of OpenTelemetry runs, and
    /// SoKet's own ActivitySource and Meter cost next to nothing with no listener.
    /// </para>
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton(sp => new MetricsAccess(sp.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus.Networks()));

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        Uri? endpoint = null;
        var otlp = !string.IsNullOrWhiteSpace(options.Otlp.Endpoint) && Uri.TryCreate(options.Otlp.Endpoint.Trim(), UriKind.Absolute, out endpoint)
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (otlp || options.Prometheus.Enabled)
            AddOpenTelemetry(services, options, otlp, endpoint);
        return services;
    }

    // A method of its own, so that a bot with telemetry off never loads OpenTelemetry's assemblies: the JIT loads
    // what a method's body names when it compiles the method, taken branch or not.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetry(IServiceCollection services, TelemetryOptions options, bool otlp, Uri? endpoint)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("soket-bot", serviceInstanceId: $"{Environment.MachineName}/{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SoKetTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.Prometheus.Enabled)
                    metrics.AddPrometheusExporter();
            });
        if (!otlp)
            return;

        telemetry.WithTracing(tracing => tracing
            .AddSource(SoKetTelemetry.Name)
            .AddAspNetCoreInstrumentation(aspNet =>
            {
                // Probes and scrapes every few seconds are noise, not traffic.
                aspNet.Filter = http => !http.Request.Path.StartsWithSegments("/healthz") && !http.Request.Path.StartsWithSegments(MetricsPath);
                // The raw path can carry a file's name (web chat downloads): keep the route's template instead.
                aspNet.EnrichWithHttpResponse = (span, response) =>
                    span.SetTag("url.path", response.HttpContext.GetEndpoint() is RouteEndpoint route ? route.RoutePattern.RawText : null);
            })
            .AddHttpClientInstrumentation(http =>
                // Outgoing paths carry conversation ids and file names; the host is what tells the calls apart
                // (Connector, model, token endpoint), SoKet's own spans name the operation.
                http.EnrichWithHttpRequestMessage = (span, request) =>
                    span.SetTag("url.full", request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) + "/" : null))
            // SQL with its parameter placeholders; parameter values are never recorded (the instrumentation's default).
            .AddEntityFrameworkCoreInstrumentation());
        if (endpoint is not null)
            telemetry.UseOtlpExporter(OtlpProtocol(options.Otlp.Protocol), endpoint);
        else
            telemetry.UseOtlpExporter();
    }

    /// <summary>
    /// GET /metrics in Prometheus' text format when Telemetry:Prometheus:Enabled is true (null otherwise), answered
    /// only to callers <see cref="MetricsAccess"/> allows; others get 403 before anything is read.
    /// </summary>
    public static IEndpointConventionBuilder? MapTelemetry(this WebApplication app)
    {
        return app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus.Enabled ? MapPrometheus(app) : null;
    }

    // Its own method for the same reason as AddOpenTelemetry: with /metrics off, the exporter's assembly is never loaded.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IEndpointConventionBuilder MapPrometheus(WebApplication app)
    {
        var access = app.Services.GetRequiredService<MetricsAccess>();
        return app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            if (!access.Allows(http.Connection.RemoteIpAddress))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(http);
        }), optionsName: null);
    }

    private static OtlpExportProtocol OtlpProtocol(string? protocol) =>
        string.Equals(protocol?.Trim(), "grpc", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;

    private sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
    {
        public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
        {
            var problems = new List<string>();
            if (!string.IsNullOrWhiteSpace(options.Otlp.Endpoint) &&
                (!Uri.TryCreate(options.Otlp.Endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
                problems.Add($"Telemetry:Otlp:Endpoint must be an absolute http(s) URL of an OpenTelemetry collector (e.g. http://otel-collector:4318), not \"{options.Otlp.Endpoint}\".");
            if (options.Otlp.Protocol?.Trim() is not ("http/protobuf" or "grpc"))
                problems.Add($"Telemetry:Otlp:Protocol must be \"http/protobuf\" or \"grpc\", not \"{options.Otlp.Protocol}\".");
            foreach (var network in options.Prometheus.AllowedNetworks ?? [])
            {
                if (!IPNetwork.TryParse(network?.Trim(), out _))
                    problems.Add($"Telemetry:Prometheus:AllowedNetworks: \"{network}\" is not a network in CIDR notation (e.g. 10.20.0.0/16).");
            }
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
