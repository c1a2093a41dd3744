namespace SoKet.Bot.Data;

/// <summary>
/// The last known address of a user or chat, so any feature can message it later (reminders,
/// leader review requests). One row per channel and conversation; upserted on every inbound activity.
/// </summary>
public sealed class ConversationReferenceRecord
{
    public long Id { get; set; }
    public string ChannelId { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string? ConversationType { get; set; }
    public string ServiceUrl { get; set; } = "";
    public string? TenantId { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? UserAadObjectId { get; set; }
    public string? BotId { get; set; }
    public string? BotName { get; set; }
    public string? Locale { get; set; }
    public string? LastActivityId { get; set; }

    /// <summary>False after the app was uninstalled (installationUpdate remove) or the user blocked it.</summary>
    public bool IsReachable { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>Activity ids already handled, so a channel's re-delivery changes nothing twice.</summary>
public sealed class ProcessedActivity
{
    public string ChannelId { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public DateTime ProcessedAtUtc { get; set; }

    /// <summary>
    /// The turn's replies that could not be delivered (JSON array of activities), kept so the channel's re-delivery of
    /// this activity sends them instead of running the stored turn again; null once delivered (the usual case).
    /// </summary>
    public string? PendingReplies { get; set; }
}

/// <summary>Per-conversation state (the dialog stack), versioned for optimistic concurrency.</summary>
public sealed class ConversationStateRecord
{
    public string Key { get; set; } = "";
    public string Json { get; set; } = "{}";
    public int Version { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>
    /// How <see cref="Json"/> is written: Vietnamese as itself, not as \u escapes (six bytes a letter instead of two or
    /// three). The row never reaches a page or a script; a finished drafting conversation's state went from 4,265 to
    /// 3,589 bytes, and the state is written on most turns.
    /// </summary>
    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>A conversation of the built-in web chat channel (Direct Line subset).</summary>
public sealed class WebChatConversation
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// One activity in a web chat conversation, user echoes and bot replies alike. The auto-increment
/// <see cref="Sequence"/> is the Direct Line watermark, so any bot instance sharing the store can
/// serve a client's poll.
/// </summary>
public sealed class WebChatActivity
{
    public long Sequence { get; set; }
    public string ConversationId { get; set; } = "";
    public string ActivityId { get; set; } = "";

    /// <summary>Web Chat's channelData.clientActivityID of a user activity: a re-sent message is recognised and not handled twice.</summary>
    public string? ClientActivityId { get; set; }
    public string Json { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Installation-wide values the app creates once and every instance must share (e.g. the web chat signing key).</summary>
public sealed class AppSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>What a stored file is, which decides how long it is kept (Retention:*).</summary>
public enum StoredFileKind
{
    /// <summary>A file a user uploaded to the web chat.</summary>
    Upload,

    /// <summary>A file the bot kept for a later turn of the same conversation (a unit list waiting for a campaign choice).</summary>
    Kept,

    /// <summary>A document the bot produced for a user (a download link, or a Teams file consent card).</summary>
    Export,
}

/// <summary>
/// A file that passed through the built-in web chat: an upload (a plan, a unit list) or a document
/// the bot produced (an exported report). Downloads use signed links that expire.
/// </summary>
public sealed class StoredFile
{
    public string Id { get; set; } = "";
    public string? ConversationId { get; set; }

    /// <summary>The channel user the file belongs to (web chat user id, Teams user id): uploads count against their quota, download links are bound to them.</summary>
    public string? OwnerId { get; set; }

    public StoredFileKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }

    /// <summary>Null when the upload exceeded the size limit: the bot still learns its name and size and can say why it was refused.</summary>
    public byte[]? Content { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
