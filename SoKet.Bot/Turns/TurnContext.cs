using System.Security.Claims;
using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Turns;

/// <summary>
/// One inbound activity being handled. Replies are buffered and sent only after the turn's state
/// is saved, so a user never sees an answer for work that was not stored.
/// </summary>
public sealed class TurnContext(Activity activity, ClaimsIdentity? identity, JsonObject state, IOutboundSender outbound)
{
    private readonly List<Activity> _outgoing = [];

    public Activity Activity { get; } = activity;

    /// <summary>The channel's validated token identity; null in local mode and for web chat.</summary>
    public ClaimsIdentity? Identity { get; } = identity;

    /// <summary>Conversation-scoped state, loaded before the handler runs and saved after it.</summary>
    public JsonObject State { get; } = state;

    public IReadOnlyList<Activity> Outgoing => _outgoing;

    /// <summary>
    /// What a card button sent: Action.Submit arrives as a message whose value holds the button's data
    /// merged with the inputs; Action.Execute as an invoke with value.action.data.
    /// </summary>
    public JsonObject? SubmittedData =>
        Activity.Type == ActivityTypes.Invoke ? Activity.Value?["action"]?["data"] as JsonObject : Activity.Value as JsonObject;

    public string? SubmittedString(string name) =>
        SubmittedData?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : SubmittedData?[name]?.ToString();

    /// <summary>Set by the handler of an invoke activity; a default is answered when left null.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    public void Send(Activity reply) => _outgoing.Add(reply);

    public void SendText(string text) => Send(Activity.CreateReply(text));

    public void SendCard(JsonNode card, string? fallbackText = null)
    {
        var reply = Activity.CreateReply();
        reply.Attachments = [Attachment.AdaptiveCard(card)];
        reply.Summary = fallbackText;
        Send(reply);
    }

    internal void DiscardOutgoing() => _outgoing.Clear();

    /// <summary>Typing is shown at once, not buffered: it is what makes a slow turn feel alive.</summary>
    public Task SendTypingAsync(CancellationToken cancellationToken)
    {
        var typing = Activity.CreateReply();
        typing.Type = ActivityTypes.Typing;
        typing.ReplyToId = null;
        return outbound.SendAsync(typing, cancellationToken);
    }
}

/// <summary>The bot's logic: one call per inbound activity, whatever the channel.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}
