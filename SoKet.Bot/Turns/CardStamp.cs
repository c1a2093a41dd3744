using System.Text.Json.Nodes;

namespace SoKet.Bot.Turns;

/// <summary>Marks the buttons of a flow's card with the flow's token (<see cref="TurnInput.TokenField"/>).</summary>
public static class CardStamp
{
    /// <summary>
    /// A copy of <paramref name="card"/> whose every Action.Submit and Action.Execute (in action sets, select
    /// actions and nested show-cards alike) carries <paramref name="token"/> in its data.
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
                        data[TurnInput.TokenField] = token;
                }
                for (var i = 0; i < obj.Count; i++)
                    StampActions(obj.GetAt(i).Value, token);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    StampActions(array[i], token);
                break;
        }
    }
}
