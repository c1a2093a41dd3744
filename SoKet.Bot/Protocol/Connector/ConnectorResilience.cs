using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SoKet.Bot.Protocol.Connector;

/// <summary>
/// Retries Connector calls the way Teams asks
/// (https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-retry-guidance),
/// as two Microsoft.Extensions.Http.Resilience handlers on the Connector's HttpClient:
/// <list type="bullet">
/// <item>a retry: 429 after its Retry-After (delta-seconds or HTTP-date), unless that is longer than
/// <see cref="ConnectorRetryOptions.MaxRetryAfter"/>, when the 429 goes back to the caller at once; 429 without
/// Retry-After, 412, 502, 503 and 504 after an exponential back-off with full jitter under a cap. Every other status,
/// notably 403 (MessageWritesBlocked and friends), goes straight back to the caller. A network failure or a timed-out
/// attempt is retried only when resending cannot post a message twice: the method is idempotent, or the connection
/// was never established. Its waits run on the injected <see cref="TimeProvider"/>, so tests do not sleep;</item>
/// <item>inside it, a timeout per attempt, so a hung connection becomes a retry (for idempotent calls) rather than a stall.</item>
/// </list>
/// <see cref="ConnectorRetryOptions"/> configures both, and a change of it rebuilds them.
/// </summary>
internal static class ConnectorResilience
{
    public static IHttpClientBuilder AddConnectorResilience(this IHttpClientBuilder http)
    {
        http.AddResilienceHandler("connector-retry", (pipeline, context) =>
        {
            context.EnableReloads<ConnectorOptions>();
            var retry = context.GetOptions<ConnectorOptions>().Retry;
            // Polly counts retries, the options count attempts; one attempt means no retry strategy at all.
            if (retry.MaxAttempts > 1)
            {
                var services = context.ServiceProvider;
                pipeline.AddRetry(RetryStrategy(retry, services.GetRequiredService<TimeProvider>(),
                    services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorResilience))));
            }
        });

        // The pipeline of a resilience handler takes the TimeProvider of the container: the retry waits above use it.
        // The attempt timeout stays on the system clock, as it always was: a test clock that shortens waits to
        // nothing would otherwise end every attempt the moment it starts.
        http.AddResilienceHandler("connector-attempt-timeout", (pipeline, context) =>
        {
            context.EnableReloads<ConnectorOptions>();
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(context.GetOptions<ConnectorOptions>().Retry.AttemptTimeout);
        });
        return http;
    }

    private static RetryStrategyOptions<HttpResponseMessage> RetryStrategy(ConnectorRetryOptions retry, TimeProvider time, ILogger logger) => new()
    {
        MaxRetryAttempts = retry.MaxAttempts - 1,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, args.AttemptNumber, retry, time, logger)),
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            args.Outcome.Result is { } response && ConnectorError.RetryAfter(response, time.GetUtcNow()) is { } retryAfter
                ? retryAfter
                : BackOff(args.AttemptNumber + 1, retry)),
        OnRetry = args =>
        {
            // Polly's own telemetry logs every retry too; this line adds what it leaves out: the call and the wait.
            var request = args.Context.GetRequestMessage();
            logger.LogInformation("Bot Connector {Method} {Path}: {Outcome}; retry {Retry}/{MaxRetries} in {Delay}",
                request?.Method, request?.RequestUri?.AbsolutePath, Describe(args.Outcome), args.AttemptNumber + 1, retry.MaxAttempts - 1, args.RetryDelay);
            return default;
        },
    };

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt, ConnectorRetryOptions retry, TimeProvider time, ILogger logger)
    {
        if (outcome.Result is { } response)
        {
            if (!IsRetryable(response.StatusCode))
                return false;
            if (ConnectorError.RetryAfter(response, time.GetUtcNow()) is not { } retryAfter || retryAfter <= retry.MaxRetryAfter)
                return true;
            // Waiting longer would hold the caller for too long; the caller sees the 429 and its Retry-After.
            if (attempt < retry.MaxAttempts - 1)
            {
                logger.LogWarning("Bot Connector {Method} {Path} answered {Status} with Retry-After {RetryAfter}, above the {MaxRetryAfter} honoured inline",
                    response.RequestMessage?.Method, response.RequestMessage?.RequestUri?.AbsolutePath, (int)response.StatusCode, retryAfter, retry.MaxRetryAfter);
            }
            return false;
        }

        return outcome.Exception is { } exception && IsSafeToResend(exception, context.GetRequestMessage(), context.CancellationToken);
    }

    internal static bool IsRetryable(HttpStatusCode status) => status is
        HttpStatusCode.TooManyRequests or
        HttpStatusCode.PreconditionFailed or
        HttpStatusCode.BadGateway or
        HttpStatusCode.ServiceUnavailable or
        HttpStatusCode.GatewayTimeout;

    private static bool IsSafeToResend(Exception exception, HttpRequestMessage? request, CancellationToken cancellationToken)
    {
        // The caller gave up (or HttpClient's overall timeout ran out): nothing is sent again.
        if (cancellationToken.IsCancellationRequested)
            return false;

        var method = request?.Method;
        var idempotent = method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Get || method == HttpMethod.Head;
        return exception switch
        {
            // No connection, no request: even a POST cannot have been delivered.
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
            // The request may have reached Teams; posting it again could show the message twice.
            HttpRequestException or TimeoutRejectedException => idempotent,
            _ => false,
        };
    }

    /// <summary>
    /// "Full jitter" (uniform in [0, min(cap, base·2^(n-1))]): spreads the retries of many senders hitting the same
    /// limit instead of synchronising them (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
    /// Polly's own jittered back-off is "decorrelated jitter", which does not keep to this window and cap.
    /// Floored at 1 ms because Task.Delay truncates to whole milliseconds: every retry then really waits on the TimeProvider.
    /// </summary>
    internal static TimeSpan BackOff(int retryNumber, ConnectorRetryOptions retry)
    {
        var window = Math.Min(retry.MaxDelay.TotalMilliseconds, retry.BaseDelay.TotalMilliseconds * Math.Pow(2, retryNumber - 1));
        return TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(Random.Shared.NextDouble() * window)));
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : outcome.Exception?.Message ?? "no outcome";
}
