using SoKet.Bot.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting;

/// <summary>Who changes a report: kept on every revision and audit entry.</summary>
public sealed record Actor(Guid? PersonId, string Name);

/// <summary>A unit's report with what is needed to show it: campaign, unit, the outline that applies to the unit.</summary>
public sealed record ReportView(Report Report, Campaign Campaign, Unit Unit, IReadOnlyList<OutlineEntry> Outline)
{
    public SectionDraft? DraftOf(Guid sectionId) => Report.Sections.FirstOrDefault(d => d.SectionId == sectionId);

    public IEnumerable<OutlineEntry> Writable => Outline.Where(e => e.IsWritable);

    public bool IsWritten(OutlineEntry entry) =>
        entry.IsIndicatorTable ? Report.Indicators.Count > 0 : !string.IsNullOrWhiteSpace(DraftOf(entry.Id)?.Text);

    public int WrittenCount => Writable.Count(IsWritten);

    public int WritableCount => Writable.Count();
}

public enum SaveResultKind { Saved, Unchanged, Conflict, ReadOnly, NotFound }

/// <summary>What became of a save; on a conflict, <see cref="Current"/> is what the colleague saved.</summary>
public sealed record SaveResult(SaveResultKind Kind, SectionDraft? Current = null);

public enum StatusChangeKind { Done, AlreadyDone, NotAllowed, NotFound }

public sealed record StatusChange(StatusChangeKind Kind, Report? Report = null, DateTime? Deadline = null);

/// <summary>Figures of one indicator row as typed by the unit.</summary>
public sealed record IndicatorRowInput(string Name, string? UnitOfMeasure, decimal? Target, decimal? Result, decimal? FullYearEstimate, bool LowerIsBetter);

