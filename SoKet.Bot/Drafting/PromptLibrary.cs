using SoKet.Bot.Campaigns;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace SoKet.Bot.Drafting;

/// <summary>One version of the prompt files, read from disk.</summary>
public sealed record PromptSet(string Version, string System, string Task, string Regenerate, IReadOnlyDictionary<SectionPurpose, string> Purposes);

/// <summary>
/// The prompts live as Vietnamese text files in Drafting/Prompts/{version}/ next to the app, versioned with the code
/// so a change of wording is reviewed like code and the version in the logs says which wording produced a draft.
/// Placeholders are written {{name}}.
/// </summary>
public sealed partial class PromptLibrary
{
    private readonly string root;
    private readonly ConcurrentDictionary<string, PromptSet> loaded = new(StringComparer.Ordinal);

    public PromptLibrary()
        : this(Path.Combine(AppContext.BaseDirectory, "Drafting", "Prompts"))
    {
    }

    public PromptLibrary(string root) => this.root = root;

    public static string FileName(SectionPurpose purpose) => purpose switch
    {
        SectionPurpose.Shortcomings => "shortcomings.md",
        SectionPurpose.Causes => "causes.md",
        SectionPurpose.ObjectiveCauses => "objective-causes.md",
        SectionPurpose.SubjectiveCauses => "subjective-causes.md",
        SectionPurpose.Lessons => "lessons.md",
        _ => "overall-assessment.md",
    };

    /// <summary>The files a version lacks (empty when complete), for validation on start.</summary>
    public IReadOnlyList<string> MissingFiles(string version)
    {
        if (!VersionName().IsMatch(version ?? ""))
            return ["(the version must be a plain folder name such as v1)"];
        return [.. RequiredFiles().Where(f => !File.Exists(Path.Combine(root, version!, f)))];
    }

    public PromptSet Get(string version) => loaded.GetOrAdd(version, Load);

    /// <summary>Fills {{name}} placeholders; an unknown placeholder is left as written so a typo shows in review.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    private PromptSet Load(string version)
    {
        if (MissingFiles(version) is { Count: > 0 } missing)
            throw new InvalidOperationException($"Prompt version '{version}' lacks: {string.Join(", ", missing)}.");
        var folder = Path.Combine(root, version);
        string Read(string file) => File.ReadAllText(Path.Combine(folder, file)).Trim();
        return new PromptSet(
            version,
            Read("system.md"),
            Read("task.md"),
            Read("regenerate.md"),
            Enum.GetValues<SectionPurpose>().ToDictionary(p => p, p => Read(Path.Combine("purposes", FileName(p)))));
    }

    private static IEnumerable<string> RequiredFiles() =>
        new[] { "system.md", "task.md", "regenerate.md" }
            .Concat(Enum.GetValues<SectionPurpose>().Select(p => Path.Combine("purposes", FileName(p))));

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$", RegexOptions.NonBacktracking)]
    private static partial Regex VersionName();

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}", RegexOptions.NonBacktracking)]
    private static partial Regex Placeholder();
}
