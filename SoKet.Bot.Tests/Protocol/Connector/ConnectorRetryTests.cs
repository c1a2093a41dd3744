using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Protocol.Connector.ConnectorTestHost;

namespace SoKet.Bot.Tests.Protocol.Connector;

public sealed class ConnectorRetryTests : IAsyncLifetime
{
    private const string Chat = "a:1retry-chat";
    private LoopbackConnector connector = null!;

    public async Task InitializeAsync() => connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await connector.DisposeAsync();

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_in_seconds_then_succeeds()
    {
        var clock = new RecordingTimeProvider(skipWaits: false);
        using var host = await StartAsync(FastRetries(), s => s.AddSingleton<TimeProvider>(clock));
        connector.RespondToNext(1, ScriptedResponse.TooManyRequests(TimeSpan.FromSeconds(1)));

        var response = await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default);

        Assert.False(string.IsNullOrEmpty(response.Id));
        Assert.Equal(2, connector.Requests.Count);
        var (throttled, accepted) = (connector.Requests[0], connector.Requests[1]);
        Assert.Equal(429, throttled.ResponseStatusCode);
        Assert.Equal(200, accepted.ResponseStatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(clock.Waits));
        // Seen on the wire too. Timers run on a coarse monotonic tick while ReceivedAt is wall-clock time,
        // so allow that granularity (a few milliseconds), not a shorter wait.
        var gap = accepted.ReceivedAt - throttled.ReceivedAt;
        Assert.True(gap >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20), $"retried after {gap.TotalMilliseconds} ms");
        Assert.Equal(throttled.Body, accepted.Body);
    }

    [Fact]
    public async Task A_429_with_an_HTTP_date_waits_until_that_date()
    {
        var clock = new RecordingTimeProvider(skipWaits: true);
        using var host = await StartAsync(FastRetries(), s => s.AddSingleton<TimeProvider>(clock));
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        connector.RespondToNext(1, ScriptedResponse.TooManyRequests() with { RetryAfter = until.ToString("R", CultureInfo.InvariantCulture) });

        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default);

        var wait = Assert.Single(clock.Waits);
        // HTTP-dates have whole seconds: the wait is the remaining 29–30 s, not a back-off.
        Assert.InRange(wait, TimeSpan.FromSeconds(28), TimeSpan.FromSeconds(30));
        Assert.Equal(2, connector.Requests.Count);
    }

    [Fact]
    public async Task A_429_without_Retry_After_backs_off()
    {
        var clock = new RecordingTimeProvider(skipWaits: true);
        using var host = await StartAsync(FastRetries(), s => s.AddSingleton<TimeProvider>(clock));
        connector.RespondToNext(1, ScriptedResponse.TooManyRequests());

        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default);

        Assert.InRange(Assert.Single(clock.Waits), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));
        Assert.Equal(2, connector.Requests.Count);
    }

    [Fact]
    public async Task A_503_is_retried_with_capped_exponential_back_off_then_succeeds()
    {
        var clock = new RecordingTimeProvider(skipWaits: true);
        var settings = FastRetries();
        settings["Connector:Retry:MaxAttempts"] = "5";
        settings["Connector:Retry:BaseDelay"] = "00:00:10";
        settings["Connector:Retry:MaxDelay"] = "00:00:25";
        using var host = await StartAsync(settings, s => s.AddSingleton<TimeProvider>(clock));
        connector.RespondToNext(4, ScriptedResponse.Status(503));

        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default);

        Assert.Equal([503, 503, 503, 503, 200], connector.Requests.Select(r => r.ResponseStatusCode));
        var waits = clock.Waits.ToArray();
        Assert.Equal(4, waits.Length);
        // Windows 10 s, 20 s, then capped at 25 s.
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(20));
        Assert.InRange(waits[2], TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(25));
        Assert.InRange(waits[3], TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(25));
    }

    [Fact]
    public async Task A_503_is_retried_in_real_time()
    {
        using var host = await StartAsync(FastRetries());
        connector.RespondToNext(2, ScriptedResponse.Status(503));

        var response = await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default);

        Assert.Equal([503, 503, 200], connector.Requests.Select(r => r.ResponseStatusCode));
        Assert.False(string.IsNullOrEmpty(response.Id));
    }

    [Fact]
    public void Back_off_is_fully_jittered_within_the_exponential_window_and_the_cap()
    {
        var retry = new ConnectorRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) };

        for (var n = 1; n <= 6; n++)
        {
            var window = TimeSpan.FromSeconds(Math.Min(8, Math.Pow(2, n - 1)));
            var samples = Enumerable.Range(0, 1000).Select(_ => ConnectorResilience.BackOff(n, retry)).ToArray();
            Assert.All(samples, s => Assert.InRange(s, TimeSpan.FromMilliseconds(1), window));
            // Full jitter uses the whole window: both halves are hit.
            Assert.Contains(samples, s => s < window / 2);
            Assert.Contains(samples, s => s > window / 2);
        }
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried(int status)
    {
        using var host = await StartAsync(FastRetries());
        connector.RespondToNext(1, ScriptedResponse.Status(status));

        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default);

        Assert.Equal([status, 200], connector.Requests.Select(r => r.ResponseStatusCode));
    }

    [Fact]
    public async Task Retries_give_up_after_max_attempts_with_a_ConnectorException()
    {
        using var host = await StartAsync(FastRetries());
        connector.RespondToNext(10, ScriptedResponse.Error(503, "ServiceUnavailable", "Try later."));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("ServiceUnavailable", ex.Code);
        Assert.Equal(4, connector.Requests.Count);
    }

    [Fact]
    public async Task With_one_attempt_nothing_is_retried()
    {
        var settings = FastRetries();
        settings["Connector:Retry:MaxAttempts"] = "1";
        using var host = await StartAsync(settings);
        connector.RespondToNext(1, ScriptedResponse.Status(503));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task A_403_MessageWritesBlocked_is_not_retried_and_marks_the_recipient_blocked()
    {
        using var host = await StartAsync(FastRetries());
        connector.RespondToConversation(Chat, ScriptedResponse.MessageWritesBlocked());

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "Nhắc hạn nộp báo cáo"), default));

        Assert.Single(connector.Requests);
        Assert.True(ex.IsRecipientBlocked);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("MessageWritesBlocked", ex.SubCode);

        // Only that conversation is blocked.
        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, "a:1other-chat", "x"), default);
        Assert.Equal(200, connector.Requests[1].ResponseStatusCode);
    }

    [Theory]
    [InlineData(400, "BadArgument")]
    [InlineData(401, "BotNotRegistered")]
    [InlineData(403, "BotDisabledByAdmin")]
    [InlineData(404, "ConversationNotFound")]
    [InlineData(413, "MessageSizeTooBig")]
    [InlineData(500, "ServiceError")]
    public async Task Other_failures_are_not_retried(int status, string code)
    {
        using var host = await StartAsync(FastRetries());
        connector.RespondToNext(1, ScriptedResponse.Error(status, code, "documented failure"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default));

        Assert.Single(connector.Requests);
        Assert.Equal(status, (int)ex.StatusCode);
        Assert.Equal(code, ex.Code);
        Assert.False(ex.IsRecipientBlocked);
        Assert.Contains("documented failure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_honoured_maximum_is_surfaced_not_waited_for()
    {
        using var host = await StartAsync(FastRetries());
        connector.RespondToNext(1, ScriptedResponse.TooManyRequests(TimeSpan.FromSeconds(120)));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default));

        Assert.Single(connector.Requests);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
    }

    [Fact]
    public async Task A_dropped_connection_is_not_retried_for_a_post_that_may_have_been_delivered()
    {
        using var host = await StartAsync(FastRetries());
        connector.RespondToNext(1, ScriptedResponse.Abort());

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default));

        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_for_idempotent_update_and_delete()
    {
        using var host = await StartAsync(FastRetries());
        var activity = Message(connector.ServiceUrl, Chat, "x");
        activity.Id = "1700000000001";
        connector.RespondToNext(1, ScriptedResponse.Abort());
        await host.Client().UpdateActivityAsync(activity, default);
        connector.RespondToNext(1, ScriptedResponse.Abort());
        await host.Client().DeleteActivityAsync(connector.ServiceUrl, Chat, "1700000000001", default);

        Assert.Equal(["PUT", "PUT", "DELETE", "DELETE"], connector.Requests.Select(r => r.Method));
        Assert.Equal([0, 200, 0, 200], connector.Requests.Select(r => r.ResponseStatusCode));
        Assert.Equal(connector.Requests[0].Body, connector.Requests[1].Body);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_even_for_a_post_because_nothing_was_sent()
    {
        string closedServiceUrl;
        await using (var gone = await LoopbackConnector.StartAsync())
        {
            closedServiceUrl = gone.ServiceUrl;
        }

        var clock = new RecordingTimeProvider(skipWaits: true);
        using var host = await StartAsync(FastRetries(), s => s.AddSingleton<TimeProvider>(clock));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() =>
            host.Client().SendToConversationAsync(Message(closedServiceUrl, Chat, "x"), default));

        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal(3, clock.Waits.Count); // four attempts
    }

    [Fact]
    public async Task A_hung_attempt_times_out_and_is_retried_only_when_idempotent()
    {
        var settings = FastRetries();
        // Generous enough that an attempt never times out before reaching the server on a loaded machine.
        settings["Connector:Retry:AttemptTimeout"] = "00:00:01";
        using var host = await StartAsync(settings);
        var slow = ScriptedResponse.Status(200) with { Delay = TimeSpan.FromSeconds(30) };

        var activity = Message(connector.ServiceUrl, Chat, "x");
        activity.Id = "1700000000001";
        connector.RespondToNext(1, slow);
        await host.Client().UpdateActivityAsync(activity, default);
        Assert.Equal(2, connector.Requests.Count);

        connector.RespondToNext(1, slow);
        await Assert.ThrowsAsync<TimeoutException>(() =>
            host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default));
        Assert.Equal(3, connector.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stops_a_back_off_wait()
    {
        using var host = await StartAsync(FastRetries());
        connector.RespondToNext(1, ScriptedResponse.TooManyRequests(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), cancel.Token));

        Assert.Single(connector.Requests);
    }
}
