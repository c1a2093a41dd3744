using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Drafting;

/// <summary>
/// The drafting model's server answers (GET {endpoint}models, which OpenAI, Azure OpenAI's v1 API and the usual
/// on-premises servers serve). Registered with failure status Degraded: without the model every suggestion still
/// comes from the deterministic drafter, so the instance keeps taking traffic. An HTTP answer below 500 means the
/// server is there; 401/403 means it refuses the key, which is reported as degraded too. The result is kept for
/// <see cref="CacheFor"/> so frequent probes do not load the model server.
/// </summary>
internal sealed class ModelHealthCheck(IOptions<AiOptions> options, IHttpClientFactory httpClients, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ai = options.Value;
        if (ai.Provider == AiProvider.None)
            return HealthCheckResult.Healthy("No model configured: suggestions come from the deterministic drafter.");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && clock.GetUtcNow() - last.At < CacheFor)
                return last.Result;
            var result = await ProbeAsync(ai, context.Registration.FailureStatus, cancellationToken);
            _last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HealthCheckResult> ProbeAsync(AiOptions ai, HealthStatus failure, CancellationToken cancellationToken)
    {
        var endpoint = ai.ResolvedEndpoint() ?? new Uri("https://api.openai.com/v1/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "models"));
        if (!string.IsNullOrWhiteSpace(ai.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ai.ApiKey.Trim());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await httpClients.CreateClient(OpenAiSuggestionService.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
                return new HealthCheckResult(failure, $"The model server at {endpoint.Host} refuses the key (HTTP {status}).");
            return status < 500
                ? HealthCheckResult.Healthy($"The model server at {endpoint.Host} answers.")
                : new HealthCheckResult(failure, $"The model server at {endpoint.Host} answered HTTP {status}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, $"The model server at {endpoint.Host} cannot be reached ({ex.GetType().Name}); suggestions fall back to the deterministic drafter.");
        }
    }
}
