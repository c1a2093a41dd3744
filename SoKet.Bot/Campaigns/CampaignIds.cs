using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Campaigns;

/// <summary>
/// Ids from card data resolved in the caller's scope at the campaign level: an open campaign (office staff), a plan
/// import they read, a file kept in their conversation. Anything outside that scope resolves to null exactly like an
/// id that does not exist. Report-level ids (reports, drafts, sections, the caller's units) are resolved by
/// OwnedIds in the Reports folder, which sits above this layer; the split keeps Campaigns from depending on Reports.
/// </summary>
public sealed class CampaignIds(SoKetDbContext db, ITurnFiles files)
{
    /// <summary>An id longer than any of ours is refused before any lookup.</summary>
    private const int MaxFileIdLength = 64;

    /// <summary>An open campaign, for office staff (who run every campaign); none for anyone else or any other id.</summary>
    public async Task<Guid?> OpenCampaignAsync(TurnContext turn, Guid? campaignId, CancellationToken cancellationToken)
    {
        if (campaignId is not { } id || !turn.User.IsAdmin)
            return null;
        return await db.Campaigns.AsNoTracking().Where(c => c.Id == id && c.Status == CampaignStatus.Open).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// A plan import the caller read themselves (tracked: confirming or discarding changes it). In local mode the
    /// single local operator has no person record, so imports without one belong to them.
    /// </summary>
    public async Task<PendingPlanImport?> PlanImportAsync(TurnContext turn, Guid? importId, CancellationToken cancellationToken)
    {
        if (importId is not { } id || !turn.User.IsAdmin)
            return null;
        var personId = turn.User.PersonId;
        return await db.PendingPlanImports.FirstOrDefaultAsync(p => p.Id == id && p.CreatedByPersonId == personId, cancellationToken);
    }

    /// <summary>A file kept earlier in this conversation for this user; none for a file of any other conversation or user.</summary>
    public Task<InboundFile?> KeptFileAsync(TurnContext turn, string? fileId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(fileId) || fileId.Length > MaxFileIdLength ? Task.FromResult<InboundFile?>(null) : files.FindKeptAsync(turn, fileId, cancellationToken);
}
