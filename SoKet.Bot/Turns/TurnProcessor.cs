using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Turns;

public enum TurnOutcome { Processed, Duplicate, Failed }

public sealed record TurnResult(TurnOutcome Outcome, InvokeResponse? InvokeResponse);

/// <summary>
/// The one pipeline both channels use: de-duplicate → capture the conversation reference → load
/// state → handle → save → send replies. Authentication and channel filtering happen before this,
/// in the channel's endpoint.
/// </summary>
public sealed partial class TurnProcessor(
    SoKetDbContext db,
    IBot bot,
    IOutboundSender outbound,
    ConversationReferenceStore references,
    TimeProvider clock,
    ILogger<TurnProcessor> logger)
{
    internal const string Apology =
        "Xin lỗi, hệ thống gặp sự cố khi xử lý yêu cầu của đồng chí. Nội dung đã lưu không bị mất; đồng chí vui lòng thử lại sau ít phút.";

    internal const string ConcurrencyNotice =
        "Cuộc trò chuyện vừa được cập nhật từ một thao tác khác cùng lúc. Đồng chí vui lòng thực hiện lại thao tác vừa rồi.";

    public async Task<TurnResult> ProcessAsync(Activity activity, ClaimsIdentity? identity, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ActivityId"] = activity.Id,
            ["ChannelId"] = activity.ChannelId,
            ["ActivityType"] = activity.Type,
        });

        if (!await TryMarkProcessedAsync(activity, cancellationToken))
        {
            LogDuplicate(activity.Id);
            return new TurnResult(TurnOutcome.Duplicate, activity.Type == ActivityTypes.Invoke ? DuplicateInvokeResponse() : null);
        }

        await references.CaptureAsync(activity, cancellationToken);

        var stateKey = StateKey(activity);
        var stateRecord = await db.ConversationStates.FirstOrDefaultAsync(s => s.Key == stateKey, cancellationToken);
        var state = ParseState(stateRecord?.Json);
        var turn = new TurnContext(activity, identity, state, outbound);

        var outcome = TurnOutcome.Processed;
        try
        {
            await bot.OnTurnAsync(turn, cancellationToken);
            await SaveStateAsync(stateKey, stateRecord, state, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogStateConflict(activity.Id);
            db.ChangeTracker.Clear();
            await ForgetProcessedAsync(activity, cancellationToken);
            turn.DiscardOutgoing();
            turn.SendText(ConcurrencyNotice);
            turn.InvokeResponse = null;
            outcome = TurnOutcome.Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The user gets a short apology; the details stay in the log, keyed by the activity id.
            LogTurnFailed(ex, activity.Id);
            db.ChangeTracker.Clear();
            await ForgetProcessedAsync(activity, cancellationToken);
            turn.DiscardOutgoing();
            turn.SendText(Apology);
            turn.InvokeResponse = activity.Type == ActivityTypes.Invoke
                ? InvokeResponse.Error(500, "InternalError", Apology)
                : null;
            outcome = TurnOutcome.Failed;
        }

        await SendRepliesAsync(turn, cancellationToken);

        var invoke = activity.Type == ActivityTypes.Invoke
            ? turn.InvokeResponse ?? InvokeResponse.Message("Đã nhận.")
            : null;
        return new TurnResult(outcome, invoke);
    }

    private async Task SendRepliesAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        foreach (var reply in turn.Outgoing)
        {
            try
            {
                await outbound.SendAsync(reply, cancellationToken);
            }
            catch (ConnectorException ex) when (ex.IsRecipientBlocked)
            {
                await references.MarkUnreachableAsync(turn.Activity.ChannelId ?? "", turn.Activity.Conversation?.Id ?? "", cancellationToken);
                LogRecipientBlocked(turn.Activity.Id);
                return;
            }
        }
    }

    private async Task<bool> TryMarkProcessedAsync(Activity activity, CancellationToken cancellationToken)
    {
        // Activities without an id (rare; some conversationUpdates) cannot be re-delivered recognisably.
        if (string.IsNullOrEmpty(activity.Id))
            return true;
        db.ProcessedActivities.Add(new ProcessedActivity
        {
            ChannelId = activity.ChannelId ?? "",
            ConversationId = activity.Conversation?.Id ?? "",
            ActivityId = activity.Id,
            ProcessedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The primary key already exists: another delivery (maybe on another instance) has it.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task ForgetProcessedAsync(Activity activity, CancellationToken cancellationToken)
    {
        // A failed turn must stay retryable: the channel's re-delivery gets a second chance.
        if (string.IsNullOrEmpty(activity.Id))
            return;
        var row = await db.ProcessedActivities.FindAsync([activity.ChannelId ?? "", activity.Conversation?.Id ?? "", activity.Id], cancellationToken);
        if (row is null)
            return;
        db.ProcessedActivities.Remove(row);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task SaveStateAsync(string key, ConversationStateRecord? record, JsonObject state, CancellationToken cancellationToken)
    {
        var json = state.ToJsonString();
        var now = clock.GetUtcNow().UtcDateTime;
        if (record is null)
        {
            if (state.Count == 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            db.ConversationStates.Add(new ConversationStateRecord { Key = key, Json = json, Version = 1, UpdatedAtUtc = now });
        }
        else if (record.Json != json)
        {
            record.Json = json;
            record.Version++;
            record.UpdatedAtUtc = now;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (record is null && ex is not DbUpdateConcurrencyException)
        {
            // Two first turns of one conversation raced to insert its state.
            throw new DbUpdateConcurrencyException(ex.Message, ex);
        }
    }

    private static JsonObject ParseState(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        return JsonNode.Parse(json) as JsonObject ?? [];
    }

    internal static string StateKey(Activity activity) => $"{activity.ChannelId}|{activity.Conversation?.Id}";

    private static InvokeResponse DuplicateInvokeResponse() => InvokeResponse.Message("Yêu cầu này đã được xử lý.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityIdValue} was already processed; ignoring the re-delivery")]
    private partial void LogDuplicate(string? activityIdValue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for activity {ActivityIdValue}")]
    private partial void LogTurnFailed(Exception exception, string? activityIdValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation state changed concurrently during activity {ActivityIdValue}; the user was asked to retry")]
    private partial void LogStateConflict(string? activityIdValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recipient of activity {ActivityIdValue} blocked the bot; conversation marked unreachable")]
    private partial void LogRecipientBlocked(string? activityIdValue);
}
