namespace SoKet.Bot.Reminders.Sending;

/// <summary>
/// A token bucket for proactive sends per app and tenant (Teams: 30 messages a second by default), on the
/// monotonic clock. Only the background sender uses it: replies to users never wait behind reminders.
/// A 429 pauses every sender of the process for its Retry-After, so a storm is not made worse.
/// </summary>
public sealed class TenantRateLimiter(double ratePerSecond, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = Math.Max(1, ratePerSecond);
    private double _tokens = Math.Max(1, ratePerSecond);
    private long _lastRefill = clock.GetTimestamp();
    private long _pausedUntil;

    public async Task AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + clock.GetElapsedTime(_lastRefill, now).TotalSeconds * ratePerSecond);
                _lastRefill = now;
                if (now < _pausedUntil)
                    wait = clock.GetElapsedTime(now, _pausedUntil);
                else if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                else
                    wait = TimeSpan.FromSeconds((1 - _tokens) / ratePerSecond);
            }
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, clock, ct);
        }
    }

    public void PauseFor(TimeSpan wait)
    {
        lock (_gate)
        {
            var until = clock.GetTimestamp() + (long)(wait.TotalSeconds * clock.TimestampFrequency);
            _pausedUntil = Math.Max(_pausedUntil, until);
            _tokens = 0;
        }
    }
}
