using System.Text.Json.Nodes;
using SoKet.Bot.Cards;

namespace SoKet.Bot.Tests.Cards;

/// <summary>
/// Every sample in Cards/samples, bound by the app's catalog, read the way Web Chat reads it: each TextBlock and fact
/// goes through Web Chat's markdown-it. What the data says must show as written (no list, heading, emphasis, link or
/// code made of it) — with the sample as it is, and with every human-readable string in it made hostile ("2. …",
/// "- …", "*…*", "[…](…)", "`…`", …).
/// </summary>
public sealed class CardMarkdownTests
{
    private const string Hostile = "2. {0} *nghiêng* _gạch_ [liên kết](http://x.vn) `mã` <b>đậm</b>\n- dòng\n# tiêu đề\n> trích\n10) mười";

    public static TheoryData<string> SampleNames() =>
        new(Directory.EnumerateFiles(RepositoryPaths.Samples, "*.data.json").Select(f => Path.GetFileName(f)[..^".data.json".Length]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Every_text_of_the_sample_card_renders_as_written(string sample)
    {
        var data = CardJson.Load(Path.Combine(RepositoryPaths.Samples, sample + ".data.json"));
        var checkedTexts = Check(sample, data);

        Assert.True(checkedTexts.Raw.Count > 0, $"{sample} shows no text to check.");
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Hostile_data_in_the_sample_card_renders_as_written(string sample)
    {
        var data = Hostilize(CardJson.Load(Path.Combine(RepositoryPaths.Samples, sample + ".data.json")));
        var (raw, html) = Check(sample, data);

        // Unescaped, the same data would have become markup: the check above could fail.
        var rawHtml = WebChatMarkdown.Render(raw);
        Assert.Contains(rawHtml, h => WebChatMarkdown.Markup(h).Count > 0);
        Assert.Equal(raw.Count, html.Count);
    }

    /// <summary>Binds the sample escaped (the app's catalog) and unescaped; every Markdown text of the escaped card must show the unescaped characters.</summary>
    private static (IReadOnlyList<string> Raw, IReadOnlyList<string> Html) Check(string sample, JsonNode data)
    {
        var template = TemplateOf(sample);
        var catalog = new CardCatalog(CardCatalog.DefaultDirectory);
        var escaped = MarkdownTexts(catalog.Render(template, data.DeepClone()));
        var raw = MarkdownTexts(CardTemplateBinder.Parse(CardJson.Load(Path.Combine(RepositoryPaths.Cards, template + ".json")), template).Bind(data.DeepClone())!);

        Assert.Equal(raw.Count, escaped.Count);
        var html = WebChatMarkdown.Render(escaped);
        for (var i = 0; i < raw.Count; i++)
        {
            Assert.True(WebChatMarkdown.Markup(html[i]).Count == 0,
                $"{sample}: «{raw[i]}» renders with markup {string.Join(", ", WebChatMarkdown.Markup(html[i]))}: {html[i]}");
            Assert.Equal(WebChatMarkdown.Plain(raw[i]), WebChatMarkdown.VisibleText(html[i]));
        }
        return (raw, html);
    }

    /// <summary>The strings a renderer reads as Markdown, in document order: TextBlock text, fact titles and values.</summary>
    internal static List<string> MarkdownTexts(JsonNode card)
    {
        var texts = new List<string>();
        Walk(card);
        return texts;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    var type = obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                    if (type == "TextBlock" && obj["text"] is JsonValue text)
                        texts.Add(text.ToString());
                    if (type == "FactSet" && obj["facts"] is JsonArray facts)
                    {
                        foreach (var fact in facts.OfType<JsonObject>())
                        {
                            texts.Add(fact["title"]?.ToString() ?? "");
                            texts.Add(fact["value"]?.ToString() ?? "");
                        }
                    }
                    foreach (var (_, child) in obj)
                        Walk(child);
                    break;
                case JsonArray array:
                    foreach (var child in array)
                        Walk(child);
                    break;
            }
        }
    }

    // Human text only (a space or a letter outside ASCII): ids, numbers, flags and enum names ("success") keep the
    // card's shape, since $when compares them.
    private static JsonNode Hostilize(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                    obj[key] = obj[key] is { } child ? Hostilize(child.DeepClone()) : null;
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    array[i] = array[i] is { } item ? Hostilize(item.DeepClone()) : null;
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Any(c => c == ' ' || c > 127):
                return JsonValue.Create(string.Format(System.Globalization.CultureInfo.InvariantCulture, Hostile, text));
            default:
                return node;
        }
    }

    // "notice.error" belongs to the template "notice".
    private static string TemplateOf(string sample) =>
        File.Exists(Path.Combine(RepositoryPaths.Cards, sample + ".json")) ? sample : sample[..sample.LastIndexOf('.')];
}
