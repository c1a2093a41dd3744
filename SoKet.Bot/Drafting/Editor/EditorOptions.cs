using Microsoft.Extensions.Options;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>The section editor (a page beside the chat for long sections). Section "Editor".</summary>
public sealed class EditorOptions
{
    public const string Section = "Editor";

    /// <summary>
    /// The https address Teams loads the editor dialog from (its host must be in the app manifest's validDomains).
    /// Unset: the address the request that opened the editor came to (enough for the web chat and local mode).
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// How long an editor link works. Each answer of the editor's API hands the open page a renewed link, and an open
    /// page asks for one every quarter of this while nothing is typed, so an open page keeps working; a link copied out
    /// of it stops after this long.
    /// </summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often the page stores its draft on the server while the text changes.</summary>
    public TimeSpan AutosaveInterval { get; set; } = TimeSpan.FromSeconds(5);
}

internal sealed class EditorOptionsValidator : IValidateOptions<EditorOptions>
{
    public ValidateOptionsResult Validate(string? name, EditorOptions options)
    {
        const string S = EditorOptions.Section;
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicUrl)
            && (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.Query.Length > 0))
            errors.Add($"{S}:PublicUrl must be an absolute https URL such as https://soket.tinhuy.vn; got '{options.PublicUrl}'.");
        if (options.LinkLifetime < TimeSpan.FromMinutes(1) || options.LinkLifetime > TimeSpan.FromHours(12))
            errors.Add($"{S}:LinkLifetime must be between 1 minute and 12 hours.");
        if (options.AutosaveInterval < TimeSpan.FromSeconds(1) || options.AutosaveInterval > TimeSpan.FromMinutes(5))
            errors.Add($"{S}:AutosaveInterval must be between 1 second and 5 minutes.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
