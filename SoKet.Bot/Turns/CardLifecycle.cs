using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Turns;

/// <summary>
/// Fewer stale cards. A flow shows one live card at a time (<see cref="TurnContext.ShowFlowCard"/>); when it shows the
/// next one, the previous card is closed: replaced under its own message id by a compact card with no buttons and one
/// line saying what happened to it («Đã chọn: Lưu và tiếp tục», or that a newer card replaced it). Teams edits the
/// message (Connector UpdateActivity), the web chat replaces the activity (Web Chat keeps one activity per id).
/// <para>
/// The conversation's state keeps the live card under <c>"card"</c>: its message id, the flow token on its buttons,
/// its title and its buttons (to name what was pressed), and, until the new card is delivered, which card it replaces.
/// The message id is known only once the channel has taken the message, after the turn is stored, so it is stored
/// later: with the conversation's next turn, or a moment later by <see cref="DeliveredCardWriter"/>, guarded by the
/// state version the turn stored (a newer turn's card wins). Web Chat sends no replyToId with a card's Action.Submit, so
/// the id is remembered here rather than read from the press; in Teams, whose activities are signed, a press's
/// replyToId stands in when the id was not written.
/// </para>
/// <para>
/// The old card is closed only after its replacement was delivered, so a failed turn (nothing stored) or an
/// undelivered card (kept for the channel's re-delivery, which closes it then) never leaves the user without a live
/// card. Action.Execute answers with the next card in the invoke response, which Teams puts in place of the pressed
/// card: that message stays the live one. Closing is cosmetic: a failure is logged and never breaks the turn, and a
/// stale button pressed anyway is still refused by the flow token.
/// </para>
/// </summary>
public sealed partial class CardLifecycle(IOutboundSender outbound, ActiveStore store, DeliveredCards delivered, TimeProvider clock, ILogger<CardLifecycle> logger)
{
    private const string Key = "card";
    private const int MaxAttempts = 3;
    private const int MaxTitleChars = 300;

    /// <summary>The note of a card closed by a press of one of its buttons.</summary>
    public const string ChosenNote = "Đã chọn: {0}";

    /// <summary>The note of a card closed because a newer card of the flow was shown (a typed command, a later step).</summary>
    public const string ReplacedNote = "Thẻ này đã được thay bằng thẻ mới bên dưới.";

    /// <summary>The note of a card closed because the user cancelled its flow («hủy», «thoát»).</summary>
    public const string CancelledNote = "Thao tác của thẻ này đã được hủy.";

    /// <summary>
    /// The flow ended with no card after it (cancelled): its live card is closed once the turn is stored, so that no
    /// button on it still looks usable. A card whose message id is not known yet cannot be closed; its buttons are
    /// refused by the flow token, and what was typed on it is given back then (<see cref="TypedOnCard"/>).
    /// </summary>
    internal void Ended(TurnContext turn)
    {
        if (turn.State[Key] is not JsonObject previous)
            return;
        turn.State.Remove(Key);
        var replaces = String(previous["id"]) is { } id
            ? new JsonObject { ["id"] = id, ["title"] = String(previous["title"]), ["note"] = CancelledNote }
            : Pending(previous);
        if (replaces is not null)
            turn.OnCommitted(ct => CloseAsync(turn.Activity.CreateReply(), replaces, ct));
    }

