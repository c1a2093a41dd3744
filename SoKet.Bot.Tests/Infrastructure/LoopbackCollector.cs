using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1: takes POST /v1/traces, /v1/metrics and /v1/logs
/// (protobuf bodies), answers 200 with an empty export response, and keeps each body as it arrived on the wire.
/// Protobuf stores strings as their UTF-8 bytes, so what a span or label says can be looked for in a body directly.
/// </summary>
public sealed class LoopbackCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<(string Signal, byte[] Body)> _exports = [];

    private LoopbackCollector(WebApplication app)
    {
        _app = app;
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            lock (_gate)
                _exports.Add((signal, body.ToArray()));
            // An empty Export*ServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
    }

    /// <summary>The base URL an exporter is given (the signal paths are appended to it), e.g. http://127.0.0.1:41234.</summary>
    public string Endpoint { get; private set; } = "";

    public static async Task<LoopbackCollector> StartAsync()
    {
        var collector = new LoopbackCollector(LoopbackHost.CreateBuilder().Build());
        await collector._app.StartAsync();
        collector.Endpoint = LoopbackHost.Address(collector._app);
        return collector;
    }

    /// <summary>The bodies received for one signal ("traces", "metrics", "logs"), in order.</summary>
    public IReadOnlyList<byte[]> Received(string signal)
    {
        lock (_gate)
            return _exports.Where(e => e.Signal == signal).Select(e => e.Body).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
