using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Tests.Cards;

internal static class CardJson
{
    private static readonly JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Canonical text for comparing cards: every number as the double JavaScript holds (so 1.50, 1.5
    /// and 15e-1 agree, and -0 is 0), and object properties in JavaScript's enumeration order (array-index
    /// keys such as "0" first, ascending; then the others as given), which is how the reference engine
    /// writes objects it copies from data. Strings and everything else exactly as given. Vietnamese stays
    /// readable in a failing assertion's diff.
    /// </summary>
    public static string Normalize(JsonNode? node) => Canonical(node)?.ToJsonString(Readable) ?? "null";

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => ArrayIndex(p.Key) ?? uint.MaxValue)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonical).ToArray()),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            JsonValue.Create(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) + 0d),
        _ => node.DeepClone(),
    };

    // ECMAScript array index: a canonical decimal below 2^32 - 1. OrderBy is stable, so other keys keep their order.
    private static uint? ArrayIndex(string key) =>
        uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index != uint.MaxValue
        && index.ToString(CultureInfo.InvariantCulture) == key
            ? index
            : null;

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    public static JsonNode Load(string path) => JsonNode.Parse(File.ReadAllText(path))!;
}