    /// <summary>The flow card <paramref name="stamped"/> is about to be shown: it becomes the live card, the previous one is to be closed.</summary>
    /// <param name="inPlace">Action.Execute: the card goes in the invoke response and replaces the pressed card's message.</param>
    internal void Showing(TurnContext turn, JsonObject stamped, bool inPlace)
    {
        if (turn.Flow.Token is not { } token)
            return;
        var previous = turn.State[Key] as JsonObject;
        var pressed = previous is not null && turn.Input.Kind == InputKind.CardAction && turn.Input.CardToken is { } t && t == String(previous["token"]);
        string? id;
        JsonObject? replaces;
        if (inPlace && pressed)
        {
            // Teams puts the invoke's card in place of the pressed one, which was the live card: it stays live, nothing closes.
            id = NonEmpty(turn.Activity.ReplyToId) ?? String(previous!["id"]);
            replaces = String(previous!["id"]) is null ? Pending(previous) : null;
        }
        else
        {
            id = inPlace ? NonEmpty(turn.Activity.ReplyToId) : null;
            replaces = previous is null ? null : Replaced(turn, previous, pressed, id);
        }
        var live = new JsonObject
        {
            ["id"] = id,
            ["token"] = token,
            ["title"] = Title(stamped),
            ["choices"] = Choices(stamped),
        };
        turn.State[Key] = live;
        if (replaces is null)
            return;
        if (inPlace)
            turn.OnCommitted(ct => CloseAsync(turn.Activity.CreateReply(), replaces, ct));
        else
            live["replaces"] = replaces;
    }

