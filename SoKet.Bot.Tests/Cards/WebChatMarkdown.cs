using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SoKet.Bot.Tests.Cards;

/// <summary>
/// What Web Chat makes of Markdown: SoKet.Bot.Tests/js/markdown.js runs the web chat page's own markdown-it with Web
/// Chat's options under Node, over a batch of texts in one process.
/// </summary>
internal static partial class WebChatMarkdown
{
    /// <summary>The HTML Web Chat puts in the page for each text.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
            return [];
        return JsonSerializer.Deserialize<List<string>>(NodeScript.Run("markdown.js", JsonSerializer.Serialize(texts)))!;
    }

    public static string Render(string text) => Render([text])[0];

    /// <summary>
    /// Element names in the HTML other than the paragraphs and line breaks that plain text becomes. A web address
    /// written out is made a link of itself (linkify): its text stays as written, so that is not markup either.
    /// </summary>
    public static IReadOnlyList<string> Markup(string html) =>
        Tag().Matches(Linkified().Replace(html, m => WebUtility.HtmlDecode(m.Groups["href"].Value).EndsWith(WebUtility.HtmlDecode(m.Groups["text"].Value), StringComparison.Ordinal) ? m.Groups["text"].Value : m.Value))
            .Select(m => m.Groups["name"].Value.ToLowerInvariant()).Where(n => n is not ("p" or "br")).Distinct().ToList();

    [GeneratedRegex(@"<a href=""(?<href>[^""]*)"">(?<text>[^<]*)</a>")]
    private static partial Regex Linkified();

    /// <summary>
    /// The text a reader sees, one line per line: paragraphs separated by a blank line, line breaks kept, entities
    /// decoded, soft breaks as spaces, and the typographer's quotes and dashes written plainly (see <see cref="Plain"/>).
    /// </summary>
    public static string VisibleText(string html)
    {
        // A line break in the source of a paragraph is a soft break: the browser shows a space.
        var text = html.Trim().Replace("<br />\n", "\u0001", StringComparison.Ordinal).Replace("</p>\n<p>", "\u0002", StringComparison.Ordinal)
            .Replace('\n', ' ').Replace("\u0001", "\n", StringComparison.Ordinal).Replace("\u0002", "\n\n", StringComparison.Ordinal);
        return Plain(WebUtility.HtmlDecode(Tag().Replace(text, "")).Trim());
    }

    /// <summary>
    /// Text as a reader would take it from Markdown without markup: lines trimmed, runs of blank lines one blank line,
    /// and typographic quotes and dashes (markdown-it's typographer makes them) in their ASCII spelling.
    /// </summary>
    public static string Plain(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim());
        var joined = BlankLines().Replace(string.Join("\n", lines), "\n\n").Trim();
        return joined.Replace('“', '"').Replace('”', '"').Replace('‘', '\'').Replace('’', '\'')
            .Replace("—", "---", StringComparison.Ordinal).Replace("–", "--", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"</?(?<name>[a-zA-Z][a-zA-Z0-9]*)[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
