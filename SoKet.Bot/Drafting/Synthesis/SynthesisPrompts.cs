using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Drafting.Synthesis;

/// <summary>The synthesis prompt files, Drafting/Prompts/{version}/synthesis/*.md next to the app, read like the drafting prompts.</summary>
public sealed partial class SynthesisPrompts
{
    public static readonly IReadOnlyList<string> Files = ["system.md", "task.md", "regenerate.md"];

    private readonly string root;
    private readonly ConcurrentDictionary<string, (string System, string Task, string Regenerate)> loaded = new(StringComparer.Ordinal);

    public SynthesisPrompts()
        : this(Path.Combine(AppContext.BaseDirectory, "Drafting", "Prompts"))
    {
    }

    public SynthesisPrompts(string root) => this.root = root;

    public IReadOnlyList<string> MissingFiles(string version) =>
        VersionName().IsMatch(version ?? "") ? [.. Files.Where(f => !File.Exists(Path.Combine(root, version!, "synthesis", f))).Select(f => "synthesis/" + f)] : [];

    public (string System, string Task, string Regenerate) Get(string version) => loaded.GetOrAdd(version, v =>
    {
        string Read(string file) => File.ReadAllText(Path.Combine(root, v, "synthesis", file)).Trim();
        return (Read("system.md"), Read("task.md"), Read("regenerate.md"));
    });

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$", RegexOptions.NonBacktracking)]
    private static partial Regex VersionName();
}

/// <summary>Checks on start that the configured prompt version has the synthesis prompts, naming the missing files.</summary>
internal sealed class SynthesisPromptsValidator(SynthesisPrompts prompts) : IValidateOptions<AiOptions>
{
    public ValidateOptionsResult Validate(string? name, AiOptions options) =>
        options.Provider == AiProvider.None || prompts.MissingFiles(options.PromptVersion) is not { Count: > 0 } missing
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{AiOptions.Section}:PromptVersion '{options.PromptVersion}' lacks synthesis prompt files: {string.Join(", ", missing)}.");
}
