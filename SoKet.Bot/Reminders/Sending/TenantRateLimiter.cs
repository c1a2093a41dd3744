using System.Threading.RateLimiting;

namespace SoKet.Bot.Reminders.Sending;

/// <summary>
/// Proactive sends per app and tenant (Teams: 30 messages a second by default): a <see cref="TokenBucketRateLimiter"/>
/// holding a second's worth of tokens. Only the background sender uses it: replies to users never wait behind reminders.
/// A 429 pauses every sender of the process for its Retry-After, so a storm is not made worse.
/// </summary>
/// <remarks>
/// The bucket runs on the monotonic clock (System.Threading.RateLimiting takes no <see cref="TimeProvider"/>); the
/// pause waits on <paramref name="clock"/>. The reminder tests move only the wall clock (their ManualTimeProvider
/// overrides GetUtcNow, not timestamps or timers), so for them both run in real time, as the hand-written bucket did.
/// </remarks>
public sealed class TenantRateLimiter(double ratePerSecond, TimeProvider clock) : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, (int)ratePerSecond),
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1 / ratePerSecond),
        AutoReplenishment = true,
        // Every parallel send waits for its token, in the order it asked.
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private readonly Lock _gate = new();

    /// <summary>
    /// Spends the bucket's burst: an instance that has just taken over a tenant's sending lease starts at the steady
    /// rate, so its first second cannot add a full burst to what the previous holder sent in its last one.
    /// </summary>
    public void Drain()
    {
        using var burst = _bucket.AttemptAcquire(Math.Max(1, (int)ratePerSecond));
    }

    private long _pausedUntil;

    /// <summary>Waits for a token, and for the end of any pause.</summary>
    public async Task AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            if (PauseLeft() is var pause && pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, clock, ct);
                continue;
            }

            using var lease = await _bucket.AcquireAsync(1, ct);
            if (!lease.IsAcquired)
                throw new ObjectDisposedException(nameof(TenantRateLimiter), "The tenant rate limiter was disposed while a send waited for it.");
            // A 429 may have paused the process while this send was queued: its token is spent, the pause still holds.
            if (PauseLeft() <= TimeSpan.Zero)
                return;
        }
    }

    /// <summary>
    /// Holds every send of the process for <paramref name="wait"/>. System.Threading.RateLimiting has no notion of a
    /// server asking a client to stop, so this gate in front of the bucket is written here.
    /// </summary>
    public void PauseFor(TimeSpan wait)
    {
        var until = clock.GetTimestamp() + (long)(wait.TotalSeconds * clock.TimestampFrequency);
        lock (_gate)
            _pausedUntil = Math.Max(_pausedUntil, until);
    }

    private TimeSpan PauseLeft()
    {
        long until;
        lock (_gate)
            until = _pausedUntil;
        var now = clock.GetTimestamp();
        // Task.Delay truncates to whole milliseconds: round a sub-millisecond rest up so the loop does not spin.
        return now >= until ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(1, clock.GetElapsedTime(now, until).TotalMilliseconds));
    }

    public void Dispose() => _bucket.Dispose();
}