    /// <summary>
    /// <paramref name="reply"/> was delivered with the id <paramref name="id"/>: when it is the live card of its
    /// conversation, the card it replaces is closed and its id remembered. Never throws.
    /// </summary>
    /// <param name="db">The turn's store; what it tracks may be dropped.</param>
    /// <param name="committed">
    /// The state the turn stored. The id, written into it, waits in <see cref="DeliveredCards"/> for the
    /// conversation's next turn or the batch writer, each guarded by that version. Without it (a re-delivery's
    /// replies) the row is read and written here.
    /// </param>
    internal async Task SentAsync(SoKetDbContext db, Activity reply, string? id, CommittedState? committed, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || StampedToken(reply) is not { } token)
            return;
        try
        {
            if (committed is not null)
            {
                // The row as this turn stored it: nothing to read. The id waits for the next turn or the batch writer.
                if (!Remember(committed.State, token, id, out var replaced))
                    return;
                if (replaced is not null)
                    await CloseAsync(reply, replaced, cancellationToken);
                delivered.Add(committed.Key, new DeliveredCards.Entry(token, id, committed.Version, committed.State));
                return;
            }
            // The turn's store may still track the row as the turn left it: a query would hand back that stale copy.
            db.ChangeTracker.Clear();
            var key = TurnProcessor.StateKey(reply);
            var closed = false;
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var record = await db.ConversationStates.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
                var state = record is null ? null : JsonNode.Parse(record.Json) as JsonObject;
                if (record is null || state is null || !Remember(state, token, id, out var replaces))
                    return; // a newer card is live (or none was recorded): nothing of this one to keep
                if (!closed && replaces is not null)
                    await CloseAsync(reply, replaces, cancellationToken);
                closed = true;
                record.Json = state.ToJsonString(ConversationStateRecord.JsonOptions);
                record.Version++;
                record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
                try
                {
                    // Lost in a power cut, the id only means the next card cannot close this one: no reason to wait
                    // for the disk a second time in the turn.
                    await store.Provider.SaveDeferringFlushAsync(db, cancellationToken);
                    return;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // A turn of the conversation stored its state meanwhile: read it again.
                    db.ChangeTracker.Clear();
                }
            }
            LogNotRemembered(id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRememberFailed(ex, id);
        }
    }

    /// <summary>
    /// Writes the delivered message id into the live card of <paramref name="state"/> when that card carries
    /// <paramref name="token"/>; it no longer replaces anything (that card was closed on delivery). False when a newer
    /// card is live.
    /// </summary>
    internal static bool Remember(JsonObject state, string token, string id) => Remember(state, token, id, out _);

    /// <param name="replaced">What the card was to close on delivery, taken out of the state.</param>
    private static bool Remember(JsonObject state, string token, string id, out JsonObject? replaced)
    {
        replaced = null;
        if (state[Key] is not JsonObject live || String(live["token"]) != token)
            return false;
        live["id"] = id;
        replaced = live["replaces"] as JsonObject;
        live.Remove("replaces");
        return true;
    }

    /// <summary>The closed form of a card: its title and one line, no buttons.</summary>
    public static JsonObject Compact(string? title, string note)
    {
        var body = new JsonArray();
        if (!string.IsNullOrWhiteSpace(title))
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["isSubtle"] = true, ["wrap"] = true });
        body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = note, ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true, ["spacing"] = "Small" });
        return new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = body };
    }

    /// <summary>What closing <paramref name="previous"/> takes (its id, title and note), or null when nothing is to be closed.</summary>
    private static JsonObject? Replaced(TurnContext turn, JsonObject previous, bool pressed, string? liveId)
    {
        var previousId = String(previous["id"]);
        // Teams' activities are signed and a press carries the pressed message's id; the web chat's may be forged.
        if (previousId is null && pressed && turn.Activity.ChannelId == ChannelIds.Teams)
            previousId = NonEmpty(turn.Activity.ReplyToId);
        if (previousId is null)
            return Pending(previous);
        if (previousId == liveId)
            return null;
        var chosen = pressed ? ChosenTitle(previous["choices"] as JsonArray, turn.Input) : null;
        return new JsonObject
        {
            ["id"] = previousId,
            ["title"] = String(previous["title"]),
            ["note"] = chosen is null ? ReplacedNote : string.Format(CultureInfo.InvariantCulture, ChosenNote, chosen),
        };
    }

    /// <summary>A card that was never delivered closes nothing itself: what it was to close is still to be closed.</summary>
    private static JsonObject? Pending(JsonObject previous) => previous["replaces"] is JsonObject pending ? (JsonObject)pending.DeepClone() : null;

    private async Task CloseAsync(Activity shape, JsonObject replaces, CancellationToken cancellationToken)
    {
        if (String(replaces["id"]) is not { } id)
            return;
        var note = String(replaces["note"]) ?? ReplacedNote;
        var update = new Activity
        {
            Type = ActivityTypes.Message,
            Id = id,
            ChannelId = shape.ChannelId,
            ServiceUrl = shape.ServiceUrl,
            Conversation = shape.Conversation,
            From = shape.From,
            Recipient = shape.Recipient,
            Locale = shape.Locale,
            Summary = note,
            Attachments = [Attachment.AdaptiveCard(Compact(String(replaces["title"]), note))],
        };
        try
        {
            if (!await outbound.UpdateAsync(update, cancellationToken))
                LogNotClosed(id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCloseFailed(ex, id);
        }
    }

    /// <summary>The title of the button whose data the press carried (a row's text for a row's select action).</summary>
    private static string? ChosenTitle(JsonArray? choices, TurnInput input)
    {
        foreach (var choice in choices ?? [])
        {
            if (choice is not JsonObject c || String(c["route"]) != input.ActionId)
                continue;
            if (c["data"] is JsonObject data && data.Any(p => !JsonNode.DeepEquals(p.Value, input.Data[p.Key])))
                continue;
            return String(c["title"]);
        }
        return null;
    }

    /// <summary>The card's heading: its first bold (or heading) text block, else its first text block.</summary>
    private static string? Title(JsonObject card)
    {
        var blocks = Objects(card["body"]).Where(o => String(o["type"]) == "TextBlock" && String(o["text"]) is { Length: > 0 }).ToList();
        var heading = blocks.FirstOrDefault(o => String(o["style"]) == "heading" || string.Equals(String(o["weight"]), "Bolder", StringComparison.OrdinalIgnoreCase))
            ?? blocks.FirstOrDefault();
        var text = heading is null ? null : String(heading["text"])!.Trim();
        return text is { Length: > MaxTitleChars } ? text[..MaxTitleChars] + "…" : text;
    }

    /// <summary>Every button of the card as route, data (without the route and token) and the title a person saw.</summary>
    private static JsonArray Choices(JsonObject card)
    {
        var choices = new JsonArray();
        // Buttons before select actions: when a button and a row carry the same data («Soạn tiếp: A. …» and the row
        // of A.), the button's own title names the press.
        var objects = Objects(card);
        foreach (var node in objects)
        {
            if (IsButton(node) && !IsSelectAction(node))
                Add(node, null);
        }
        foreach (var node in objects)
        {
            if (node["selectAction"] is JsonObject select && IsButton(select))
                Add(select, FirstText(node));
        }
        return choices;

        void Add(JsonObject action, string? shown)
        {
            var data = action["data"] as JsonObject ?? [];
            var route = String(data[TurnInput.ActionField]) ?? String(data[TurnInput.CommandField]) ?? String(action["verb"]);
            if (route is null)
                return;
            var rest = new JsonObject();
            foreach (var (name, value) in data)
                if (name is not (TurnInput.ActionField or TurnInput.CommandField or TurnInput.TokenField))
                    rest[name] = value?.DeepClone();
            var title = shown ?? String(action["title"]) ?? route;
            choices.Add(new JsonObject { ["route"] = route, ["title"] = title.Length > MaxTitleChars ? title[..MaxTitleChars] + "…" : title, ["data"] = rest });
        }

        static bool IsSelectAction(JsonObject action) => action.Parent is JsonObject owner && ReferenceEquals(owner["selectAction"], action);
    }

    /// <summary>The flow token stamped on the buttons of the reply's card; null for anything else.</summary>
    private static string? StampedToken(Activity reply) =>
        reply.Attachments?
            .Where(a => a.ContentType == Attachment.AdaptiveCardContentType)
            .SelectMany(a => Objects(a.Content))
            .Where(IsButton)
            .Select(b => String(b["data"]?[TurnInput.TokenField]))
            .FirstOrDefault(t => t is not null);

    private static bool IsButton(JsonObject node) => String(node["type"]) is "Action.Submit" or "Action.Execute";

    /// <summary>Every object in <paramref name="node"/>, depth first, itself included.</summary>
    /// <remarks>
    /// One list filled by a plain walk: a recursive iterator allocated an enumerator per object and level, and was a
    /// tenth of what a drafting turn allocated (bench/README.md, "Figures (2026-12-07, afternoon …)").
    /// </remarks>
    private static List<JsonObject> Objects(JsonNode? node)
    {
        var objects = new List<JsonObject>();
        Collect(node, objects);
        return objects;

        static void Collect(JsonNode? node, List<JsonObject> objects)
        {
            switch (node)
            {
                case JsonObject obj:
                    objects.Add(obj);
                    for (var i = 0; i < obj.Count; i++)
                        Collect(obj.GetAt(i).Value, objects);
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                        Collect(array[i], objects);
                    break;
            }
        }
    }

    /// <summary>The first non-empty text block below <paramref name="row"/>, depth first: what a person reads on a row they press.</summary>
    private static string? FirstText(JsonObject row) =>
        Objects(row).Skip(1).Select(o => String(o["type"]) == "TextBlock" ? String(o["text"]) : null).FirstOrDefault(t => t is { Length: > 0 });

    private static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    [LoggerMessage(Level = LogLevel.Information, Message = "The channel cannot replace message {MessageId}; the superseded card stays as it was")]
    private partial void LogNotClosed(string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the superseded card {MessageId} failed; its buttons stay refused by the flow token")]
    private partial void LogCloseFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The id {MessageId} of the live card kept conflicting with concurrent turns and was not remembered")]
    private partial void LogNotRemembered(string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remembering the live card {MessageId} failed; the next card will not close it")]
    private partial void LogRememberFailed(Exception exception, string messageId);
}

/// <summary>The conversation's state as a turn stored it: its row's key and version, and the state itself.</summary>
internal sealed record CommittedState(string Key, int Version, JsonObject State);
