using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Turns;

/// <summary>
/// The last card press a flow carried out, kept in conversation state as the card's token and a digest of what the
/// card sent. A double click sends the same press twice: the second one carries a token the first has already used,
/// so it is refused like any older card's press; but its text was carried out by the first press, and giving it back
/// «as not saved» would tell the user something untrue. A press that repeats the last one exactly is told only that it
/// was already handled. It is kept outside the flow itself, so a press that ended its flow is recognised too.
/// </summary>
internal static class RepeatedPress
{
    private const string Key = "lastPress";

    /// <summary>Remembers a card press of a flow's live card, before the flow runs it.</summary>
    public static void Remember(JsonObject state, TurnInput input)
    {
        if (input.Kind != InputKind.CardAction || input.CardToken is not { } token)
            return;
        state[Key] = new JsonObject { ["token"] = token, ["digest"] = Digest(input) };
    }

    /// <summary>True when a refused press is the same press as the last one carried out (same card, same content).</summary>
    public static bool IsRepeat(JsonObject state, TurnInput input) =>
        input.CardToken is { } token
        && state[Key] is JsonObject last
        && last["token"] is JsonValue t && t.TryGetValue<string>(out var lastToken) && lastToken == token
        && last["digest"] is JsonValue d && d.TryGetValue<string>(out var digest) && digest == Digest(input);

    // The action id and every field the card sent, in the order the client sent them: a double click sends the same
    // bytes twice. Eight bytes of SHA-256 tell two different presses of one card apart.
    private static string Digest(TurnInput input)
    {
        var bytes = Encoding.UTF8.GetBytes((input.ActionId ?? "") + "\n" + input.Data.ToJsonString());
        return Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
    }
}
