using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Turns;

/// <summary>
/// What a group chat or channel gets when someone asks there for something that happens only in a 1:1 chat
/// (drafting, the whole draft, suggestions, exports): a short notice and, in Teams, a button that opens the 1:1 chat
/// with the bot. Nothing of a unit's report is ever in it.
/// </summary>
public static class PersonalOnlyNotice
{
    /// <summary>
    /// Teams' deep link to a chat with a bot: the bot's id with its "28:" prefix as the user
    /// (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-teams, "Deep link to
    /// start a new chat"; "message" pre-fills the compose box).
    /// </summary>
    public static string? ChatLink(Activity activity, string? message)
    {
        if (activity.ChannelId != ChannelIds.Teams || activity.Recipient?.Id is not { } botId || !botId.StartsWith("28:", StringComparison.Ordinal))
            return null;
        var link = "https://teams.microsoft.com/l/chat/0/0?users=" + Uri.EscapeDataString(botId);
        if (!string.IsNullOrWhiteSpace(message) && message.Length <= 60)
            link += "&message=" + Uri.EscapeDataString(message.Trim());
        return link;
    }

    public static JsonObject Card(string? chatLink)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = TurnTexts.PersonalOnly, ["wrap"] = true }),
        };
        if (chatLink is not null)
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Mở trò chuyện riêng với Trợ lý sơ kết", ["url"] = chatLink });
        return card;
    }

    /// <summary>Answers the turn with the notice: as the invoke's message for Action.Execute, else as a card.</summary>
    public static void Send(TurnContext turn)
    {
        if (turn.Input.IsInvoke)
        {
            turn.Answer(TurnTexts.PersonalOnly);
            return;
        }
        var typed = turn.Input.Kind == InputKind.Text ? turn.Input.Text : null;
        turn.SendCard(Card(ChatLink(turn.Activity, typed)), TurnTexts.PersonalOnly);
    }
}
