using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Turns.Routing;
using SoKet.Bot.Text;

namespace SoKet.Bot.Turns;

public enum TurnOutcome
{
    Processed,
    Duplicate,
    Failed,

    /// <summary>The turn is stored but its replies could not all be delivered: the channel should deliver the activity again.</summary>
    RepliesPending,
}

public sealed record TurnResult(TurnOutcome Outcome, InvokeResponse? InvokeResponse);

/// <summary>
/// The one pipeline both channels use: read the input once → load the conversation's state → resolve the route
/// and the user → check who may run it, and where → run it (it stages its changes) → store everything the turn
/// wrote in one transaction (the processed activity id, the conversation reference when it changed, the
/// feature's changes, the state) → send the replies. A turn is stored whole or not at all: a failure leaves
/// nothing half-written and the activity retryable; a conflict with a concurrent turn runs it again on what is
/// now stored. Authentication and channel filtering happen before this, in the channel's endpoint.
/// </summary>
public sealed partial class TurnProcessor(
    SoKetDbContext db,
    RouteTable routes,
    ITurnUserResolver users,
    ITurnFiles files,
    IOutboundSender outbound,
    CardLifecycle cards,
    DeliveredCards delivered,
    ConversationReferenceStore references,
    ActiveStore store,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<TurnProcessor> logger)
{
    /// <summary>A conflict with a concurrent turn runs this one again on fresh data, at most this many times in all.</summary>
    private const int MaxAttempts = 3;

    // Every turn runs these two: compiled once, they skip EF Core's walk of the query's expression tree and its
    // cache lookup on each call (bench/README.md, "Where a warm turn's time goes").
    private static readonly Func<SoKetDbContext, string, string, string, CancellationToken, Task<ProcessedActivity?>> ProcessedQuery =
        EF.CompileAsyncQuery((SoKetDbContext db, string channelId, string conversationId, string activityId, CancellationToken _) =>
            db.Set<ProcessedActivity>().AsNoTracking().FirstOrDefault(p => p.ChannelId == channelId && p.ConversationId == conversationId && p.ActivityId == activityId));

    private static readonly Func<SoKetDbContext, string, CancellationToken, Task<ConversationStateRecord?>> StateQuery =
        EF.CompileAsyncQuery((SoKetDbContext db, string key, CancellationToken _) => db.Set<ConversationStateRecord>().FirstOrDefault(s => s.Key == key));

    public async Task<TurnResult> ProcessAsync(Activity activity, ClaimsIdentity? identity, CancellationToken cancellationToken)
    {
        using var telemetry = Telemetry.TurnTelemetry.Start(activity.ChannelId, activity.Type);
        var result = await ProcessTurnAsync(activity, identity, cancellationToken);
        telemetry.Complete(result.Outcome.ToString());
        return result;
    }

    private async Task<TurnResult> ProcessTurnAsync(Activity activity, ClaimsIdentity? identity, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ActivityId"] = activity.Id,
            ["ChannelId"] = activity.ChannelId,
            ["ActivityType"] = activity.Type,
        });

        // One connection for the turn's reads and its commit: left to itself, EF Core opens and closes it around every
        // query, about eight times a turn (bench/README.md). It is let go before the replies are sent, so that no
        // connection is held while the channel answers.
        TurnInput input;
        TurnContext turn;
        ConversationStateRecord? stored;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // A channel's re-delivery of a turn already stored is answered at once, without running it again (its
            // replies are sent now if they could not be the first time).
            if (await FindProcessedAsync(activity, cancellationToken) is { } processed)
                return await DuplicateAsync(activity, processed, cancellationToken);

            input = TurnInput.Parse(activity, files.FileAttachments);
            var stateKey = StateKey(activity);
            for (var attempt = 1; ; attempt++)
            {
                var record = await StateQuery(db, stateKey, cancellationToken);
                turn = new TurnContext(activity, input, identity, ParseState(record?.Json), outbound, cards);
                // The previous card's message id, when it is still waiting to be written: it is stored with this turn.
                var waiting = record is null ? null : delivered.ApplyTo(stateKey, record.Version, turn.State);
                try
                {
                    await RunAsync(turn, cancellationToken);
                    StageProcessed(activity);
                    await references.StageAsync(activity, turn.State, cancellationToken);
                    stored = StageState(stateKey, record, turn.State);
                    await db.SaveChangesAsync(cancellationToken);
                    if (waiting is not null)
                        delivered.Stored(stateKey, waiting);
                    break;
                }
                catch (DbUpdateException ex) when (store.Provider.IsConflict(ex))
                {
                    db.ChangeTracker.Clear();
                    // Two deliveries of one activity at once: the other one stored it (and sends the replies).
                    if (await FindProcessedAsync(activity, cancellationToken) is not null)
                        return Duplicate(activity);
                    if (attempt < MaxAttempts)
                    {
                        LogConflictRetry(ex, activity.Id, attempt);
                        continue;
                    }
                    LogStateConflict(ex, activity.Id);
                    return await FailAsync(turn, TurnTexts.ConcurrencyNotice, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Nothing of the turn was stored: the user is told so, and the channel's re-delivery gets a second chance.
                    LogTurnFailed(ex, activity.Id);
                    db.ChangeTracker.Clear();
                    return await FailAsync(turn, TurnTexts.Apology, cancellationToken);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        foreach (var action in turn.AfterCommit)
        {
            try
            {
                await action(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The turn is stored; follow-up work that failed (a notification, a queue) must not turn it into an error.
                LogAfterCommitFailed(ex, activity.Id);
            }
        }
        var committed = stored is null ? null : new CommittedState(stored.Key, stored.Version, turn.State);
        var undelivered = await SendRepliesAsync(turn.Activity, turn.Outgoing, committed, cancellationToken);
        var invoke = input.IsInvoke ? turn.InvokeResponse ?? InvokeResponse.Message("Đã nhận.") : null;
        if (undelivered.Count == 0)
            return new TurnResult(TurnOutcome.Processed, invoke);
        await KeepPendingAsync(activity, undelivered, cancellationToken);
        return new TurnResult(TurnOutcome.RepliesPending, invoke);
    }

    /// <summary>A re-delivery: if the stored turn's replies are still pending, they are sent now; nothing runs again.</summary>
    private async Task<TurnResult> DuplicateAsync(Activity activity, ProcessedActivity processed, CancellationToken cancellationToken)
    {
        if (processed.PendingReplies is not { } json)
            return Duplicate(activity);
        var pending = System.Text.Json.JsonSerializer.Deserialize<List<Activity>>(json, ProtocolJson.Options) ?? [];
        var undelivered = await SendRepliesAsync(activity, pending, committed: null, cancellationToken);
        await KeepPendingAsync(activity, undelivered, cancellationToken);
        LogPendingResent(activity.Id, pending.Count - undelivered.Count, undelivered.Count);
        return undelivered.Count == 0 ? Duplicate(activity) : new TurnResult(TurnOutcome.RepliesPending, null);
    }

    /// <summary>Stores (or clears, when all were delivered) the replies a re-delivery must still send.</summary>
    private async Task KeepPendingAsync(Activity activity, IReadOnlyList<Activity> undelivered, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var row = await db.ProcessedActivities.FirstOrDefaultAsync(p =>
            p.ChannelId == (activity.ChannelId ?? "") && p.ConversationId == (activity.Conversation!.Id ?? "") && p.ActivityId == activity.Id, cancellationToken);
        if (row is null)
            return;
        row.PendingReplies = undelivered.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(undelivered, ProtocolJson.Options);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private TurnResult Duplicate(Activity activity)
    {
        LogDuplicate(activity.Id);
        return new TurnResult(TurnOutcome.Duplicate, activity.Type == ActivityTypes.Invoke ? InvokeResponse.Message("Yêu cầu này đã được xử lý.") : null);
    }

    private async Task RunAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var input = turn.Input;
        var channelId = turn.Activity.ChannelId;
        if (input.Kind == InputKind.Files)
        {
            turn.User = await users.ResolveAsync(turn.Activity, cancellationToken);
            foreach (var file in input.Files)
            {
                if (routes.ForFile(file.Name ?? "", channelId, turn.User, turn.Scope) is not { } fileRoute)
                {
                    turn.SendText(string.Format(CultureInfo.InvariantCulture, TurnTexts.UnsupportedFile, MarkdownText.Literal(file.Name)));
                    continue;
                }
                await RunRouteAsync(turn, fileRoute, cancellationToken, file);
            }
            return;
        }

        var match = routes.Resolve(input, turn.Flow, channelId);
        switch (match.Miss)
        {
            case RouteMiss.None:
                if (match.Route!.Flow is not null)
                    RepeatedPress.Remember(turn.State, input);
                turn.User = match.Route!.IsWelcome ? TurnContext.Anonymous : await users.ResolveAsync(turn.Activity, cancellationToken);
                await RunRouteAsync(turn, match.Route!, cancellationToken, file: null);
                return;
            case RouteMiss.NotUnderstood:
                var reply = turn.Activity.CreateReply(string.Format(CultureInfo.InvariantCulture, TurnTexts.NotUnderstood, TurnTexts.Quote(input.Text)));
                reply.SuggestedActions = new SuggestedActions
                {
                    Actions = [CardAction.ImBack("Trợ giúp"), CardAction.ImBack("Soạn báo cáo"), CardAction.ImBack("Hạn nộp báo cáo khi nào?")],
                };
                turn.Send(reply);
                return;
            case RouteMiss.UnknownAction:
                LogUnknownAction(input.ActionId);
                if (input.IsInvoke && input.ActionId is null)
                    turn.InvokeResponse = InvokeResponse.Error(400, "BadRequest", "Thao tác trên thẻ thiếu tên lệnh.");
                else
                    turn.Answer(TurnTexts.UnknownAction);
                return;
            case RouteMiss.StaleCard or RouteMiss.FlowEnded when RepeatedPress.IsRepeat(turn.State, input):
                // A double click: the first press carried out this very content, so nothing is given back.
                LogStaleCard(input.ActionId, input.CardToken);
                turn.Answer(TurnTexts.AlreadyHandled);
                return;
            case RouteMiss.StaleCard:
                LogStaleCard(input.ActionId, input.CardToken);
                turn.Answer(TurnTexts.AlreadyHandled);
                GiveBackTypedText(turn);
                return;
            case RouteMiss.FlowEnded:
                turn.Answer(TurnTexts.FlowEnded);
                GiveBackTypedText(turn);
                return;
            case RouteMiss.UnsupportedInvoke:
                turn.InvokeResponse = InvokeResponse.Error(501, "NotImplemented", $"Invoke '{input.InvokeName}' is not supported.");
                return;
        }
    }

    // A refused press must not take the user's writing with it: what they typed on the card comes back as a message.
    private static void GiveBackTypedText(TurnContext turn)
    {
        if (TypedOnCard.GiveBack(turn.Input) is { } typed)
            turn.SendText(typed);
    }

    private async Task RunRouteAsync(TurnContext turn, RouteEntry route, CancellationToken cancellationToken, Attachment? file)
    {
        turn.Route = route;
        Telemetry.TurnTelemetry.Command(route.Id);
        if ((route.Scopes & turn.Scope) == 0)
        {
            PersonalOnlyNotice.Send(turn);
            return;
        }
        if (!turn.User.Holds(route.Roles))
        {
            LogRefused(route.Id, turn.User.PersonId);
            turn.Answer(route.Refusal?.Invoke(turn.User) ?? (route.Roles == Roles.Admin ? TurnTexts.NotAllowed : TurnTexts.NotAllowedForRole));
            return;
        }
        turn.CurrentFile = file;
        await route.Bind(services)(turn, cancellationToken);
    }

    private async Task<TurnResult> FailAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        turn.Reset();
        turn.SendText(text);
        if (turn.Input.IsInvoke)
            turn.InvokeResponse = InvokeResponse.Error(500, "InternalError", text);
        await SendRepliesAsync(turn.Activity, turn.Outgoing, committed: null, cancellationToken);
        return new TurnResult(TurnOutcome.Failed, turn.InvokeResponse);
    }

    /// <summary>Sends the replies in order; returns those that could not be delivered (from the first failure on).</summary>
    /// <param name="committed">The conversation's state as this turn stored it; null when the turn stored none (a re-delivery, a failure).</param>
    private async Task<IReadOnlyList<Activity>> SendRepliesAsync(Activity activity, IReadOnlyList<Activity> replies, CommittedState? committed, CancellationToken cancellationToken)
    {
        for (var i = 0; i < replies.Count; i++)
        {
            string? id;
            try
            {
                id = await outbound.SendAsync(replies[i], cancellationToken);
            }
            catch (ConnectorException ex) when (ex.IsRecipientBlocked)
            {
                // Nobody to deliver to: nothing is pending.
                await references.MarkUnreachableAsync(activity.ChannelId ?? "", activity.Conversation?.Id ?? "", cancellationToken);
                LogRecipientBlocked(activity.Id);
                return [];
            }
            catch (Exception ex) when (ex is ConnectorException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogRepliesUndelivered(ex, activity.Id, replies.Count - i);
                return replies.Skip(i).ToList();
            }
            // A flow's new card is on screen: the card it replaces is closed now (never throws).
            await cards.SentAsync(db, replies[i], id, committed, cancellationToken);
        }
        return [];
    }

    private void StageProcessed(Activity activity)
    {
        // Activities without an id (rare; some conversationUpdates) cannot be re-delivered recognisably.
        if (string.IsNullOrEmpty(activity.Id))
            return;
        db.ProcessedActivities.Add(new ProcessedActivity
        {
            ChannelId = activity.ChannelId ?? "",
            ConversationId = activity.Conversation?.Id ?? "",
            ActivityId = activity.Id,
            ProcessedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
    }

    private Task<ProcessedActivity?> FindProcessedAsync(Activity activity, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(activity.Id)
            ? Task.FromResult<ProcessedActivity?>(null)
            : ProcessedQuery(db, activity.ChannelId ?? "", activity.Conversation?.Id ?? "", activity.Id, cancellationToken);

    /// <summary>Stages the state's row; returns it (null: the conversation has no state to keep).</summary>
    private ConversationStateRecord? StageState(string key, ConversationStateRecord? record, JsonObject state)
    {
        var json = state.ToJsonString(ConversationStateRecord.JsonOptions);
        var now = clock.GetUtcNow().UtcDateTime;
        if (record is null)
        {
            if (state.Count == 0)
                return null;
            record = new ConversationStateRecord { Key = key, Json = json, Version = 1, UpdatedAtUtc = now };
            db.ConversationStates.Add(record);
        }
        else if (record.Json != json)
        {
            record.Json = json;
            record.Version++;
            record.UpdatedAtUtc = now;
        }
        return record;
    }

    private static JsonObject ParseState(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    internal static string StateKey(Activity activity) => $"{activity.ChannelId}|{activity.Conversation?.Id}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityIdValue} was already processed; ignoring the re-delivery")]
    private partial void LogDuplicate(string? activityIdValue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for activity {ActivityIdValue}; nothing of it was stored")]
    private partial void LogTurnFailed(Exception exception, string? activityIdValue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityIdValue} conflicted with a concurrent change (attempt {Attempt}); running it again")]
    private partial void LogConflictRetry(Exception exception, string? activityIdValue, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityIdValue} kept conflicting with concurrent changes; the user was asked to retry")]
    private partial void LogStateConflict(Exception exception, string? activityIdValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work after storing activity {ActivityIdValue} failed; the turn itself is stored")]
    private partial void LogAfterCommitFailed(Exception exception, string? activityIdValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recipient of activity {ActivityIdValue} blocked the bot; conversation marked unreachable")]
    private partial void LogRecipientBlocked(string? activityIdValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {ActivityIdValue} is stored but {Count} of its replies could not be delivered; kept for the channel's re-delivery")]
    private partial void LogRepliesUndelivered(Exception exception, string? activityIdValue, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-delivery of activity {ActivityIdValue}: {Sent} pending replies sent, {Left} still pending")]
    private partial void LogPendingResent(string? activityIdValue, int sent, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card submitted unknown action {ActionId}")]
    private partial void LogUnknownAction(string? actionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a stale card press of {ActionId} (token {CardToken})")]
    private partial void LogStaleCard(string? actionId, string? cardToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused route {RouteId} for person {PersonId}: role not allowed")]
    private partial void LogRefused(string routeId, Guid? personId);
}
