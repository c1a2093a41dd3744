using System.Text.Json.Nodes;

namespace SoKet.Bot.Dialogs;

/// <summary>A frame as read from conversation state, before anything about it is trusted.</summary>
internal sealed record StoredFrame(string? Id, int Version, string? Step, string? Token, JsonObject? State);

/// <summary>
/// Reads and writes the stack under <see cref="Key"/> in conversation state:
/// <c>[{"id","version","step","token","state"}, …]</c>, bottom first.
/// </summary>
internal static class DialogStackStore
{
    public const string Key = "dialogStack";

    /// <returns>The stored frames; null when the stack is not a JSON array at all.</returns>
    public static IReadOnlyList<StoredFrame>? Read(JsonObject state)
    {
        var node = state[Key];
        if (node is null)
            return [];
        if (node is not JsonArray array)
            return null;
        return array.Select(ReadFrame).ToList();
    }

    public static void Write(JsonObject state, IReadOnlyList<DialogInstance> stack)
    {
        if (stack.Count == 0)
        {
            state.Remove(Key);
            return;
        }
        var array = new JsonArray();
        foreach (var frame in stack)
        {
            array.Add(new JsonObject
            {
                ["id"] = frame.Id,
                ["version"] = frame.Dialog.Version,
                ["step"] = frame.Step,
                ["token"] = frame.Token,
                ["state"] = frame.Dialog.SaveState(frame.State),
            });
        }
        state[Key] = array;
    }

    private static StoredFrame ReadFrame(JsonNode? node)
    {
        if (node is not JsonObject frame)
            return new StoredFrame(null, 0, null, null, null);
        return new StoredFrame(
            String(frame["id"]),
            frame["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 0,
            String(frame["step"]),
            String(frame["token"]),
            frame["state"]?.DeepClone() as JsonObject);
    }

    private static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
