using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Health;

/// <summary>
/// With an app id, the bot can only answer Teams with a Connector token: a wrong secret or tenant
/// (AADSTS7000215, AADSTS700016) makes the instance unready. The token provider caches the token until shortly
/// before it expires, so a probe every few seconds does not reach Entra ID each time. Local mode needs no token.
/// </summary>
internal sealed class ConnectorTokenHealthCheck(IOptions<BotCredentialsOptions> credentials, IConnectorTokenProvider tokens) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (credentials.Value.IsLocalMode)
            return HealthCheckResult.Healthy("Local mode: no app id, no Connector token needed.");
        try
        {
            return await tokens.GetTokenAsync(cancellationToken) is { Length: > 0 }
                ? HealthCheckResult.Healthy("A Connector token was obtained.")
                : HealthCheckResult.Unhealthy("The token endpoint returned no Connector token.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No Connector token could be obtained (see the log for the AADSTS code).", ex);
        }
    }
}
