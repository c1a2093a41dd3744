using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Channels.BotConnector;

/// <summary>
/// In a channel or group chat Teams only delivers messages that @mention the bot, with the mention in the text
/// ("&lt;at&gt;Trợ lý sơ kết&lt;/at&gt; hạn nộp") and a mention entity naming the bot
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions).
/// The bot's own mention is addressing, not content: Turns/BotMention takes it out before the text is read.
/// </summary>
internal static class TeamsMentions
{
    /// <summary>
    /// Whether a Teams message is meant for the bot. In a 1:1 chat, always; in a channel or group chat a typed
    /// message is the bot's only when it @mentions the bot (an app granted ChannelMessage.Read.Group receives every
    /// message there, and must not answer people talking to each other). Card submits carry a value and are always the bot's.
    /// </summary>
    public static bool IsAddressedToBot(Activity activity)
    {
        if (activity.Type != ActivityTypes.Message || activity.Value is not null)
            return true;
        if (activity.Conversation?.ConversationType is not ("channel" or "groupChat") && activity.Conversation?.IsGroup != true)
            return true;
        var botId = activity.Recipient?.Id;
        return activity.Entities?.Any(e => String(e["type"]) == "mention" && e["mentioned"] is JsonObject m && String(m["id"]) == botId) == true;
    }

    private static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
