using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Reports;

/// <summary>A unit the caller drafts for, in an open campaign.</summary>
public sealed record OwnedUnit(Guid UnitId, string UnitName, Guid CampaignId, string Code);

/// <summary>
/// The one place where a report-level id taken from card data or typed text (a report, a unit the caller drafts for,
/// a section, an indicator row, a section draft) is turned into the thing it names — always through
/// the caller's own scope: their units, their reports, their conversation. An id of anything outside that scope
/// resolves to null exactly like an id that does not exist, so a handler cannot tell the two apart and neither can
/// the caller. Handlers never look such an id up in the store themselves. Campaign-level ids (a campaign, a plan
/// import, a kept file) are resolved the same way by <see cref="CampaignIds"/>.
/// </summary>
public sealed class OwnedIds(SoKetDbContext db, ReportService reports)
{
    /// <summary>A report of a unit the caller is a member of (they draft it).</summary>
    public Task<ReportView?> DraftableReportAsync(TurnContext turn, Guid? reportId, CancellationToken cancellationToken) =>
        DraftableReportAsync(turn.User, reportId, cancellationToken);

    /// <summary>The same, for a request outside a turn whose user was resolved like a turn's (the section editor's page).</summary>
    public async Task<ReportView?> DraftableReportAsync(TurnUser user, Guid? reportId, CancellationToken cancellationToken)
    {
        if (reportId is not { } id || user.MemberUnitIds.Count == 0)
            return null;
        var view = await reports.LoadAsync(id, cancellationToken);
        return view is not null && user.IsMemberOf(view.Unit.Id) ? view : null;
    }

    /// <summary>A report the caller may decide on: they lead its unit, or they are office staff.</summary>
    public async Task<ReportView?> ReviewableReportAsync(TurnContext turn, Guid? reportId, CancellationToken cancellationToken)
    {
        if (reportId is not { } id || (turn.User.LeaderUnitIds.Count == 0 && !turn.User.IsAdmin))
            return null;
        var view = await reports.LoadAsync(id, cancellationToken);
        return view is not null && (turn.User.IsLeaderOf(view.Unit.Id) || turn.User.IsAdmin) ? view : null;
    }

    /// <summary>A section draft of a report the caller drafts, with that report (tracked: the draft can be changed).</summary>
    public async Task<(ReportView View, SectionDraft Draft)?> DraftAsync(TurnContext turn, Guid? draftId, CancellationToken cancellationToken)
    {
        if (draftId is not { } id || turn.User.MemberUnitIds.Count == 0)
            return null;
        var reportId = await db.SectionDrafts.AsNoTracking().Where(d => d.Id == id).Select(d => (Guid?)d.ReportId).FirstOrDefaultAsync(cancellationToken);
        if (await DraftableReportAsync(turn, reportId, cancellationToken) is not { } view)
            return null;
        return view.Report.Sections.FirstOrDefault(d => d.Id == id) is { } draft ? (view, draft) : null;
    }

    /// <summary>A section of this report's own outline that can be written; any other id (another campaign's section, a heading) is none.</summary>
    public static OutlineEntry? Section(ReportView view, Guid? sectionId) =>
        view.Entry(sectionId) is { IsWritable: true } entry ? entry : null;

    /// <summary>An indicator row of this report; a row of any other report is none, whatever it names.</summary>
    public static IndicatorRow? Row(ReportView view, Guid? rowId) =>
        rowId is { } id ? view.Report.Indicators.FirstOrDefault(r => r.Id == id) : null;

    /// <summary>The units the caller is a member of in open campaigns, newest campaign first.</summary>
    public async Task<IReadOnlyList<OwnedUnit>> MemberUnitsAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var memberOf = turn.User.MemberUnitIds;
        if (memberOf.Count == 0)
            return [];
        return await db.Units.AsNoTracking()
            .Where(u => memberOf.Contains(u.Id))
            .Join(db.Campaigns.Where(c => c.Status == CampaignStatus.Open), u => u.CampaignId, c => c.Id, (u, c) => new { Unit = u, Campaign = c })
            .OrderByDescending(x => x.Campaign.CreatedAtUtc)
            .Select(x => new OwnedUnit(x.Unit.Id, x.Unit.Name, x.Campaign.Id, x.Campaign.Code))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One of <paramref name="units"/> (the caller's own, from <see cref="MemberUnitsAsync"/>) by id; none for any other id.</summary>
    public static OwnedUnit? Unit(IReadOnlyList<OwnedUnit> units, Guid? unitId) =>
        unitId is { } id ? units.FirstOrDefault(u => u.UnitId == id) : null;
}
