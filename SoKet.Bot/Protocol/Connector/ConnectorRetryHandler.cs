using System.Net;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Protocol.Connector;

/// <summary>
/// Retries Connector calls the way Teams asks
/// (https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-retry-guidance):
/// 429 after its Retry-After (delta-seconds or HTTP-date), else — and for 412, 502, 503, 504 — exponential back-off
/// with full jitter under a cap. Every other status, notably 403 (MessageWritesBlocked and friends), goes straight
/// back to the caller. A network failure is retried only when resending cannot post a message twice: the method is
/// idempotent, or the connection was never established.
/// </summary>
public sealed class ConnectorRetryHandler(
    IOptionsMonitor<ConnectorOptions> options,
    TimeProvider timeProvider,
    ILogger<ConnectorRetryHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var retry = options.CurrentValue.Retry;

        // A retry sends the same message again, so its body must be readable more than once.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendAttemptAsync(request, retry.AttemptTimeout, cancellationToken);
            }
            catch (Exception ex) when (attempt < retry.MaxAttempts && IsSafeToResend(ex, request, cancellationToken))
            {
                var backOff = BackOff(attempt, retry);
                logger.LogWarning(ex, "Bot Connector {Method} {Path} failed ({Error}); retry {Retry}/{MaxRetries} in {Delay}",
                    request.Method, request.RequestUri?.AbsolutePath, ex.Message, attempt, retry.MaxAttempts - 1, backOff);
                await Task.Delay(backOff, timeProvider, cancellationToken);
                continue;
            }

            if (!IsRetryable(response.StatusCode) || attempt >= retry.MaxAttempts)
            {
                return response;
            }

            var retryAfter = ConnectorError.RetryAfter(response, timeProvider.GetUtcNow());
            if (retryAfter > retry.MaxRetryAfter)
            {
                // Waiting longer would hold the caller for too long; the caller sees the 429 and its Retry-After.
                logger.LogWarning("Bot Connector {Method} {Path} answered {Status} with Retry-After {RetryAfter}, above the {MaxRetryAfter} honoured inline",
                    request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, retryAfter, retry.MaxRetryAfter);
                return response;
            }

            var delay = retryAfter ?? BackOff(attempt, retry);
            logger.LogWarning("Bot Connector {Method} {Path} answered {Status}; retry {Retry}/{MaxRetries} in {Delay}",
                request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, attempt, retry.MaxAttempts - 1, delay);
            response.Dispose();
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(attemptTimeout);
        try
        {
            return await base.SendAsync(request, attempt.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
        {
            throw new TimeoutException($"The Bot Connector did not answer within {attemptTimeout}.", ex);
        }
    }

    internal static bool IsRetryable(HttpStatusCode status) => status is
        HttpStatusCode.TooManyRequests or
        HttpStatusCode.PreconditionFailed or
        HttpStatusCode.BadGateway or
        HttpStatusCode.ServiceUnavailable or
        HttpStatusCode.GatewayTimeout;

    private static bool IsSafeToResend(Exception ex, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var idempotent = request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete ||
                         request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
        return ex switch
        {
            // No connection, no request: even a POST cannot have been delivered.
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
            // The request may have reached Teams; posting it again could show the message twice.
            HttpRequestException or TimeoutException => idempotent,
            _ => false,
        };
    }

    /// <summary>
    /// "Full jitter" (uniform in [0, min(cap, base·2^(n-1))]): spreads the retries of many senders hitting the same
    /// limit instead of synchronising them (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
    /// Floored at 1 ms because Task.Delay truncates to whole milliseconds: every retry then really waits on the TimeProvider.
    /// </summary>
    internal static TimeSpan BackOff(int retryNumber, ConnectorRetryOptions retry)
    {
        var window = Math.Min(retry.MaxDelay.TotalMilliseconds, retry.BaseDelay.TotalMilliseconds * Math.Pow(2, retryNumber - 1));
        return TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(Random.Shared.NextDouble() * window)));
    }
}