/// <summary>
/// Reads and changes unit reports. Every change is stored before it returns (so the bot answers only
/// about stored work), writes a revision or audit entry with author and time, and is guarded by the
/// version the user saw: two members saving at once cannot silently overwrite each other.
/// </summary>
public sealed class ReportService(SoKetDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The unit's report in the campaign, created on first use.</summary>
    public async Task<Report> StartOrResumeAsync(Guid campaignId, Guid unitId, Actor actor, CancellationToken cancellationToken)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.CampaignId == campaignId && r.UnitId == unitId, cancellationToken);
        if (report is not null)
            return report;
        report = new Report
        {
            Id = Guid.NewGuid(), CampaignId = campaignId, UnitId = unitId, Status = ReportStatus.NotStarted,
            CreatedAtUtc = Now, UpdatedAtUtc = Now,
        };
        db.Reports.Add(report);
        Audit("report.started", actor, report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return report;
        }
        catch (DbUpdateException)
        {
            // Another member of the unit started it at the same moment: theirs is the report.
            db.ChangeTracker.Clear();
            return await db.Reports.FirstAsync(r => r.CampaignId == campaignId && r.UnitId == unitId, cancellationToken);
        }
    }

    public async Task<ReportView?> LoadAsync(Guid reportId, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking()
            .Include(r => r.Sections).Include(r => r.Indicators)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
            return null;
        report.Indicators = report.Indicators.OrderBy(i => i.Order).ToList();
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == report.CampaignId, cancellationToken);
        var sections = await db.CampaignSections.AsNoTracking().Where(s => s.CampaignId == campaign.Id).ToListAsync(cancellationToken);
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == report.UnitId, cancellationToken);
        return new ReportView(report, campaign, unit, ReportOutline.For(sections, unit));
    }

    public Task<List<ReviewComment>> CommentsAsync(Guid reportId, CancellationToken cancellationToken) =>
        db.ReviewComments.AsNoTracking().Where(c => c.ReportId == reportId).OrderBy(c => c.CreatedAtUtc).ToListAsync(cancellationToken);

    /// <summary>Remembers where the unit left off, so any member resumes there.</summary>
    public async Task SetLastSectionAsync(Guid reportId, Guid sectionId, CancellationToken cancellationToken)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null || report.LastSectionId == sectionId)
            return;
        report.LastSectionId = sectionId;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Saves a section's text written on a card rendered from <paramref name="basedOnVersion"/> (0: empty).
    /// A save against an older version is refused, and the refused text is kept in the audit trail.
    /// </summary>
    public async Task<SaveResult> SaveSectionAsync(
        Guid reportId, Guid sectionId, int basedOnVersion, string text, DraftSource source, Actor actor, CancellationToken cancellationToken)
    {
        text = NormalizeDraft(text);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
            return new SaveResult(SaveResultKind.NotFound);
        if (report.Status == ReportStatus.Submitted)
            return new SaveResult(SaveResultKind.ReadOnly);

        var draft = await db.SectionDrafts.FirstOrDefaultAsync(d => d.ReportId == reportId && d.SectionId == sectionId, cancellationToken);
        var current = draft?.Version ?? 0;
        if (draft is not null && draft.Text == text)
            return new SaveResult(SaveResultKind.Unchanged, draft);
        if (current != basedOnVersion)
            return await RefuseAsync(report, draft, text, actor, cancellationToken);

        if (draft is null)
        {
            draft = new SectionDraft { Id = Guid.NewGuid(), ReportId = reportId, SectionId = sectionId };
            db.SectionDrafts.Add(draft);
        }
        draft.Text = text;
        draft.Source = source;
        draft.Version = current + 1;
        draft.UpdatedAtUtc = Now;
        draft.UpdatedByPersonId = actor.PersonId;
        draft.UpdatedByName = actor.Name;
        db.SectionRevisions.Add(new SectionRevision
        {
            DraftId = draft.Id, Version = draft.Version, Text = text, Source = source,
            AuthorPersonId = actor.PersonId, AuthorName = actor.Name, CreatedAtUtc = Now,
        });
        Touch(report, sectionId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new SaveResult(SaveResultKind.Saved, draft);
        }
        catch (DbUpdateException)
        {
            // Lost the race with a colleague's save of the same version (the version check or the unique index).
            db.ChangeTracker.Clear();
            report = await db.Reports.FirstAsync(r => r.Id == reportId, cancellationToken);
            var winner = await db.SectionDrafts.FirstOrDefaultAsync(d => d.ReportId == reportId && d.SectionId == sectionId, cancellationToken);
            return await RefuseAsync(report, winner, text, actor, cancellationToken);
        }
    }

    private async Task<SaveResult> RefuseAsync(Report report, SectionDraft? current, string text, Actor actor, CancellationToken cancellationToken)
    {
        Audit("section.save-refused", actor, report, $"Phiên bản {current?.Version ?? 0} đã được {current?.UpdatedByName} lưu; nội dung chưa lưu: {text}");
        await db.SaveChangesAsync(cancellationToken);
        return new SaveResult(SaveResultKind.Conflict, current);
    }

    public async Task<IndicatorRow?> AddIndicatorAsync(Guid reportId, IndicatorRowInput input, Actor actor, CancellationToken cancellationToken)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null || report.Status == ReportStatus.Submitted)
            return null;
        var order = await db.IndicatorRows.Where(i => i.ReportId == reportId).Select(i => (int?)i.Order).MaxAsync(cancellationToken) ?? 0;
        var row = new IndicatorRow { Id = Guid.NewGuid(), ReportId = reportId, Order = order + 1, Version = 1 };
        Apply(row, input, actor);
        db.IndicatorRows.Add(row);
        Touch(report, null);
        Audit("indicator.added", actor, report, input.Name);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    public async Task<SaveResultKind> UpdateIndicatorAsync(Guid rowId, int basedOnVersion, IndicatorRowInput input, Actor actor, CancellationToken cancellationToken)
    {
        var row = await db.IndicatorRows.FirstOrDefaultAsync(i => i.Id == rowId, cancellationToken);
        if (row is null)
            return SaveResultKind.NotFound;
        var report = await db.Reports.FirstAsync(r => r.Id == row.ReportId, cancellationToken);
        if (report.Status == ReportStatus.Submitted)
            return SaveResultKind.ReadOnly;
        if (row.Version != basedOnVersion)
            return SaveResultKind.Conflict;
        Apply(row, input, actor);
        row.Version++;
        Touch(report, null);
        Audit("indicator.changed", actor, report, input.Name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveResultKind.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveResultKind.Conflict;
        }
    }

    public async Task<SaveResultKind> DeleteIndicatorAsync(Guid rowId, Actor actor, CancellationToken cancellationToken)
    {
        var row = await db.IndicatorRows.FirstOrDefaultAsync(i => i.Id == rowId, cancellationToken);
        if (row is null)
            return SaveResultKind.Unchanged;
        var report = await db.Reports.FirstAsync(r => r.Id == row.ReportId, cancellationToken);
        if (report.Status == ReportStatus.Submitted)
            return SaveResultKind.ReadOnly;
        db.IndicatorRows.Remove(row);
        Touch(report, null);
        Audit("indicator.deleted", actor, report, row.Name);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }
        return SaveResultKind.Saved;
    }

    /// <summary>Drafting → InReview. A report already in review is left as it is (a double click).</summary>
    public async Task<StatusChange> SendForReviewAsync(Guid reportId, Actor actor, CancellationToken cancellationToken)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
            return new StatusChange(StatusChangeKind.NotFound);
        if (report.Status == ReportStatus.InReview)
            return new StatusChange(StatusChangeKind.AlreadyDone, report);
        if (report.Status == ReportStatus.Submitted)
            return new StatusChange(StatusChangeKind.NotAllowed, report);
        report.Status = ReportStatus.InReview;
        return await ChangeStatusAsync(report, "report.sent-for-review", actor, null, cancellationToken);
    }

    /// <summary>
    /// The leader's answer to a review request: approve (back to drafting, ready to submit) or return
    /// with comments (Returned). Only a report still in review is changed, so a second click does nothing.
    /// </summary>
    public async Task<StatusChange> ReviewAsync(
        Guid reportId, bool approve, IReadOnlyDictionary<Guid, string> sectionComments, string? generalComment, Actor leader, CancellationToken cancellationToken)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
            return new StatusChange(StatusChangeKind.NotFound);
        if (report.Status != ReportStatus.InReview)
            return new StatusChange(StatusChangeKind.AlreadyDone, report);

        var round = await db.AuditEntries.CountAsync(a => a.ReportId == reportId && a.Action == "report.sent-for-review", cancellationToken);
        foreach (var (sectionId, text) in sectionComments.Where(c => !string.IsNullOrWhiteSpace(c.Value)))
            db.ReviewComments.Add(Comment(reportId, sectionId, text, round, leader));
        if (!string.IsNullOrWhiteSpace(generalComment))
            db.ReviewComments.Add(Comment(reportId, null, generalComment, round, leader));
        report.Status = approve ? ReportStatus.Drafting : ReportStatus.Returned;
        return await ChangeStatusAsync(report, approve ? "report.approved" : "report.returned", leader, null, cancellationToken);
    }

    /// <summary>Submits the report; on time or late against the unit group's report deadline, as a date in Asia/Ho_Chi_Minh.</summary>
    public async Task<StatusChange> SubmitAsync(Guid reportId, Actor actor, CancellationToken cancellationToken)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
            return new StatusChange(StatusChangeKind.NotFound);
        var deadline = await ReportDeadlineAsync(report, cancellationToken);
        if (report.Status == ReportStatus.Submitted)
            return new StatusChange(StatusChangeKind.AlreadyDone, report, deadline);

        report.Status = ReportStatus.Submitted;
        report.SubmittedAtUtc = Now;
        report.SubmittedByPersonId = actor.PersonId;
        report.SubmittedByName = actor.Name;
        report.SubmittedLate = deadline is { } due && VietnamTime.Today(Now) > DateOnly.FromDateTime(due);
        var details = deadline is { } d
            ? $"Hạn {d:dd/MM/yyyy}; {(report.SubmittedLate == true ? "nộp muộn" : "đúng hạn")}"
            : "Không có hạn nộp";
        return await ChangeStatusAsync(report, "report.submitted", actor, details, cancellationToken) with { Deadline = deadline };
    }

    /// <summary>The report deadline of the unit's group, or the one for every group.</summary>
    public async Task<DateTime?> ReportDeadlineAsync(Report report, CancellationToken cancellationToken)
    {
        var groupId = await db.Units.Where(u => u.Id == report.UnitId).Select(u => u.GroupId).FirstAsync(cancellationToken);
        var deadlines = await db.CampaignDeadlines.AsNoTracking()
            .Where(d => d.CampaignId == report.CampaignId && d.Due == DueKind.Report && d.Date != null && (d.GroupId == groupId || d.GroupId == null))
            .ToListAsync(cancellationToken);
        return deadlines.OrderBy(d => d.GroupId == groupId ? 0 : 1).ThenBy(d => d.Date).Select(d => d.Date).FirstOrDefault();
    }

    private async Task<StatusChange> ChangeStatusAsync(Report report, string action, Actor actor, string? details, CancellationToken cancellationToken)
    {
        report.Version++;
        report.UpdatedAtUtc = Now;
        Audit(action, actor, report, details);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new StatusChange(StatusChangeKind.Done, report);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A colleague changed the status at the same moment; theirs stands.
            db.ChangeTracker.Clear();
            return new StatusChange(StatusChangeKind.AlreadyDone, await db.Reports.AsNoTracking().FirstAsync(r => r.Id == report.Id, cancellationToken));
        }
    }

    private void Touch(Report report, Guid? sectionId)
    {
        if (sectionId is { } id)
            report.LastSectionId = id;
        if (report.Status is ReportStatus.NotStarted or ReportStatus.Returned)
            report.Status = ReportStatus.Drafting;
        report.UpdatedAtUtc = Now;
    }

    private void Apply(IndicatorRow row, IndicatorRowInput input, Actor actor)
    {
        row.Name = input.Name.Trim();
        row.UnitOfMeasure = string.IsNullOrWhiteSpace(input.UnitOfMeasure) ? null : input.UnitOfMeasure.Trim();
        row.Target = input.Target;
        row.Result = input.Result;
        row.FullYearEstimate = input.FullYearEstimate;
        row.LowerIsBetter = input.LowerIsBetter;
        row.UpdatedAtUtc = Now;
        row.UpdatedByName = actor.Name;
    }

    private ReviewComment Comment(Guid reportId, Guid? sectionId, string text, int round, Actor leader) => new()
    {
        Id = Guid.NewGuid(), ReportId = reportId, SectionId = sectionId, Text = text.Trim(), Round = round,
        AuthorPersonId = leader.PersonId, AuthorName = leader.Name, CreatedAtUtc = Now,
    };

    private void Audit(string action, Actor actor, Report report, string? details = null) => db.AuditEntries.Add(new AuditEntry
    {
        AtUtc = Now, Actor = actor.Name, Action = action, CampaignId = report.CampaignId, UnitId = report.UnitId,
        ReportId = report.Id, Details = details,
    });

    /// <summary>NFC, line breaks kept as \n, trailing spaces and blank edges dropped.</summary>
    internal static string NormalizeDraft(string text) =>
        string.Join('\n', text.Normalize(System.Text.NormalizationForm.FormC).Replace("\r\n", "\n").Replace('\r', '\n')
            .Split('\n').Select(l => l.TrimEnd())).Trim();
}
