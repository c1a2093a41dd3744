using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// Card text as a reader sees it: the Markdown escapes SoKet puts in data (MarkdownText.Literal: "2\. Về …", hard
/// breaks "  \n") taken out, so behaviour tests compare the words shown. Whether the escapes are right is checked
/// elsewhere (Cards/CardMarkdownTests, Markdown/MarkdownTextTests, Browser/LiteralTextBrowserTests).
/// </summary>
public static partial class ShownText
{
    public static string Unescape(string text) => Escape().Replace(text.Replace("  \n", "\n", StringComparison.Ordinal), "$1");

    /// <summary>A copy of the card with every string unescaped.</summary>
    public static JsonNode? Of(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Of(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Of).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Unescape(text)),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex Escape();
}
