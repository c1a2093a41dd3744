using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// The stable JSON form of <see cref="PlanExtraction"/> printed by <c>import-plan PATH --json</c> and
/// documented in docs/import-plan-json.md: camelCase names, enums as camelCase strings, dates as
/// "yyyy-MM-dd", every property present (null when unknown) so consumers can rely on the shape,
/// Vietnamese left readable rather than \u-escaped.
/// </summary>
public static class PlanExtractionJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(PlanExtraction extraction) => JsonSerializer.Serialize(extraction, Options);

    public static PlanExtraction? Deserialize(string json) => JsonSerializer.Deserialize<PlanExtraction>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = true,
            // The output is a document for people and tools, not HTML: keep "Thành ủy" as is.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            IgnoreReadOnlyProperties = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
