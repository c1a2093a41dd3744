using System.Diagnostics;
using System.Globalization;

namespace SoKet.Bot.Telemetry;

/// <summary>
/// Bot Connector calls: a span per call ("soket.connector {operation}", retries included) opened by the client, and
/// a point of <see cref="SoKetTelemetry.ConnectorRequests"/> per HTTP attempt recorded by
/// <see cref="ConnectorAttemptHandler"/>, which sits inside the retry handler so a 429 that a retry later got
/// through still counts as a 429. Tags: the operation (a constant of the client) and the status code.
/// </summary>
public static class ConnectorTelemetry
{
    /// <summary>The request option that carries the operation name to the attempt handler.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("soket.connector.operation");

    public static Activity? StartCall(string operation, HttpRequestMessage request)
    {
        request.Options.Set(Operation, operation);
        var span = SoKetTelemetry.Source.StartActivity("soket.connector " + operation, ActivityKind.Internal);
        span?.SetTag("soket.connector.operation", operation);
        return span;
    }
}

/// <summary>Counts and times every attempt of a Connector request; registered innermost on the Connector's HttpClient.</summary>
public sealed class ConnectorAttemptHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Options.TryGetValue(ConnectorTelemetry.Operation, out var name) ? name : "other";
        var started = Stopwatch.GetTimestamp();
        var status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        finally
        {
            var tags = new TagList { { "soket.connector.operation", operation }, { "http.response.status_code", status } };
            SoKetTelemetry.ConnectorRequests.Add(1, tags);
            SoKetTelemetry.ConnectorDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
