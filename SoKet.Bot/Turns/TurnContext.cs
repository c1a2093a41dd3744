using System.Security.Claims;
using System.Text.Json.Nodes;
using SoKet.Bot.Conversations;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Turns;

/// <summary>
/// One inbound activity being handled. Handlers read <see cref="Input"/> and <see cref="User"/>, stage their
/// changes in the store (the pipeline saves them once, with the rest of the turn), and reply; replies are
/// buffered and sent only after the turn is stored, so a user never sees an answer for work that was not kept.
/// </summary>
public sealed class TurnContext
{
    private readonly List<Activity> _outgoing = [];
    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];
    private readonly IOutboundSender _outbound;
    private readonly CardLifecycle _cards;

    internal TurnContext(Activity activity, TurnInput input, ClaimsIdentity? identity, JsonObject state, IOutboundSender outbound, CardLifecycle cards)
    {
        Activity = activity;
        Input = input;
        Identity = identity;
        State = state;
        Flow = FlowState.Read(state);
        _outbound = outbound;
        _cards = cards;
    }

    public Activity Activity { get; }

    public TurnInput Input { get; }

    /// <summary>The channel's validated token identity; null in local mode and for web chat.</summary>
    public ClaimsIdentity? Identity { get; }

    /// <summary>Conversation-scoped state, loaded before the handler runs and saved with the turn.</summary>
    public JsonObject State { get; }

    /// <summary>The flow the conversation is in (part of <see cref="State"/>).</summary>
    public FlowState Flow { get; }

    /// <summary>The route being run; set by the pipeline.</summary>
    public RouteEntry? Route { get; internal set; }

    /// <summary>The file a file route is handling (one turn may carry several).</summary>
    public Attachment? CurrentFile { get; internal set; }

    /// <summary>The person behind the turn; set by the pipeline before any route runs.</summary>
    public TurnUser User { get; internal set; } = Anonymous;

    /// <summary>Where this conversation is: a 1:1 chat, a group chat or a channel.</summary>
    public Scopes Scope => ScopeOf(Activity);

    public IReadOnlyList<Activity> Outgoing => _outgoing;

    internal IReadOnlyList<Func<CancellationToken, Task>> AfterCommit => _afterCommit;

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

    /// <summary>
    /// Shows a card of the active flow, its buttons stamped with the flow's token: in place of the pressed card
    /// for Action.Execute (the invoke response), as a new message otherwise. It becomes the flow's live card and
    /// the previous one is closed once the turn is stored (<see cref="CardLifecycle"/>).
    /// </summary>
    public void ShowFlowCard(JsonObject card, string fallbackText)
    {
        var stamped = Flow.Token is { } token ? CardStamp.Stamp(card, token) : card;
        var inPlace = Input.IsInvoke && Input.Kind == InputKind.CardAction;
        _cards.Showing(this, stamped, inPlace);
        if (inPlace)
            InvokeResponse = InvokeResponse.Card(stamped);
        else
            SendCard(stamped, fallbackText);
    }

    /// <summary>Ends the active flow and closes its live card (the user cancelled it).</summary>
    public void CancelFlow()
    {
        Flow.End();
        _cards.Ended(this);
    }

    /// <summary>A short answer: in the invoke response for Action.Execute, as a message otherwise.</summary>
    public void Answer(string text)
    {
        if (Input.IsInvoke)
            InvokeResponse = InvokeResponse.Message(text);
        else
            SendText(text);
    }

    /// <summary>
    /// Work that must happen only once the turn is stored (queueing a suggestion, messaging another person).
    /// It may still add replies; a failure is logged and does not undo the stored turn.
    /// </summary>
    public void OnCommitted(Func<CancellationToken, Task> action) => _afterCommit.Add(action);

    internal void Reset()
    {
        _outgoing.Clear();
        _afterCommit.Clear();
        InvokeResponse = null;
    }

    /// <summary>Typing is shown at once, not buffered: it is what makes a slow turn feel alive.</summary>
    public Task SendTypingAsync(CancellationToken cancellationToken)
    {
        var typing = Activity.CreateReply();
        typing.Type = ActivityTypes.Typing;
        typing.ReplyToId = null;
        return _outbound.SendAsync(typing, cancellationToken);
    }

    internal static Scopes ScopeOf(Activity activity) => activity.Conversation?.ConversationType switch
    {
        "groupChat" => Scopes.GroupChat,
        "channel" => Scopes.Channel,
        _ => activity.Conversation?.IsGroup == true ? Scopes.GroupChat : Scopes.Personal,
    };

    internal static readonly TurnUser Anonymous = new(null, "Đồng chí", null, Roles.None, [], [], []);
}
