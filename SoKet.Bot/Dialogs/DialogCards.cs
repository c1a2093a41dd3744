using System.Text.Json.Nodes;

namespace SoKet.Bot.Dialogs;

/// <summary>Marks the buttons of a card a dialog sends with the step they belong to.</summary>
public static class DialogCards
{
    /// <summary>The data field carrying the step token on Action.Submit and Action.Execute.</summary>
    public const string StepTokenField = "_step";

    /// <summary>
    /// A copy of <paramref name="card"/> whose every Action.Submit and Action.Execute (in action
    /// sets, select actions and nested show-cards alike) carries <paramref name="token"/> in its data.
    /// </summary>
    public static JsonObject Stamp(JsonObject card, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var copy = card.DeepClone().AsObject();
        StampActions(copy, token);
        return copy;
    }

    private static void StampActions(JsonNode? node, string token)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name is "Action.Submit" or "Action.Execute")
                {
                    obj["data"] ??= new JsonObject();
                    // String data (a legacy Action.Submit form) cannot carry a field; such buttons stay unstamped.
                    if (obj["data"] is JsonObject data)
                        data[StepTokenField] = token;
                }
                foreach (var child in obj.Select(p => p.Value).ToList())
                    StampActions(child, token);
                break;
            case JsonArray array:
                foreach (var child in array)
                    StampActions(child, token);
                break;
        }
    }
}
