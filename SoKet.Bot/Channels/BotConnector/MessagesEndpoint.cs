using Microsoft.Extensions.Options;
using SoKet.Bot.Conversations;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Security;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Channels.BotConnector;

/// <summary>
/// POST /api/messages, where Teams (through the Bot Connector) and the emulator deliver activities
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
/// Nothing is processed before the caller is authenticated and the activity is checked: an activity the bot could
/// not answer is refused with 400 before anything is stored or marked processed.
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
        UserRateLimiter limits,
        IOutboundSender outbound,
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
            // A reverse proxy or tunnel on this machine connects from loopback too: what it relays is the network.
            if (LocalMode.ProxyHeader(http.Request.Headers) is { } header)
            {
                LogRejected(logger, $"local mode refuses requests relayed by a proxy (header {header})", http.Connection.RemoteIpAddress?.ToString());
                return ChannelErrors.Unauthorized();
            }
        }
        else if (policy.IsClosed)
        {
            LogRejected(logger, "no MicrosoftAppId is configured, so no Bot Framework token can be valid", http.Connection.RemoteIpAddress?.ToString());
            return ChannelErrors.Unauthorized();
        }
        else if (string.IsNullOrWhiteSpace(authorization))
        {
            LogRejected(logger, "missing Authorization header", http.Connection.RemoteIpAddress?.ToString());
            return ChannelErrors.Unauthorized();
        }

        var maxBytes = channelOptions.Value.MaxActivityBytes;
        var (status, parsed) = await RequestBody.ReadActivityAsync(http.Request, maxBytes, cancellationToken);
        if (status != BodyStatus.Ok)
            return RequestBody.Refusal(status, maxBytes);
        var activity = parsed!;

        System.Security.Claims.ClaimsIdentity? identity = null;
        if (!policy.IsLocalMode)
        {
            var outcome = await authenticator.AuthenticateAsync(authorization, activity, cancellationToken);
            if (!outcome.Succeeded)
            {
                LogRejected(logger, outcome.FailureReason ?? "invalid token", http.Connection.RemoteIpAddress?.ToString());
                return ChannelErrors.Unauthorized();
            }
            identity = outcome.Identity;
        }

        if (ActivityValidation.CheckChannelActivity(activity) is { } problem)
        {
            LogInvalid(logger, problem.English, activity.ChannelId, activity.Type);
            return ChannelErrors.InvalidActivity(problem);
        }

        if (!policy.IsChannelAllowed(activity) || !policy.IsTenantAllowed(activity))
        {
            LogRejected(logger, $"channel '{activity.ChannelId}' or tenant '{activity.TenantId}' not allowed", http.Connection.RemoteIpAddress?.ToString());
            return ChannelErrors.Unauthorized();
        }

        // People talking to each other in a channel are not talking to the bot: nothing is run or stored.
        if (activity.ChannelId == ChannelIds.Teams && !TeamsMentions.IsAddressedToBot(activity))
            return Results.Ok();

        // A person's turns are limited once the channel has said who they are (the token vouches for the channel).
        if (activity.Type is ActivityTypes.Message or ActivityTypes.Invoke)
        {
            var key = UserRateLimiter.Key(activity.ChannelId, activity.From!.Id!);
            if (limits.TryTurn(key) is { } refusal)
            {
                LogThrottled(logger, activity.ChannelId, activity.From.Id);
                if (activity.Type == ActivityTypes.Invoke)
                    return Results.Json(InvokeResponse.Error(StatusCodes.Status429TooManyRequests, RateLimitAnswers.Code, refusal.Text), ProtocolJson.Options);
                if (limits.ShouldNotify(key))
                    await NotifyAsync(outbound, activity, refusal.Text, logger, cancellationToken);
                return RateLimitAnswers.Result(refusal.RetryAfter);
            }
        }

        var result = await processor.ProcessAsync(activity, identity, cancellationToken);
        // Stored, but the replies did not reach the Connector: a failure status makes the channel deliver the activity
        // again, and the re-delivery sends the kept replies (it never runs the turn twice).
        if (result.Outcome == TurnOutcome.RepliesPending)
            return ChannelErrors.Error(StatusCodes.Status503ServiceUnavailable, "RepliesPending",
                "Yêu cầu đã được lưu nhưng chưa gửi được trả lời; đề nghị gửi lại. / The turn is stored but its replies could not be delivered; retry.");
        if (result.InvokeResponse is { } invoke)
        {
            // Universal Actions: the HTTP status is 200 and the outcome travels in the body's statusCode.
            // Task modules: 200 and the task itself as the body.
            return invoke.Body is { } body
                ? Results.Json(body, ProtocolJson.Options, statusCode: StatusCodes.Status200OK)
                : Results.Json(invoke, ProtocolJson.Options, statusCode: StatusCodes.Status200OK);
        }
        return Results.Ok();
    }

    /// <summary>The held-back user is told once per interval, in the chat they wrote in; the activity itself is not handled.</summary>
    private static async Task NotifyAsync(IOutboundSender outbound, Activity activity, string text, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await outbound.SendAsync(activity.CreateReply(text), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Protocol.Connector.ConnectorException or TaskCanceledException)
        {
            LogNoticeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected inbound activity: {Reason} (caller {RemoteAddress})")]
    private static partial void LogRejected(ILogger logger, string reason, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an invalid {ChannelId} activity of type {ActivityType}: {Reason}")]
    private static partial void LogInvalid(ILogger logger, string reason, string? channelId, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held back a {ChannelId} user sending too fast ({UserId})")]
    private static partial void LogThrottled(ILogger logger, string? channelId, string? userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell a held-back user to wait")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception);
}
