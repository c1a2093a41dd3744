using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>
/// A loopback Bot Connector enforcing a per-app-and-tenant limit the way Teams does: a token bucket of
/// <c>limit</c> messages a second (a second's worth of burst); beyond it, 429 with Retry-After: 1. It records the
/// moment of every attempt and every accepted message, per conversation, so a test can tell the combined rate of
/// several bot processes, its peaks, the 429s, duplicates and losses.
/// </summary>
internal sealed class RateLimitedConnector(double limitPerSecond) : IAsyncDisposable
{
    private readonly double _limit = limitPerSecond;
    private readonly Lock _gate = new();
    private readonly WebApplication _app = Build();
    private double _tokens = limitPerSecond;
    private long _last = Stopwatch.GetTimestamp();

    public ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<long> AcceptedAt { get; } = new();
    public ConcurrentQueue<long> AttemptedAt { get; } = new();
    public int Throttled => AttemptedAt.Count - AcceptedAt.Count;
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
        var now = Stopwatch.GetTimestamp();
        AttemptedAt.Enqueue(now);
        lock (_gate)
        {
            _tokens = Math.Min(_limit, _tokens + Stopwatch.GetElapsedTime(_last, now).TotalSeconds * _limit);
            _last = now;
            if (_tokens < 1)
            {
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = new { code = "TooManyRequests", message = "Rate limit exceeded." } }, statusCode: 429);
            }
            _tokens -= 1;
            AcceptedAt.Enqueue(now);
        }
        Accepted.AddOrUpdate(Uri.UnescapeDataString(conversationId), 1, (_, n) => n + 1);
        return Results.Json(new { id = "1:" + Guid.NewGuid().ToString("N") }, JsonSerializerOptions.Web);
    }

    /// <summary>The most timestamps of <paramref name="moments"/> inside any one-second window.</summary>
    public static int PeakPerSecond(IEnumerable<long> moments)
    {
        var sorted = moments.Order().ToArray();
        var peak = 0;
        var start = 0;
        for (var end = 0; end < sorted.Length; end++)
        {
            while (Stopwatch.GetElapsedTime(sorted[start], sorted[end]) >= TimeSpan.FromSeconds(1))
                start++;
            peak = Math.Max(peak, end - start + 1);
        }
        return peak;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
