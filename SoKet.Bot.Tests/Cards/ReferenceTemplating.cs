using System.Text.Json.Nodes;

namespace SoKet.Bot.Tests.Cards;

/// <summary>The outcome of one expansion by Microsoft's adaptivecards-templating.</summary>
/// <param name="Validation">The adaptivecards library's schema 1.5 findings on the result, when asked for.</param>
internal sealed record ReferenceResult(JsonNode? Result, bool Undefined, string? Error, IReadOnlyList<string> Validation)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// Runs SoKet.Bot.Tests/js/expand.js (adaptivecards-templating 2.3.1 under Node) over a batch of
/// template/data pairs in one process. The test project's build installs the npm packages.
/// </summary>
internal static class ReferenceTemplating
{
    /// <param name="cases">Template and data; data null means no data at all ($root undefined).</param>
    /// <param name="validate">Also check each result with the adaptivecards library against schema 1.5.</param>
    public static IReadOnlyList<ReferenceResult> Expand(IReadOnlyList<(JsonNode Template, JsonNode? Data)> cases, bool validate = false)
    {
        var input = new JsonArray();
        foreach (var (template, data) in cases)
        {
            var item = new JsonObject { ["template"] = template.DeepClone() };
            if (data is not null)
            {
                item["data"] = data.DeepClone();
            }

            if (validate)
            {
                item["validate"] = true;
            }

            input.Add(item);
        }

        var output = JsonNode.Parse(NodeScript.Run("expand.js", input.ToJsonString(), "--batch"))!.AsArray();
        return output.Select(r => new ReferenceResult(
                r!["result"]?.DeepClone(),
                r["undefined"] is not null,
                r["error"]?.GetValue<string>(),
                r["validation"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? []))
            .ToList();
    }

    public static ReferenceResult Expand(JsonNode template, JsonNode? data) => Expand([(template, data)])[0];
}
