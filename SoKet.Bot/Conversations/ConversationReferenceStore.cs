using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Conversations;

/// <summary>
/// Keeps, per conversation, what is needed to message it proactively later
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
/// Captured on every inbound activity, including installationUpdate and conversationUpdate.
/// </summary>
public sealed class ConversationReferenceStore(SoKetDbContext db, TimeProvider clock)
{
    /// <summary>Where a conversation's state remembers what was last stored, so an unchanged reference costs no query.</summary>
    private const string StateKey = "ref";

    /// <summary>
    /// Stages the activity's conversation reference with the turn (the caller saves it). The fingerprint of
    /// what is stored is kept in the conversation's <paramref name="state"/>: when nothing changed — every
    /// turn after the first, usually — nothing is read or written.
    /// </summary>
    public async Task StageAsync(Activity activity, System.Text.Json.Nodes.JsonObject state, CancellationToken cancellationToken)
    {
        var channelId = activity.ChannelId;
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(channelId) || string.IsNullOrEmpty(conversationId) || string.IsNullOrEmpty(activity.ServiceUrl))
            return;

        var reference = ConversationReference.From(activity);
        var fromUser = activity.From?.Id is { Length: > 0 } fromId && fromId != activity.Recipient?.Id;
        var reachable = !(activity.Type == ActivityTypes.InstallationUpdate &&
            activity.Action is { } action && action.StartsWith("remove", StringComparison.OrdinalIgnoreCase));
        var fingerprint = string.Join('\u001f', reference.ServiceUrl, reference.ConversationType, reference.TenantId, reference.BotId, reference.BotName,
            reference.Locale, fromUser ? activity.From!.Id : "", fromUser ? activity.From!.Name : "", fromUser ? activity.From!.AadObjectId : "", reachable ? "1" : "0");
        if (state[StateKey] is System.Text.Json.Nodes.JsonValue stored && stored.TryGetValue<string>(out var last) && last == fingerprint)
            return;

        var now = clock.GetUtcNow().UtcDateTime;
        var record = await db.ConversationReferences
            .FirstOrDefaultAsync(r => r.ChannelId == channelId && r.ConversationId == conversationId, cancellationToken);
        if (record is null)
        {
            record = new ConversationReferenceRecord { ChannelId = channelId, ConversationId = conversationId, CreatedAtUtc = now };
            db.ConversationReferences.Add(record);
        }

        record.ServiceUrl = reference.ServiceUrl;
        record.ConversationType = reference.ConversationType ?? record.ConversationType;
        record.TenantId = reference.TenantId ?? record.TenantId;
        record.BotId = reference.BotId ?? record.BotId;
        record.BotName = reference.BotName ?? record.BotName;
        record.Locale = reference.Locale ?? record.Locale;
        record.LastActivityId = reference.ActivityId ?? record.LastActivityId;
        record.UpdatedAtUtc = now;

        // conversationUpdate and installationUpdate come "from" the installing user as well, but a
        // conversationUpdate that only lists added members must not overwrite the user with the bot.
        if (fromUser)
        {
            record.UserId = activity.From!.Id;
            record.UserName = activity.From.Name ?? record.UserName;
            record.UserAadObjectId = activity.From.AadObjectId ?? record.UserAadObjectId;
        }
        record.IsReachable = reachable;
        state[StateKey] = fingerprint;
    }

    public async Task MarkUnreachableAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var record = await db.ConversationReferences
            .FirstOrDefaultAsync(r => r.ChannelId == channelId && r.ConversationId == conversationId, cancellationToken);
        if (record is null)
            return;
        record.IsReachable = false;
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        // Forget the fingerprint the conversation's state keeps, so the user's next message marks it reachable again.
        var state = await db.ConversationStates.FirstOrDefaultAsync(s => s.Key == channelId + "|" + conversationId, cancellationToken);
        if (state is not null && System.Text.Json.Nodes.JsonNode.Parse(state.Json) is System.Text.Json.Nodes.JsonObject json && json.Remove(StateKey))
        {
            state.Json = json.ToJsonString(ConversationStateRecord.JsonOptions);
            state.Version++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A turn of that conversation saved its state meanwhile: the user is active there, which is what matters.
            db.ChangeTracker.Clear();
        }
    }

    public async Task<ConversationReference?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var r = await db.ConversationReferences.AsNoTracking()
            .FirstOrDefaultAsync(x => x.ChannelId == channelId && x.ConversationId == conversationId, cancellationToken);
        return r is null ? null : ToReference(r);
    }

    /// <summary>The user's 1:1 chat with the bot on a channel, if the bot has one.</summary>
    public async Task<ConversationReference?> FindPersonalAsync(string channelId, string userIdOrAadObjectId, CancellationToken cancellationToken)
    {
        var r = await db.ConversationReferences.AsNoTracking()
            .Where(x => x.ChannelId == channelId && (x.UserId == userIdOrAadObjectId || x.UserAadObjectId == userIdOrAadObjectId))
            .Where(x => x.ConversationType == null || x.ConversationType == "personal")
            .OrderByDescending(x => x.UpdatedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        return r is null ? null : ToReference(r);
    }

    internal static ConversationReference ToReference(ConversationReferenceRecord r) => new()
    {
        ChannelId = r.ChannelId,
        ServiceUrl = r.ServiceUrl,
        ConversationId = r.ConversationId,
        ConversationType = r.ConversationType,
        TenantId = r.TenantId,
        UserId = r.UserId,
        UserName = r.UserName,
        UserAadObjectId = r.UserAadObjectId,
        BotId = r.BotId,
        BotName = r.BotName,
        Locale = r.Locale,
        ActivityId = r.LastActivityId,
    };
}
