using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace SoKet.Bench.Reminders;

/// <summary>
/// A loopback Bot Connector that enforces a per-app rate limit like Teams: a token bucket of <c>limit</c> messages a
/// second (burst of one second's worth); beyond it, 429 with Retry-After: 1. Counts accepted messages per conversation.
/// </summary>
internal sealed class RateLimitedConnector(double limit) : IAsyncDisposable
{
    private readonly double limitPerSecond = limit;
    private readonly Lock _gate = new();
    private readonly WebApplication _app = Build();
    private double _tokens = limit;
    private long _last = System.Diagnostics.Stopwatch.GetTimestamp();
    private long _accepted;
    private long _throttled;

    public ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.Ordinal);
    public long Throttled => Interlocked.Read(ref _throttled);
    public long AcceptedCount => Interlocked.Read(ref _accepted);
    public DateTime? FirstAcceptedUtc { get; private set; }
    public DateTime? LastAcceptedUtc { get; private set; }
    public string ServiceUrl { get; private set; } = "";

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }

    public async Task StartAsync()
    {
        _app.MapPost("/v3/conversations/{conversationId}/activities", Post);
        await _app.StartAsync();
        ServiceUrl = _app.Urls.Single().TrimEnd('/') + "/";
    }

    private IResult Post(string conversationId, HttpContext http)
    {
        lock (_gate)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            _tokens = Math.Min(limitPerSecond, _tokens + System.Diagnostics.Stopwatch.GetElapsedTime(_last, now).TotalSeconds * limitPerSecond);
            _last = now;
            if (_tokens < 1)
            {
                Interlocked.Increment(ref _throttled);
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = new { code = "TooManyRequests", message = "Rate limit exceeded." } }, statusCode: 429);
            }
            _tokens -= 1;
            var utc = DateTime.UtcNow;
            FirstAcceptedUtc ??= utc;
            LastAcceptedUtc = utc;
        }
        Interlocked.Increment(ref _accepted);
        Accepted.AddOrUpdate(Uri.UnescapeDataString(conversationId), 1, (_, n) => n + 1);
        return Results.Json(new { id = "1:" + Guid.NewGuid().ToString("N") }, JsonSerializerOptions.Web);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
