using System.Net;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference),
/// base URL = the conversation's serviceUrl.
/// </summary>
public interface IConnectorClient
{
    /// <summary>POST /v3/conversations/{conversationId}/activities/{replyToId}.</summary>
    Task<ResourceResponse> ReplyToActivityAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>POST /v3/conversations/{conversationId}/activities.</summary>
    Task<ResourceResponse> SendToConversationAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>PUT /v3/conversations/{conversationId}/activities/{activity.Id}.</summary>
    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>DELETE /v3/conversations/{conversationId}/activities/{activityId}.</summary>
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>POST /v3/conversations; in Teams creates (or returns) the 1:1 chat with a user.</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    /// <summary>
    /// GET /v3/conversations/{conversationId}/members/{memberId}: in Teams this carries the user's
    /// e-mail and UPN, which activities do not (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context).
    /// </summary>
    Task<ConversationMember> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken);
}

public sealed class ConversationMember
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? TenantId { get; set; }
}

public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
}

public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public JsonNode? ChannelData { get; set; }
}

/// <summary>A Connector call that failed after retries; carries the error body {"error":{"code","message"}}.</summary>
public sealed class ConnectorException(HttpStatusCode statusCode, string? code, string? subCode, string message)
    : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? Code { get; } = code;
    public string? SubCode { get; } = subCode;

    /// <summary>
    /// The wait the service asked for (Retry-After) when it was longer than the client was configured to honour
    /// inline; a caller with an outbox should reschedule the message after it rather than drop it.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The user blocked or removed the app: record the recipient as unreachable, never retry, and post again only
    /// after the user writes or reinstalls. Teams reports this as 403 with subCode MessageWritesBlocked
    /// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages),
    /// or with the codes ConversationBlockedByUser / BotNotInConversationRoster listed in "Status codes from bot
    /// conversational APIs" (https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability).
    /// </summary>
    public bool IsRecipientBlocked =>
        StatusCode == HttpStatusCode.Forbidden &&
        (string.Equals(SubCode, "MessageWritesBlocked", StringComparison.OrdinalIgnoreCase) ||
         string.Equals(Code, "MessageWritesBlocked", StringComparison.OrdinalIgnoreCase) ||
         string.Equals(Code, "ConversationBlockedByUser", StringComparison.OrdinalIgnoreCase) ||
         string.Equals(Code, "BotNotInConversationRoster", StringComparison.OrdinalIgnoreCase));
}
