using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Channels.BotConnector;

/// <summary>
/// In a channel or group chat Teams only delivers messages that @mention the bot, with the mention in the text
/// ("&lt;at&gt;Trợ lý sơ kết&lt;/at&gt; hạn nộp") and a mention entity naming the bot
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations#retrieve-mentions).
/// The bot's own mention is addressing, not content: it is taken out before the text is read.
/// </summary>
internal static class TeamsMentions
{
    public static void RemoveRecipientMention(Activity activity)
    {
        if (activity.Type != ActivityTypes.Message || string.IsNullOrEmpty(activity.Text) || activity.Entities is not { Count: > 0 } entities)
            return;
        var botId = activity.Recipient?.Id;
        if (string.IsNullOrEmpty(botId))
            return;
        var text = activity.Text;
        foreach (var entity in entities)
        {
            if (String(entity["type"]) != "mention" || entity["mentioned"] is not JsonObject mentioned || String(mentioned["id"]) != botId)
                continue;
            if (String(entity["text"]) is { Length: > 0 } mentionText)
                text = text.Replace(mentionText, " ", StringComparison.Ordinal);
        }
        activity.Text = text.Trim();
    }

    private static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
