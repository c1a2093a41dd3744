using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Conversations;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Channels.WebChat;

/// <summary>The activities of web chat conversations, kept in the store; the sequence number is the watermark.</summary>
public sealed class WebChatStore(SoKetDbContext db, TimeProvider clock)
{
    public async Task<WebChatConversation> CreateConversationAsync(string userId, CancellationToken cancellationToken)
    {
        var conversation = new WebChatConversation
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)),
            UserId = userId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.WebChatConversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        Telemetry.SoKetTelemetry.WebChatSessions.Add(1);
        return conversation;
    }

    public Task<WebChatConversation?> FindConversationAsync(string id, CancellationToken cancellationToken) =>
        db.WebChatConversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<WebChatActivity?> FindByClientActivityIdAsync(string conversationId, string clientActivityId, CancellationToken cancellationToken) =>
        db.WebChatActivities.AsNoTracking()
            .FirstOrDefaultAsync(a => a.ConversationId == conversationId && a.ClientActivityId == clientActivityId, cancellationToken);

    /// <summary>Stores an activity, giving it an id if it has none; returns the id.</summary>
    public async Task<string> AppendAsync(Activity activity, string? clientActivityId, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("Activity has no conversation.", nameof(activity));
        activity.Id ??= $"{conversationId}|{Guid.NewGuid():N}";
        activity.Timestamp ??= clock.GetUtcNow();
        db.WebChatActivities.Add(new WebChatActivity
        {
            ConversationId = conversationId,
            ActivityId = activity.Id,
            ClientActivityId = clientActivityId,
            Json = JsonSerializer.Serialize(activity, ProtocolJson.Options),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return activity.Id;
    }

    /// <summary>A message from the bot written straight into the conversation (a refusal the user must see in the chat, not only as an HTTP error).</summary>
    public Task<string> AppendBotMessageAsync(string conversationId, string userId, string text, CancellationToken cancellationToken) =>
        AppendAsync(new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = ChannelIds.WebChat,
            ServiceUrl = WebChatChannel.ServiceUrl,
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal" },
            From = new ChannelAccount { Id = WebChatChannel.BotId, Role = "bot" },
            Recipient = new ChannelAccount { Id = userId, Role = "user" },
            Locale = "vi-VN",
            Text = text,
        }, null, cancellationToken);
    /// <summary>
    /// Replaces a bot activity: the old row goes and the new version is stored under the same id at the end of the
    /// conversation, so polling clients receive it again and Web Chat, which keeps one activity per id, shows it in place.
    /// A replacement without a timestamp keeps the original's: Web Chat orders activities by timestamp, so it stays
    /// where the original was instead of jumping to the end.
    /// </summary>
    public async Task<bool> ReplaceAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id;
        if (conversationId is null || activity.Id is null)
            return false;
        // Removed and added in one SaveChanges: one transaction (a crash cannot leave the card gone without its
        // replacement), through the store's write gate like every other write.
        var originals = await db.WebChatActivities
            .Where(a => a.ConversationId == conversationId && a.ActivityId == activity.Id && a.ClientActivityId == null)
            .ToListAsync(cancellationToken);
        if (originals.Count == 0)
            return false;
        activity.Timestamp ??= JsonSerializer.Deserialize<Activity>(originals[0].Json, ProtocolJson.Options)?.Timestamp;
        db.WebChatActivities.RemoveRange(originals);
        try
        {
            await AppendAsync(activity, null, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Replaced by someone else meanwhile: the row to remove was gone, nothing was stored.
            db.ChangeTracker.Clear();
            return false;
        }
        return true;
    }

    public async Task<(IReadOnlyList<JsonNode> Activities, long Watermark)> ReadAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken)
    {
        var rows = await db.WebChatActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && a.Sequence > afterWatermark)
            .OrderBy(a => a.Sequence)
            .Take(max)
            .Select(a => new { a.Sequence, a.Json })
            .ToListAsync(cancellationToken);
        var activities = rows.Select(r => JsonNode.Parse(r.Json)!).ToList();
        return (activities, rows.Count == 0 ? afterWatermark : rows[^1].Sequence);
    }
}

/// <summary>Delivers the bot's activities for the built-in web chat by writing them to the store.</summary>
public sealed class WebChatOutbound(IServiceScopeFactory scopes) : IChannelOutbound
{
    public bool Owns(Activity activity) => activity.ServiceUrl == WebChatChannel.ServiceUrl;

    public async Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        // A scope of its own: proactive sends happen outside any request.
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<WebChatStore>();
        activity.From ??= new ChannelAccount { Id = WebChatChannel.BotId };
        activity.From.Role = "bot";
        return await store.AppendAsync(activity, null, cancellationToken);
    }

    public async Task<bool> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        activity.From ??= new ChannelAccount { Id = WebChatChannel.BotId };
        activity.From.Role = "bot";
        return await scope.ServiceProvider.GetRequiredService<WebChatStore>().ReplaceAsync(activity, cancellationToken);
    }
}
