using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Reports;
using SoKet.Bot.People;

namespace SoKet.Bot.Reports;

/// <summary>Where one unit's report stands in an open campaign.</summary>
public sealed record UnitSubmission(
    Guid CampaignId,
    string CampaignCode,
    Guid UnitId,
    string UnitName,
    Guid GroupId,
    string GroupName,
    Guid? LeaderPersonId,
    string LeaderName,
    ReportStatus Status,
    DateTime? SubmittedAtUtc,
    bool? SubmittedLate,
    DateOnly? Deadline,
    int SectionsDrafted,
    int SectionsTotal)
{
    public bool IsSubmitted => Status == ReportStatus.Submitted;

    /// <summary>Not submitted and its deadline has passed on <paramref name="today"/>.</summary>
    public bool IsLate(DateOnly today) => !IsSubmitted && Deadline is { } d && today > d;
}

/// <summary>Reads the units of open campaigns with their report's state, deadline and progress, for tracking and reminders.</summary>
public sealed class SubmissionStatusQuery(SoKetDbContext db)
{
    /// <param name="campaignId">One campaign, or every open one.</param>
    /// <param name="unitIds">Only these units (a leader's), or all.</param>
    public async Task<IReadOnlyList<UnitSubmission>> ListAsync(Guid? campaignId, IReadOnlyCollection<Guid>? unitIds, CancellationToken ct)
    {
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.Status == CampaignStatus.Open && (campaignId == null || c.Id == campaignId))
            .Include(c => c.Groups).Include(c => c.Deadlines)
            // A campaign has a handful of groups and deadlines: one query, whose rows multiply them, costs less than
            // three (and says so, where EF Core would otherwise warn at every start that it had to choose).
            .AsSingleQuery()
            .ToListAsync(ct);
        var result = new List<UnitSubmission>();
        foreach (var campaign in campaigns)
        {
            var unitsQuery = db.Units.AsNoTracking().Where(u => u.CampaignId == campaign.Id);
            if (unitIds is not null)
                unitsQuery = unitsQuery.Where(u => unitIds.Contains(u.Id));
            var units = await unitsQuery.OrderBy(u => u.Name).ToListAsync(ct);
            var reports = await db.Reports.AsNoTracking().Where(r => r.CampaignId == campaign.Id)
                .Select(r => new { r.Id, r.UnitId, r.Status, r.SubmittedAtUtc, r.SubmittedLate })
                .ToDictionaryAsync(r => r.UnitId, ct);
            // Progress counts what the unit's own report card counts (ReportView.IsWritten): the sections of the
            // outline that applies to it (a unit with a committee skips the self-review for units without one), and
            // the indicator table once it has a row. The outline depends only on whether the unit has a committee.
            var sections = await db.CampaignSections.AsNoTracking().Where(s => s.CampaignId == campaign.Id).ToListAsync(ct);
            var outlines = new[] { false, true }.ToDictionary(committee => committee,
                committee => ReportOutline.For(sections, new Unit { HasCommittee = committee }).Where(e => e.IsWritable).ToList());
            var textWithout = outlines[false].Where(e => !e.IsIndicatorTable).Select(e => e.Id).ToList();
            var textWith = outlines[true].Where(e => !e.IsIndicatorTable).Select(e => e.Id).ToList();
            var drafted = await db.SectionDrafts.AsNoTracking()
                .Where(d => d.Text != "")
                .Join(db.Reports.Where(r => r.CampaignId == campaign.Id), d => d.ReportId, r => r.Id, (d, r) => new { d.SectionId, r.UnitId })
                .Join(db.Units, d => d.UnitId, u => u.Id, (d, u) => new { d.SectionId, d.UnitId, u.HasCommittee })
                .Where(d => (d.HasCommittee && textWith.Contains(d.SectionId)) || (!d.HasCommittee && textWithout.Contains(d.SectionId)))
                .GroupBy(d => d.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);
            var withIndicators = (await db.IndicatorRows.AsNoTracking()
                .Join(db.Reports.Where(r => r.CampaignId == campaign.Id), i => i.ReportId, r => r.Id, (i, r) => r.UnitId)
                .Distinct().ToListAsync(ct)).ToHashSet();
            var leaderIds = units.Where(u => u.LeaderPersonId != null).Select(u => u.LeaderPersonId!.Value).Distinct().ToList();
            var leaders = await db.People.AsNoTracking().Where(p => leaderIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.DisplayName ?? p.Email ?? "", ct);

            int Progress(Unit unit) => drafted.GetValueOrDefault(unit.Id)
                + (withIndicators.Contains(unit.Id) ? outlines[unit.HasCommittee].Count(e => e.IsIndicatorTable) : 0);

            foreach (var unit in units)
            {
                var group = campaign.Groups.FirstOrDefault(g => g.Id == unit.GroupId);
                reports.TryGetValue(unit.Id, out var report);
                result.Add(new UnitSubmission(
                    campaign.Id, campaign.Code, unit.Id, unit.Name, unit.GroupId, group?.Name ?? "",
                    unit.LeaderPersonId, unit.LeaderPersonId is { } l ? leaders.GetValueOrDefault(l, "") : "",
                    report?.Status ?? ReportStatus.NotStarted, report?.SubmittedAtUtc, report?.SubmittedLate,
                    ReportDeadline(campaign, unit.GroupId), Progress(unit), outlines[unit.HasCommittee].Count));
            }
        }
        return result;
    }

    /// <summary>The group's dated report deadline (a unit's own task, not the issuer's), else one for every group.</summary>
    public static DateOnly? ReportDeadline(Campaign campaign, Guid groupId)
    {
        var dated = campaign.Deadlines
            .Where(d => d.Due == DueKind.Report && d.Date != null && !d.IsIssuerTask)
            .OrderBy(d => d.Order)
            .ToList();
        var deadline = dated.FirstOrDefault(d => d.GroupId == groupId) ?? dated.FirstOrDefault(d => d.GroupId == null);
        return deadline?.Date is { } date ? DateOnly.FromDateTime(date) : null;
    }

    public static string StatusText(ReportStatus status) => status switch
    {
        ReportStatus.Submitted => "Đã nộp",
        ReportStatus.Drafting => "Đang soạn",
        ReportStatus.InReview => "Chờ cho ý kiến",
        ReportStatus.Returned => "Trả lại chỉnh sửa",
        _ => "Chưa bắt đầu",
    };
}
