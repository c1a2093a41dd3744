using System.Text.Json.Nodes;

namespace SoKet.Bot.Cards;

/// <summary>Where a card's buttons lead: the route ids in Action.Submit / Action.Execute data (action, command) and verbs.</summary>
public static class CardActions
{
    /// <summary>Every button target of <paramref name="card"/> (action sets, select actions, show-cards alike), as written.</summary>
    public static IEnumerable<string> Targets(JsonNode? card)
    {
        switch (card)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name is "Action.Submit" or "Action.Execute")
                {
                    if (String(obj["verb"]) is { } verb)
                        yield return verb;
                    if (obj["data"] is JsonObject data)
                    {
                        if (String(data["action"]) is { } action)
                            yield return action;
                        if (String(data["command"]) is { } command)
                            yield return command;
                    }
                }
                foreach (var (_, child) in obj)
                    foreach (var target in Targets(child))
                        yield return target;
                break;
            case JsonArray array:
                foreach (var child in array)
                    foreach (var target in Targets(child))
                        yield return target;
                break;
        }
    }

    /// <summary>A target bound from data at render time ("${command}"), which only a rendered sample can check.</summary>
    public static bool IsBound(string target) => target.Contains("${", StringComparison.Ordinal);

    private static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
