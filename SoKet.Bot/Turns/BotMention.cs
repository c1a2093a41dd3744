using System.Net;
using System.Text.RegularExpressions;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Turns;

/// <summary>
/// In a Teams group chat or channel the bot hears only messages that @mention it, and the text carries the mention as
/// "&lt;at&gt;Trợ lý sơ kết&lt;/at&gt; soạn báo cáo"
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations).
/// The mention of the bot itself is not part of the request, so it is taken out before the text is matched.
/// </summary>
public static partial class BotMention
{
    public static string? TextWithout(Activity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrEmpty(text) || !text.Contains("<at>", StringComparison.OrdinalIgnoreCase))
            return text;
        var botNames = (activity.Entities ?? [])
            .Where(e => e["type"]?.ToString() == "mention" && e["mentioned"]?["id"]?.ToString() == activity.Recipient?.Id)
            .Select(e => e["text"]?.ToString()).OfType<string>().ToList();
        foreach (var mention in botNames)
            text = text.Replace(mention, " ", StringComparison.Ordinal);
        // Without entities (some clients), a leading mention is still the bot's: Teams puts it first.
        text = LeadingMention().Replace(text, " ");
        return WebUtility.HtmlDecode(text).Trim();
    }

    [GeneratedRegex(@"^\s*<at>[^<]{0,200}</at>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LeadingMention();
}
