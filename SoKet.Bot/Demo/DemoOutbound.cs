using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Demo;

/// <summary>
/// The demo's invented people (…@laichau.example) have no Teams account to message. So that reminders, review
/// requests and notifications to them run the real path — outbox, rate limits, conversation lookup, proactive
/// send, "sent" in the status — each is given a 1:1 conversation on this logging channel, which writes the message
/// to the log instead of sending it. The web chat user who joins a demo unit gets real messages in the browser.
/// </summary>
public sealed partial class DemoOutbound(ILogger<DemoOutbound> logger) : IChannelOutbound
{
    public const string ChannelId = "soket-demo";

    /// <summary>Not an HTTP address on purpose, like the web chat's: nothing for this serviceUrl ever reaches a Connector.</summary>
    public const string ServiceUrl = "urn:soket:demo";

    public bool Owns(Activity activity) => activity.ServiceUrl == ServiceUrl;

    public Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        LogMessage(logger, activity.Recipient?.Name ?? activity.Conversation?.Id ?? "", Describe(activity));
        return Task.FromResult<string?>(Guid.NewGuid().ToString("N"));
    }

    public Task UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        LogMessage(logger, activity.Recipient?.Name ?? activity.Conversation?.Id ?? "", "(cập nhật) " + Describe(activity));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Gives the campaign's demo people (the demo list's e-mails, never linked to a real chat) their conversation on
    /// this channel, or gives it back to one who lost it; staged, the caller saves.
    /// </summary>
    internal static async Task ConnectAsync(SoKetDbContext db, Guid campaignId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var units = db.Set<Campaigns.Unit>().Where(u => u.CampaignId == campaignId);
        var ids = await units.SelectMany(u => u.Members.Select(m => m.PersonId))
            .Concat(units.Where(u => u.LeaderPersonId != null).Select(u => u.LeaderPersonId!.Value))
            .Distinct().ToListAsync(cancellationToken);
        var people = await db.People.Where(p => ids.Contains(p.Id) && (p.ChannelId == null || p.ChannelId == ChannelId) && p.Email != null && p.Email.EndsWith(DemoUnits.EmailDomain))
            .ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            var address = "demo:" + person.Email;
            person.ChannelId = ChannelId;
            person.ChannelUserId = address;
            if (await db.ConversationReferences.AnyAsync(r => r.ChannelId == ChannelId && r.ConversationId == address, cancellationToken))
                continue;
            db.ConversationReferences.Add(new ConversationReferenceRecord
            {
                ChannelId = ChannelId, ConversationId = address, ConversationType = "personal", ServiceUrl = ServiceUrl,
                UserId = address, UserName = person.DisplayName, BotId = "soket-bot", BotName = "Trợ lý sơ kết", Locale = "vi-VN",
                IsReachable = true, CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc,
            });
        }
    }

    private static string Describe(Activity activity)
    {
        var text = activity.Text ?? activity.Summary ?? (activity.Attachments is { Count: > 0 } ? "(thẻ)" : "");
        return text.Length <= 500 ? text : text[..500] + "…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: message for {Recipient}, logged here instead of sent (demo people have no chat account): {Text}")]
    private static partial void LogMessage(ILogger logger, string recipient, string text);
}
