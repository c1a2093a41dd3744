using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Channels.BotConnector;

/// <summary>
/// POST /api/messages, where Teams (through the Bot Connector) and the emulator deliver activities
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
/// Nothing is processed before the caller is authenticated.
/// </summary>
public static partial class MessagesEndpoint
{
    /// <summary>The Bot Framework channel: inbound limits and the local-mode, channel and tenant checks around token validation.</summary>
    public static IServiceCollection AddBotConnectorChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChannelOptions>()
            .Bind(configuration.GetSection(ChannelOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<InboundPolicy>();
        return services;
    }

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", HandleAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        InboundPolicy policy,
        IInboundAuthenticator authenticator,
        TurnProcessor processor,
        IOptions<ChannelOptions> channelOptions,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(MessagesEndpoint));
        var authorization = http.Request.Headers.Authorization.ToString();

        if (policy.IsLocalMode)
        {
            if (!InboundPolicy.IsLoopback(http.Connection.RemoteIpAddress))
            {
                LogRejected(logger, "local mode accepts loopback callers only", http.Connection.RemoteIpAddress?.ToString());
                return ChannelErrors.Unauthorized();
            }
        }
        else if (string.IsNullOrWhiteSpace(authorization))
        {
            LogRejected(logger, "missing Authorization header", http.Connection.RemoteIpAddress?.ToString());
            return ChannelErrors.Unauthorized();
        }

        var maxBytes = channelOptions.Value.MaxActivityBytes;
        var (status, activity) = await RequestBody.ReadActivityAsync(http.Request, maxBytes, cancellationToken);
        switch (status)
        {
            case BodyStatus.TooLarge: return ChannelErrors.TooLarge(maxBytes);
            case BodyStatus.Empty: return ChannelErrors.EmptyBody();
            case BodyStatus.Malformed: return ChannelErrors.MalformedJson();
        }

        System.Security.Claims.ClaimsIdentity? identity = null;
        if (!policy.IsLocalMode)
        {
            var outcome = await authenticator.AuthenticateAsync(authorization, activity!, cancellationToken);
            if (!outcome.Succeeded)
            {
                LogRejected(logger, outcome.FailureReason ?? "invalid token", http.Connection.RemoteIpAddress?.ToString());
                return ChannelErrors.Unauthorized();
            }
            identity = outcome.Identity;
        }

        if (!policy.IsChannelAllowed(activity!) || !policy.IsTenantAllowed(activity!))
        {
            LogRejected(logger, $"channel '{activity!.ChannelId}' or tenant '{activity.TenantId}' not allowed", http.Connection.RemoteIpAddress?.ToString());
            return ChannelErrors.Unauthorized();
        }

        var result = await processor.ProcessAsync(activity!, identity, cancellationToken);
        // Stored, but the replies did not reach the Connector: a failure status makes the channel deliver the activity
        // again, and the re-delivery sends the kept replies (it never runs the turn twice).
        if (result.Outcome == TurnOutcome.RepliesPending)
            return ChannelErrors.Error(StatusCodes.Status503ServiceUnavailable, "RepliesPending",
                "Yêu cầu đã được lưu nhưng chưa gửi được trả lời; đề nghị gửi lại. / The turn is stored but its replies could not be delivered; retry.");
        if (result.InvokeResponse is { } invoke)
        {
            // Universal Actions: the HTTP status is 200 and the outcome travels in the body's statusCode.
            return Results.Json(invoke, ProtocolJson.Options, statusCode: StatusCodes.Status200OK);
        }
        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected inbound activity: {Reason} (caller {RemoteAddress})")]
    private static partial void LogRejected(ILogger logger, string reason, string? remoteAddress);
}
