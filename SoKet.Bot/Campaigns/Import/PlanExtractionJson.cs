using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// The stable JSON form of <see cref="PlanExtraction"/> printed by <c>import-plan PATH --json</c> and
/// documented in docs/import-plan-json.md: camelCase names, enums as camelCase strings, dates as
/// "yyyy-MM-dd", every property present (null when unknown) so consumers can rely on the shape,
/// Vietnamese left readable rather than \u-escaped. The one exception is an <see cref="Unsure"/> note
/// ("unsure", "unitGroupUnsure", "dueUnsure"): written only on a fact the importer inferred, so a plan read
/// exactly as written keeps the schema-1 shape property for property.
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
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitAbsentUnsureNotes } };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void OmitAbsentUnsureNotes(JsonTypeInfo type)
    {
        foreach (var property in type.Properties.Where(p => p.PropertyType == typeof(Unsure)))
        {
            property.ShouldSerialize = static (_, value) => value is not null;
        }
    }
}
