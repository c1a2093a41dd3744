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

    /// <summary>
    /// A new version of a stored bot activity, under the same id (a progress line being updated): the old row goes and
    /// the new one takes the next watermark, so a client that already read the old one receives the new one, and Web
    /// Chat shows it in place of the old (it replaces an activity whose id it already holds). The original timestamp
    /// is kept so the message stays where it was in the transcript.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The conversation has no activity with that id.</exception>
    public async Task ReplaceAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("Activity has no conversation.", nameof(activity));
        var id = activity.Id ?? throw new ArgumentException("Activity has no id.", nameof(activity));
        var old = await db.WebChatActivities.FirstOrDefaultAsync(a => a.ConversationId == conversationId && a.ActivityId == id, cancellationToken)
            ?? throw new KeyNotFoundException($"No activity {id} in web chat conversation {conversationId}.");
        activity.Timestamp = JsonNode.Parse(old.Json)?["timestamp"]?.GetValue<DateTimeOffset>() ?? activity.Timestamp ?? clock.GetUtcNow();
        db.WebChatActivities.Remove(old);
        db.WebChatActivities.Add(new WebChatActivity
        {
            ConversationId = conversationId,
            ActivityId = id,
            ClientActivityId = old.ClientActivityId,
            Json = JsonSerializer.Serialize(activity, ProtocolJson.Options),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
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

    public async Task UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        activity.From ??= new ChannelAccount { Id = WebChatChannel.BotId };
        activity.From.Role = "bot";
        await scope.ServiceProvider.GetRequiredService<WebChatStore>().ReplaceAsync(activity, cancellationToken);
    }
}
