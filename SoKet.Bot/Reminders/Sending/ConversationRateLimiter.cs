namespace SoKet.Bot.Reminders.Sending;

/// <summary>
/// Teams' limits per bot and conversation (7 messages in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour by default):
/// a sliding log per conversation. A reminder that would exceed one is put back in the outbox for later.
/// </summary>
public sealed class ConversationRateLimiter(IReadOnlyList<(int Count, TimeSpan Window)> limits, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<long>> _sent = new(StringComparer.Ordinal);
    private readonly TimeSpan _longest = limits.Count == 0 ? TimeSpan.Zero : limits.Max(l => l.Window);

    /// <summary>Reserves a send now and returns zero, or returns how long to wait before trying again.</summary>
    public TimeSpan TryReserve(string conversationId)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (!_sent.TryGetValue(conversationId, out var log))
                _sent[conversationId] = log = new Queue<long>();
            while (log.Count > 0 && clock.GetElapsedTime(log.Peek(), now) >= _longest)
                log.Dequeue();

            var wait = TimeSpan.Zero;
            foreach (var (count, window) in limits)
            {
                // The count-th most recent send must have left the window before another goes.
                if (log.Count < count)
                    continue;
                var oldestInWindow = log.ElementAt(log.Count - count);
                var left = window - clock.GetElapsedTime(oldestInWindow, now);
                if (left > wait)
                    wait = left;
            }
            if (wait > TimeSpan.Zero)
                return wait;
            log.Enqueue(now);
            if (_sent.Count > 10_000)
                Sweep(now);
            return TimeSpan.Zero;
        }
    }

    private void Sweep(long now)
    {
        foreach (var (id, log) in _sent.Where(p => p.Value.Count == 0 || clock.GetElapsedTime(p.Value.Last(), now) >= _longest).ToList())
            _sent.Remove(id);
    }
}
