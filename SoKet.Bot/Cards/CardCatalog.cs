using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoKet.Bot.Text;

namespace SoKet.Bot.Cards;

/// <summary>
/// The Adaptive Card templates in the <c>cards</c> folder next to the app (the build copies the
/// repository's <c>cards/</c> there), parsed once at construction so that a broken template fails at
/// start-up rather than in front of a user.
/// </summary>
public sealed class CardCatalog
{
    private readonly FrozenDictionary<string, CardTemplateBinder> _templates;
    private readonly FrozenDictionary<string, JsonObject> _sources;

    /// <param name="directory">The folder holding the templates; a template's name is its path below it without ".json", with '/' separators.</param>
    public CardCatalog(string directory, ILogger<CardCatalog>? logger = null)
    {
        Directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new DirectoryNotFoundException($"The card template folder {Directory} does not exist; the build copies cards/ next to the app.");
        }

        var templates = new Dictionary<string, CardTemplateBinder>(StringComparer.Ordinal);
        var sources = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories))
        {
            var name = Path.ChangeExtension(Path.GetRelativePath(Directory, file), null).Replace('\\', '/');
            var (binder, json) = Load(file, name);
            templates.Add(name, binder);
            sources.Add(name, json);
        }

        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
        _sources = sources.ToFrozenDictionary(StringComparer.Ordinal);
        logger?.LogInformation("Loaded {Count} card templates from {Directory}", _templates.Count, Directory);
    }

    /// <summary>Where the app's templates are: <c>cards/</c> in the app's base directory.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "cards");

    public string Directory { get; }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>The template as written (expressions unbound), for checks of what its buttons lead to.</summary>
    public JsonObject Source(string name) => _sources[name];

    /// <summary>
    /// Binds the named template to <paramref name="data"/>: a <see cref="JsonNode"/> as it is, any other
    /// object serialized with the web defaults (camelCase names), null for no data. Returns a new card
    /// each call. Data renders as written: a TextBlock or fact that binds data is escaped for Markdown
    /// (<see cref="MarkdownText.Literal"/>); Markdown is what a template writes without bindings.
    /// </summary>
    /// <exception cref="ArgumentException">No template has that name.</exception>
    /// <exception cref="CardTemplateException">Binding failed, or did not produce a single card object.</exception>
    public JsonObject Render(string name, object? data)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new ArgumentException(
                $"No card template named '{name}' in {Directory}. Known templates: {string.Join(", ", _templates.Keys.Order(StringComparer.Ordinal))}.",
                nameof(name));
        }

        var node = data switch
        {
            null => null,
            JsonNode json => json,
            _ => JsonSerializer.SerializeToNode(data, data.GetType(), JsonSerializerOptions.Web),
        };

        return template.Bind(node, MarkdownText.Literal) as JsonObject
            ?? throw new CardTemplateException($"Card template '{name}' did not produce a card object for this data (a $data or $when on its root removed or repeated it).");
    }

    private static (CardTemplateBinder Binder, JsonObject Json) Load(string file, string name)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new CardTemplateException($"Card template '{name}' ({file}) is not valid JSON: {e.Message}", e);
        }

        if (json is not JsonObject card)
        {
            throw new CardTemplateException($"Card template '{name}' ({file}) must be a JSON object (an AdaptiveCard).");
        }

        return (CardTemplateBinder.Parse(json, name), card);
    }
}
