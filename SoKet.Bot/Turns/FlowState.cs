using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Turns;

/// <summary>
/// The one flow a conversation is in (drafting a report, say), kept in conversation state: its name, the
/// schema version of its state, the token stamped on the buttons of its latest card, and its state as JSON.
/// A button of an older card carries an older token, so a double click or a stale card is recognised and
/// changes nothing twice. A flow stored by another version of the code (unknown name, newer or older schema,
/// state that no longer reads) is dropped and the user told, so a deploy never strands anyone mid-flow.
/// </summary>
public sealed class FlowState
{
    private const string Key = "flow";
    private readonly JsonObject _state;

    private FlowState(JsonObject state, string? name, int version, string? token, JsonObject? data)
    {
        _state = state;
        Name = name;
        Version = version;
        Token = token;
        Data = data;
    }

    /// <summary>The active flow's name; null when the conversation is idle.</summary>
    public string? Name { get; private set; }

    public int Version { get; private set; }

    /// <summary>The token on the buttons of the flow's latest card.</summary>
    public string? Token { get; private set; }

    public JsonObject? Data { get; private set; }

    public bool IsActive(string name) => Name == name;

    internal static FlowState Read(JsonObject conversationState)
    {
        if (conversationState[Key] is not JsonObject flow)
            return new FlowState(conversationState, null, 0, null, null);
        return new FlowState(conversationState,
            flow["name"] is JsonValue n && n.TryGetValue<string>(out var name) ? name : null,
            flow["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 0,
            flow["token"] is JsonValue t && t.TryGetValue<string>(out var token) ? token : null,
            flow["data"] as JsonObject);
    }

    /// <summary>The flow's state as <typeparamref name="T"/>, or null when it is not active or no longer reads (then it is ended).</summary>
    public T? Get<T>(string name, int version) where T : class
    {
        if (Name != name || Data is null)
            return null;
        if (Version != version)
        {
            End();
            return null;
        }
        try
        {
            return Data.Deserialize<T>(Options);
        }
        catch (JsonException)
        {
            End();
            return null;
        }
    }

    /// <summary>Starts (or continues) <paramref name="name"/> with <paramref name="data"/> and a fresh token for its next card.</summary>
    public string Set<T>(string name, int version, T data)
    {
        Name = name;
        Version = version;
        Data = JsonSerializer.SerializeToNode(data, Options) as JsonObject ?? [];
        Token = NewToken();
        Write();
        return Token;
    }

    /// <summary>Keeps the state but stamps the next card with a new token: the buttons of earlier cards stop working.</summary>
    public string Renew()
    {
        Token = NewToken();
        Write();
        return Token;
    }

    public void End()
    {
        Name = null;
        Version = 0;
        Token = null;
        Data = null;
        _state.Remove(Key);
    }

    private void Write() => _state[Key] = new JsonObject
    {
        ["name"] = Name,
        ["version"] = Version,
        ["token"] = Token,
        ["data"] = Data?.DeepClone(),
    };

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
