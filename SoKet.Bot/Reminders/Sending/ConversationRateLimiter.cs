using System.Threading.RateLimiting;

namespace SoKet.Bot.Reminders.Sending;

/// <summary>
/// Teams' limits per bot and conversation (7 messages in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour by default): one
/// <see cref="SlidingWindowRateLimiter"/> per limit and conversation id, chained so a send needs a permit of every
/// limit. A reminder that would exceed one is put back in the outbox for later.
/// </summary>
/// <remarks>
/// Like the tenant bucket, the windows run on the monotonic clock, not on the injected <see cref="TimeProvider"/>.
/// </remarks>
public sealed class ConversationRateLimiter : IDisposable
{
    /// <summary>Segments of a Teams window; the limiter's window is one segment longer (see <see cref="SlidingWindow"/>).</summary>
    private const int Segments = 10;

    private readonly PartitionedRateLimiter<string>[] _limits;
    private readonly TimeSpan[] _segmentLengths;
    private readonly PartitionedRateLimiter<string>? _all;

    public ConversationRateLimiter(IReadOnlyList<(int Count, TimeSpan Window)> limits)
    {
        _limits = limits.Select(limit => PartitionedRateLimiter.Create<string, string>(
            conversationId => RateLimitPartition.Get(conversationId, _ => new SlidingWindowRateLimiter(SlidingWindow(limit))),
            StringComparer.Ordinal)).ToArray();
        _segmentLengths = limits.Select(limit => limit.Window / Segments).ToArray();
        _all = _limits.Length == 0 ? null : PartitionedRateLimiter.CreateChained(_limits);
    }

    /// <summary>Reserves a send now and returns zero, or returns how long to wait before trying again.</summary>
    public TimeSpan TryReserve(string conversationId)
    {
        if (_all is null)
            return TimeSpan.Zero;
        // A refusal by a later limit does not give back the permit an earlier one granted (a time window cannot):
        // that only errs on the slow side.
        using var lease = _all.AttemptAcquire(conversationId);
        if (lease.IsAcquired)
            return TimeSpan.Zero;
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero)
            return retryAfter;

        // Sliding windows tell no Retry-After. A full window frees permits a segment at a time, so the soonest a
        // permit can come back is one segment of the longest full window; the item is looked at again then.
        var wait = TimeSpan.Zero;
        for (var i = 0; i < _limits.Length; i++)
        {
            if (_limits[i].GetStatistics(conversationId)?.CurrentAvailablePermits == 0 && _segmentLengths[i] > wait)
                wait = _segmentLengths[i];
        }
        return wait > TimeSpan.Zero ? wait : _segmentLengths.Min();
    }

    /// <summary>
    /// A Teams limit as a sliding window. Sends in one segment are counted together and come back together when that
    /// segment leaves the window, so the window is one segment longer than Teams' own: a permit returns between one
    /// and 1.1 Teams windows after its send, never before.
    /// Each partition replenishes on its own timer (<see cref="RateLimitPartition.Get{TKey}"/>) rather than through
    /// <see cref="RateLimitPartition.GetSlidingWindowLimiter{TKey}"/>, whose partitions move only on the partitioned
    /// limiter's 100 ms heartbeat, at most one segment a beat: tried here, the 1 s window took about 2 s to move on. A partition
    /// is dropped once it has been idle (all permits back) for 10 s, so only the hour window keeps a conversation's
    /// limiter for long, and its timer fires once every 6 minutes.
    /// </summary>
    private static SlidingWindowRateLimiterOptions SlidingWindow((int Count, TimeSpan Window) limit) => new()
    {
        PermitLimit = limit.Count,
        Window = limit.Window + limit.Window / Segments,
        SegmentsPerWindow = Segments + 1,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public void Dispose()
    {
        _all?.Dispose();
        foreach (var limit in _limits)
            limit.Dispose();
    }
}
