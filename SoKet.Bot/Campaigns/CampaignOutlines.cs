using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Campaigns;

/// <summary>
/// A campaign with its outline, read-only, kept in memory for a few minutes: every drafting turn shows a card built
/// from the outline, which never changes once a campaign is created (the admin edits it on the confirmation card,
/// before). Keeping it saves two queries a turn. Callers must not change what they get.
/// </summary>
public sealed class CampaignOutlines(TimeProvider clock)
{
    /// <summary>Long enough to serve a drafting session, short enough that another instance's change (a campaign closed) is seen soon.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, (Campaign Campaign, DateTimeOffset Expires)> _campaigns = new();

    public async Task<Campaign> GetAsync(SoKetDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_campaigns.TryGetValue(campaignId, out var cached) && cached.Expires > now)
            return cached.Campaign;
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Sections).AsSplitQuery().FirstAsync(c => c.Id == campaignId, cancellationToken);
        campaign.Sections.Sort((a, b) => a.Order.CompareTo(b.Order));
        _campaigns[campaignId] = (campaign, now + Lifetime);
        if (_campaigns.Count > 1000)
            foreach (var stale in _campaigns.Where(c => c.Value.Expires <= now).Select(c => c.Key).ToList())
                _campaigns.TryRemove(stale, out _);
        return campaign;
    }
}
