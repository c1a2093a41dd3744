using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SoKet.Bot.Protocol;

/// <summary>
/// A Bot Framework activity (https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md).
/// Only the fields SoKet reads or writes are modelled; everything else a channel sends is kept in
/// <see cref="Extra"/> so that an activity round-trips without losing data.
/// </summary>
public sealed class Activity
{
    public string Type { get; set; } = ActivityTypes.Message;
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    public string? InputHint { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<JsonObject>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public JsonNode? Value { get; set; }
    public string? Name { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Teams puts the tenant in channelData.tenant.id; conversation.tenantId is also set in most payloads.</summary>
    [JsonIgnore]
    public string? TenantId =>
        ChannelData?["tenant"]?["id"]?.GetValue<string>() ?? Conversation?.TenantId;

    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
            IsGroup = Conversation.IsGroup,
        },
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
    };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Typing = "typing";
    public const string Invoke = "invoke";
    public const string Event = "event";
    public const string MessageReaction = "messageReaction";
    public const string EndOfConversation = "endOfConversation";
}

public static class ChannelIds
{
    public const string Teams = "msteams";
    public const string WebChat = "webchat";
    public const string Emulator = "emulator";
}

/// <summary>Quick replies shown under a message (Web Chat and Teams 1:1 chats); imBack posts the value as the user's text.</summary>
public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public string Type { get; set; } = "imBack";
    public string? Title { get; set; }
    public JsonNode? Value { get; set; }

    public static CardAction ImBack(string text) => new() { Title = text, Value = JsonValue.Create(text) };
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public bool? IsGroup { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static Attachment AdaptiveCard(JsonNode card) => new() { ContentType = AdaptiveCardContentType, Content = card };
}

/// <summary>The response body of an invoke activity (HTTP 200 carrying statusCode and value).</summary>
public sealed class InvokeResponse
{
    public int StatusCode { get; init; } = 200;
    public string? Type { get; init; }
    public JsonNode? Value { get; init; }

    // Adaptive Card universal actions: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>
    /// The whole HTTP body, for invokes whose answer is not the Universal Actions shape: Teams task modules answer
    /// task/fetch and task/submit with <c>{"task": {...}}</c>
    /// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/task-modules/task-modules-bots).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public JsonNode? Body { get; init; }

    public static InvokeResponse Raw(JsonNode body) => new() { Body = body };

    public static InvokeResponse Card(JsonNode card) => new() { Type = CardType, Value = card };
    public static InvokeResponse Message(string text) => new() { Type = MessageType, Value = JsonValue.Create(text) };
    public static InvokeResponse Error(int status, string code, string message) =>
        new() { StatusCode = status, Type = ErrorType, Value = new JsonObject { ["code"] = code, ["message"] = message } };
}

/// <summary>Everything needed to message a user or conversation later, without them writing first.</summary>
public sealed record ConversationReference
{
    public required string ChannelId { get; init; }
    public required string ServiceUrl { get; init; }
    public required string ConversationId { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? UserAadObjectId { get; init; }
    public string? BotId { get; init; }
    public string? BotName { get; init; }
    public string? Locale { get; init; }
    public string? ActivityId { get; init; }

    public static ConversationReference From(Activity activity) => new()
    {
        ChannelId = activity.ChannelId ?? "",
        ServiceUrl = activity.ServiceUrl ?? "",
        ConversationId = activity.Conversation?.Id ?? "",
        ConversationType = activity.Conversation?.ConversationType,
        TenantId = activity.TenantId,
        UserId = activity.From?.Id,
        UserName = activity.From?.Name,
        UserAadObjectId = activity.From?.AadObjectId,
        BotId = activity.Recipient?.Id,
        BotName = activity.Recipient?.Name,
        Locale = activity.Locale,
        ActivityId = activity.Id,
    };

    /// <summary>An activity addressed to this conversation, as the bot would send it proactively.</summary>
    public Activity CreateActivity(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount { Id = ConversationId, ConversationType = ConversationType, TenantId = TenantId },
        From = BotId is null ? null : new ChannelAccount { Id = BotId, Name = BotName },
        Recipient = UserId is null ? null : new ChannelAccount { Id = UserId, Name = UserName, AadObjectId = UserAadObjectId },
        Locale = Locale,
        Text = text,
    };
}

public static class ProtocolJson
{
    /// <summary>Wire options: camelCase, nulls omitted, unknown properties kept through extension data.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
