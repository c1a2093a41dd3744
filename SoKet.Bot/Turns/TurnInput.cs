using System.Text;
using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;
using SoKet.Bot.Text;

namespace SoKet.Bot.Turns;

public enum InputKind
{
    /// <summary>Nothing the bot answers (typing, reactions, events it does not handle).</summary>
    None,

    /// <summary>Typed text.</summary>
    Text,

    /// <summary>A card button: Action.Submit (a message with value) or Action.Execute (invoke adaptiveCard/action).</summary>
    CardAction,

    /// <summary>Any other invoke, by name (fileConsent/invoke, task/fetch…).</summary>
    Invoke,

    /// <summary>A message carrying files.</summary>
    Files,

    /// <summary>The bot was added to a conversation or installed; a web chat user joined.</summary>
    Welcome,
}

/// <summary>
/// What the user gave in this turn, read once from the activity: the kind, the text (NFC, trimmed) and its
/// folded prefix for matching, a card's action id and data, the card token, the invoke name, the files.
/// Everything after this reads the input, never the activity's raw fields again.
/// </summary>
public sealed class TurnInput
{
    /// <summary>
    /// Commands and questions are short; only this much of a message is folded for matching, so a 256 KB
    /// paste costs no more to route than a sentence (the whole text is kept in <see cref="Text"/>).
    /// </summary>
    public const int MaxMatchedChars = 2_000;

    /// <summary>Card data fields that name the route a button leads to, in the order they are read.</summary>
    public const string ActionField = "action";
    public const string CommandField = "command";

    /// <summary>The card token a flow stamps on its buttons (see <see cref="FlowState"/>).</summary>
    public const string TokenField = "_step";

    private string? _folded;

    private TurnInput(InputKind kind) => Kind = kind;

    public InputKind Kind { get; private init; }

    /// <summary>Typed text in NFC, trimmed, line breaks kept.</summary>
    public string Text { get; private init; } = "";

    /// <summary>The first <see cref="MaxMatchedChars"/> characters of the text, folded: lower case, no diacritics, no punctuation.</summary>
    public string Folded => _folded ??= VietnameseText.FoldForMatching(Text.Length > MaxMatchedChars ? Text[..MaxMatchedChars] : Text);

    /// <summary>Words in <see cref="Folded"/> (0 for no text).</summary>
    public int WordCount => Folded.Length == 0 ? 0 : Folded.Count(c => c == ' ') + 1;

    /// <summary>The route a card button names: data.action, else data.command, else Action.Execute's verb.</summary>
    public string? ActionId { get; private init; }

    /// <summary>The button's data merged with the card's inputs, without the token.</summary>
    public JsonObject Data { get; private init; } = [];

    /// <summary>The flow token the card was stamped with; null for cards outside a flow.</summary>
    public string? CardToken { get; private init; }

    /// <summary>Action.Execute: the answer travels in the invoke response, and may replace the card.</summary>
    public bool IsInvoke { get; private init; }

    public string? InvokeName { get; private init; }

    public IReadOnlyList<Attachment> Files { get; private init; } = [];

    /// <summary>
    /// Set by the routing table when typed text that begins with a command's words (this phrase) went to a flow that
    /// takes it as content: the flow confirms it as text before storing it.
    /// </summary>
    public string? CommandLikeText { get; internal set; }

    public static TurnInput Parse(Activity activity, Func<Activity, IReadOnlyList<Attachment>> fileAttachments)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message when activity.Value is JsonObject submitted:
                return Card(submitted, verb: null, isInvoke: false);
            case ActivityTypes.Message when fileAttachments(activity) is { Count: > 0 } files:
                return new TurnInput(InputKind.Files) { Files = files, Text = Clean(activity.Text) };
            case ActivityTypes.Message:
                return new TurnInput(InputKind.Text) { Text = Clean(BotMention.TextWithout(activity)) };
            case ActivityTypes.Invoke when activity.Name == "adaptiveCard/action":
                var action = activity.Value?["action"] as JsonObject;
                return Card(action?["data"] as JsonObject ?? [], String(action?["verb"]), isInvoke: true);
            case ActivityTypes.Invoke:
                return new TurnInput(InputKind.Invoke) { InvokeName = activity.Name ?? "", IsInvoke = true, Data = activity.Value as JsonObject ?? [] };
            case ActivityTypes.ConversationUpdate when BotWasAdded(activity) || UserJoinedWebChat(activity):
            case ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade":
                return new TurnInput(InputKind.Welcome);
            default:
                return new TurnInput(InputKind.None);
        }
    }

    /// <summary>A string field of the card data; numbers and booleans as their JSON text; null when absent.</summary>
    public string? Field(string name) =>
        Data[name] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;

    public Guid? GuidField(string name) => Guid.TryParse(Field(name), out var id) ? id : null;

    public int IntField(string name) =>
        int.TryParse(Field(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static TurnInput Card(JsonObject data, string? verb, bool isInvoke)
    {
        var copy = data.DeepClone().AsObject();
        var token = String(copy[TokenField]);
        copy.Remove(TokenField);
        // SoKet's cards name their route in the data; Action.Execute's verb is read when the data names none.
        var id = NonEmpty(String(copy[ActionField])) ?? NonEmpty(String(copy[CommandField])) ?? NonEmpty(verb);
        return new TurnInput(InputKind.CardAction) { Data = copy, ActionId = id, CardToken = NonEmpty(token), IsInvoke = isInvoke };
    }

    private static string Clean(string? text) => (text ?? "").Normalize(NormalizationForm.FormC).Trim();

    private static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true;

    private static bool UserJoinedWebChat(Activity activity) =>
        activity.ChannelId == ChannelIds.WebChat && activity.MembersAdded?.Any(m => m.Id == activity.From?.Id) == true;
}
