using System.Diagnostics;
using System.Text;
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
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

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

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.ReferenceEngine,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("expand.js");
        startInfo.ArgumentList.Add("--batch");

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start node; Node.js 20 or later must be on PATH for the card parity tests.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("adaptivecards-templating (node expand.js) did not finish in time.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node expand.js exited with {process.ExitCode}: {stderr.Result}");
        }

        var output = JsonNode.Parse(stdout.Result)!.AsArray();
        return output.Select(r => new ReferenceResult(
                r!["result"]?.DeepClone(),
                r["undefined"] is not null,
                r["error"]?.GetValue<string>(),
                r["validation"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? []))
            .ToList();
    }

    public static ReferenceResult Expand(JsonNode template, JsonNode? data) => Expand([(template, data)])[0];
}
