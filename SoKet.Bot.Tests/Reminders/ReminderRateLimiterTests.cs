using System.Diagnostics;
using SoKet.Bot.Reminders.Sending;
using SoKet.Bot.Reminders.Settings;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>The sender's limiters, in real time (they run on the monotonic clock).</summary>
public sealed class ReminderRateLimiterTests
{
    [Fact]
    public async Task A_conversation_gets_seven_sends_in_a_second_and_the_eighth_no_sooner_than_a_second_later()
    {
        using var limiter = new ConversationRateLimiter(new RemindersOptions().ConversationLimits());
        var first = Stopwatch.StartNew();
        for (var i = 0; i < 7; i++)
            Assert.Equal(TimeSpan.Zero, limiter.TryReserve("a:1busy"));

        var wait = limiter.TryReserve("a:1busy");
        Assert.InRange(wait, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve("a:1quiet"));

        while (limiter.TryReserve("a:1busy") > TimeSpan.Zero)
        {
            Assert.True(first.Elapsed < TimeSpan.FromSeconds(10), "the 1 s window never moved on");
            await Task.Delay(10);
        }
        Assert.True(first.Elapsed >= TimeSpan.FromSeconds(1), $"the eighth send went after {first.Elapsed.TotalMilliseconds} ms");

        // That was the eighth in 2 s: the next one waits for the 2 s window.
        Assert.InRange(limiter.TryReserve("a:1busy"), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Without_limits_every_send_goes()
    {
        using var limiter = new ConversationRateLimiter([]);
        for (var i = 0; i < 100; i++)
            Assert.Equal(TimeSpan.Zero, limiter.TryReserve("a:1"));
    }

    [Fact]
    public async Task The_tenant_bucket_lets_a_second_of_sends_through_then_keeps_the_rate()
    {
        using var limiter = new TenantRateLimiter(10, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
            await limiter.AcquireAsync(CancellationToken.None);
        var burst = clock.Elapsed;
        for (var i = 0; i < 5; i++)
            await limiter.AcquireAsync(CancellationToken.None);

        Assert.True(burst < TimeSpan.FromMilliseconds(400), $"the first ten took {burst.TotalMilliseconds} ms");
        // Five more at 10 a second: about half a second (the timer may tick a little early or late).
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"fifteen sends took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_pause_holds_every_send_until_it_ends()
    {
        using var limiter = new TenantRateLimiter(100, TimeProvider.System);
        limiter.PauseFor(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => limiter.AcquireAsync(CancellationToken.None)));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"sent after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_send_waiting_for_a_token_can_be_cancelled()
    {
        using var limiter = new TenantRateLimiter(1, TimeProvider.System);
        await limiter.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(cancel.Token));
    }
}
