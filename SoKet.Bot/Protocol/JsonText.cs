using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Protocol;

/// <summary>What makes parsed JSON unusable as text: a lone UTF-16 surrogate, or a property named twice in one object.</summary>
public enum JsonTextProblem { None, LoneSurrogate, DuplicateName }

/// <summary>
/// Whether every string and property name in parsed JSON is text the bot can use. JSON's \uXXXX escapes can spell a
/// lone UTF-16 surrogate ("\ud800"), which is no character; System.Text.Json parses a <see cref="JsonNode"/> or a
/// <see cref="JsonElement"/> lazily and throws only when such a string or name is first read (InvalidOperationException),
/// and a <see cref="JsonObject"/> throws when a name given twice is first looked up (ArgumentException): deep in a turn,
/// or when the store serialises the activity. Reading every string and name once here moves that failure to the
/// boundary, where it is refused with 400 before anything is stored.
/// </summary>
public static class JsonText
{
    /// <summary>No lone surrogate: every high surrogate is followed by a low one, and every low one follows a high one.</summary>
    public static bool IsWellFormed(string? text)
    {
        if (text is null)
            return true;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
                continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                return false;
            i++;
        }
        return true;
    }

    /// <summary>The first problem found in <paramref name="node"/> and everything under it.</summary>
    public static JsonTextProblem Check(JsonNode? node)
    {
        try
        {
            return Walk(node) ? JsonTextProblem.None : JsonTextProblem.LoneSurrogate;
        }
        catch (InvalidOperationException)
        {
            // A string or property name escaped as a lone surrogate, read for the first time.
            return JsonTextProblem.LoneSurrogate;
        }
        catch (ArgumentException)
        {
            // A JsonObject parsed with a property name twice, built into its dictionary for the first time.
            return JsonTextProblem.DuplicateName;
        }
    }

    /// <summary>The same for kept JSON (extension data): its strings and property names.</summary>
    public static JsonTextProblem Check(IReadOnlyDictionary<string, JsonElement>? extra)
    {
        if (extra is null)
            return JsonTextProblem.None;
        try
        {
            foreach (var (name, value) in extra)
            {
                if (!IsWellFormed(name) || !Walk(value))
                    return JsonTextProblem.LoneSurrogate;
            }
            return JsonTextProblem.None;
        }
        catch (InvalidOperationException)
        {
            return JsonTextProblem.LoneSurrogate;
        }
    }

    private static bool Walk(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return true;
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (!IsWellFormed(name) || !Walk(child))
                        return false;
                }
                return true;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (!Walk(item))
                        return false;
                }
                return true;
            default:
                // A parsed string throws here for a lone surrogate; one built from a .NET string is checked as text.
                return node.GetValueKind() != JsonValueKind.String || !node.AsValue().TryGetValue<string>(out var text) || IsWellFormed(text);
        }
    }

    private static bool Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsWellFormed(property.Name) || !Walk(property.Value))
                        return false;
                }
                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!Walk(item))
                        return false;
                }
                return true;
            case JsonValueKind.String:
                return IsWellFormed(element.GetString());
            default:
                return true;
        }
    }
}
