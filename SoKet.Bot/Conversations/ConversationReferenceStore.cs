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
    public async Task CaptureAsync(Activity activity, CancellationToken cancellationToken)
    {
        var channelId = activity.ChannelId;
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(channelId) || string.IsNullOrEmpty(conversationId) || string.IsNullOrEmpty(activity.ServiceUrl))
            return;

        var now = clock.GetUtcNow().UtcDateTime;
        var record = await db.ConversationReferences
            .FirstOrDefaultAsync(r => r.ChannelId == channelId && r.ConversationId == conversationId, cancellationToken);
        if (record is null)
        {
            record = new ConversationReferenceRecord { ChannelId = channelId, ConversationId = conversationId, CreatedAtUtc = now };
            db.ConversationReferences.Add(record);
        }

        var reference = ConversationReference.From(activity);
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
        if (activity.From?.Id is { Length: > 0 } fromId && fromId != activity.Recipient?.Id)
        {
            record.UserId = fromId;
            record.UserName = activity.From.Name ?? record.UserName;
            record.UserAadObjectId = activity.From.AadObjectId ?? record.UserAadObjectId;
        }

        record.IsReachable = !(activity.Type == ActivityTypes.InstallationUpdate &&
            activity.Action is { } action && action.StartsWith("remove", StringComparison.OrdinalIgnoreCase));

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another turn of the same new conversation inserted it first; its copy is as good as ours.
            db.ChangeTracker.Clear();
        }
    }

    public async Task MarkUnreachableAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var record = await db.ConversationReferences
            .FirstOrDefaultAsync(r => r.ChannelId == channelId && r.ConversationId == conversationId, cancellationToken);
        if (record is null)
            return;
        record.IsReachable = false;
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
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
