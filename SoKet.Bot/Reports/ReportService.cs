using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Text;

namespace SoKet.Bot.Reports;

/// <summary>
/// A unit's report with what is needed to show it: campaign, unit, the outline that applies to the unit. The
/// report is tracked by the turn's store, so what a turn changes is what its cards show, before it is saved.
/// </summary>
public sealed record ReportView(Report Report, Campaign Campaign, Unit Unit, IReadOnlyList<OutlineEntry> Outline)
{
    public SectionDraft? DraftOf(Guid sectionId) => Report.Sections.FirstOrDefault(d => d.SectionId == sectionId);

    public IEnumerable<OutlineEntry> Writable => Outline.Where(e => e.IsWritable);

    public OutlineEntry? Entry(Guid? sectionId) => sectionId is { } id ? Outline.FirstOrDefault(e => e.Id == id) : null;

    public bool IsWritten(OutlineEntry entry) =>
        entry.IsIndicatorTable ? Report.Indicators.Count > 0 : !string.IsNullOrWhiteSpace(DraftOf(entry.Id)?.Text);

    public int WrittenCount => Writable.Count(IsWritten);

    public int WritableCount => Writable.Count();

    public bool IsSubmitted => Report.Status == ReportStatus.Submitted;

    /// <summary>
    /// How cards and notices name a section: its title, or the title with its parent when another section of the
    /// outline has the same title ("2.1. Nguyên nhân khách quan" under both "1. Hạn chế" and "2. Khuyết điểm").
    /// </summary>
    public string Label(OutlineEntry entry) =>
        entry.Parent is not null && SharesTitle(entry) ? entry.TitleInContext : entry.Title;

    // Compared on the parts the title is composed of: composing every entry's title on every card cost a warm typed
    // turn about 100 KB of allocations (bench/README.md).
    private bool SharesTitle(OutlineEntry entry)
    {
        var shared = 0;
        foreach (var e in Outline)
            if (e.Section.NumberLabel == entry.Section.NumberLabel && e.Section.Heading == entry.Section.Heading && ++shared > 1)
                return true;
        return false;
    }
}

/// <summary>What became of a save. <see cref="TooLong"/>: the text would pass <see cref="ReportService.MaxSectionChars"/>; nothing was stored.</summary>
public enum SaveResultKind { Saved, Unchanged, Conflict, ReadOnly, NotFound, TooLong }

/// <summary>What became of a save; on a conflict, <see cref="Current"/> is what the colleague saved.</summary>
public sealed record SaveResult(SaveResultKind Kind, SectionDraft? Current = null);

/// <summary><see cref="Outdated"/>: the leader decided on a card showing a version of the draft that has changed since.</summary>
public enum StatusChangeKind { Done, AlreadyDone, NotAllowed, NotFound, Outdated }

public sealed record StatusChange(StatusChangeKind Kind, Report? Report = null, DateTime? Deadline = null);

/// <summary>Figures of one indicator row as typed by the unit.</summary>
public sealed record IndicatorRowInput(string Name, string? UnitOfMeasure, decimal? Target, decimal? Result, decimal? FullYearEstimate, bool LowerIsBetter);

/// <summary>
/// Reads and changes unit reports. Changes are staged in the turn's store and saved with the rest of the turn,
/// each with a revision or audit entry (author, time), and guarded by the version the user saw: two members
/// saving at once cannot silently overwrite each other — the turn that loses the race runs again, sees the
/// colleague's version, and is refused with both texts kept.
/// </summary>
public sealed class ReportService(SoKetDbContext db, CampaignOutlines outlines, TimeProvider clock)
{
    /// <summary>
    /// The longest text a section may hold. Checked here, where every writer passes (card, typed paragraphs, editor,
    /// suggestions, imported drafts), because a card's maxLength binds only an honest client: a crafted submit or
    /// paragraph after paragraph would otherwise grow a section without end, each revision storing it whole.
    /// </summary>
    public const int MaxSectionChars = 20_000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // Every drafting turn loads its report: compiled once, these skip EF Core's per-call expression walk and cache
    // lookup (bench/README.md).
    private static readonly Func<SoKetDbContext, Guid, CancellationToken, Task<Report?>> ReportQuery =
        EF.CompileAsyncQuery((SoKetDbContext db, Guid reportId, CancellationToken _) =>
            db.Set<Report>().Include(r => r.Sections).Include(r => r.Indicators).AsSplitQuery().FirstOrDefault(r => r.Id == reportId));

    private static readonly Func<SoKetDbContext, Guid, CancellationToken, Task<Unit>> UnitQuery =
        EF.CompileAsyncQuery((SoKetDbContext db, Guid unitId, CancellationToken _) => db.Set<Unit>().AsNoTracking().First(u => u.Id == unitId));

    // The latest review round's comments only (a round is numbered by the sendings for review): once the draft is sent
    // again, or approved without comments, an earlier round's comments have been dealt with, and on the cards they would
    // read as the leader's current opinion. One statement: the round is counted inside it.
    private static readonly Func<SoKetDbContext, Guid, IAsyncEnumerable<ReviewComment>> CommentsQuery =
        EF.CompileAsyncQuery<SoKetDbContext, Guid, ReviewComment>((db, reportId) =>
            db.Set<ReviewComment>().AsNoTracking()
                .Where(c => c.ReportId == reportId
                    && c.Round == db.Set<AuditEntry>().Count(a => a.ReportId == reportId && a.Action == SentForReview))
                .OrderBy(c => c.CreatedAtUtc));

    private const string SentForReview = "report.sent-for-review";

    /// <summary>The unit's report in the campaign, staged on first use (two members starting at once: the turn that loses reruns and finds it).</summary>
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
        return report;
    }

    /// <summary>The report with its drafts and indicator rows (tracked), its campaign and unit and the unit's outline.</summary>
    public async Task<ReportView?> LoadAsync(Guid reportId, CancellationToken cancellationToken)
    {
        var report = db.Reports.Local.FirstOrDefault(r => r.Id == reportId) is { } staged && db.Entry(staged).State == EntityState.Added
            ? staged
            : await ReportQuery(db, reportId, cancellationToken);
        if (report is null)
            return null;
        report.Indicators.Sort((a, b) => a.Order.CompareTo(b.Order));
        var campaign = await outlines.GetAsync(db, report.CampaignId, cancellationToken);
        var unit = await UnitQuery(db, report.UnitId, cancellationToken);
        return new ReportView(report, campaign, unit, ReportOutline.For(campaign.Sections, unit));
    }

    public async Task<List<ReviewComment>> CommentsAsync(Guid reportId, CancellationToken cancellationToken)
    {
        var comments = new List<ReviewComment>();
        await foreach (var comment in CommentsQuery(db, reportId).WithCancellation(cancellationToken))
            comments.Add(comment);
        return comments;
    }

    /// <summary>Remembers where the unit left off, so any member resumes there.</summary>
    public static void SetLastSection(ReportView view, Guid sectionId)
    {
        if (view.Report.LastSectionId != sectionId && !view.IsSubmitted)
            view.Report.LastSectionId = sectionId;
    }

    /// <summary>
    /// Saves a section's text written on a card rendered from <paramref name="basedOnVersion"/> (0: empty).
    /// A save against an older version is refused, and the refused text is kept in the audit trail. A text longer than
    /// <see cref="MaxSectionChars"/> is refused before anything is staged, the audit trail included.
    /// </summary>
    public SaveResult SaveSection(ReportView view, Guid sectionId, int basedOnVersion, string text, DraftSource source, Actor actor)
    {
        text = NormalizeDraft(text);
        var report = view.Report;
        if (report.Status == ReportStatus.Submitted)
            return new SaveResult(SaveResultKind.ReadOnly);
        if (view.Entry(sectionId) is not { IsWritable: true })
            return new SaveResult(SaveResultKind.NotFound);
        if (text.Length > MaxSectionChars)
            return new SaveResult(SaveResultKind.TooLong, view.DraftOf(sectionId));

        var draft = view.DraftOf(sectionId);
        var current = draft?.Version ?? 0;
        if (draft is not null && draft.Text == text)
            return new SaveResult(SaveResultKind.Unchanged, draft);
        if (current != basedOnVersion)
        {
            Audit("section.save-refused", actor, report, $"Phiên bản {current} đã được {draft?.UpdatedByName} lưu; nội dung chưa lưu: {text}");
            return new SaveResult(SaveResultKind.Conflict, draft);
        }

        if (draft is null)
        {
            draft = new SectionDraft { Id = Guid.NewGuid(), ReportId = report.Id, SectionId = sectionId };
            // Added to the tracked report's collection (EF adds it to the store with the turn), not to both.
            report.Sections.Add(draft);
            db.SectionDrafts.Attach(draft).State = EntityState.Added;
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
        return new SaveResult(SaveResultKind.Saved, draft);
    }

    /// <summary>
    /// Takes back the save that made <paramref name="version"/> of a section: its text returns to the version before,
    /// as a new version (the history keeps both). Refused when the section changed again since.
    /// </summary>
    public async Task<SaveResult> UndoAsync(ReportView view, Guid sectionId, int version, Actor actor, CancellationToken cancellationToken)
    {
        if (view.IsSubmitted)
            return new SaveResult(SaveResultKind.ReadOnly);
        var draft = view.DraftOf(sectionId);
        if (draft is null || version <= 0)
            return new SaveResult(SaveResultKind.NotFound);
        if (draft.Version != version)
            return new SaveResult(SaveResultKind.Conflict, draft);
        var previous = version == 1
            ? ""
            : await db.SectionRevisions.AsNoTracking().Where(r => r.DraftId == draft.Id && r.Version == version - 1)
                .Select(r => r.Text).FirstOrDefaultAsync(cancellationToken) ?? "";
        var result = SaveSection(view, sectionId, version, previous, DraftSource.Typed, actor);
        if (result.Kind == SaveResultKind.Saved)
            Audit("section.undone", actor, view.Report, $"Phiên bản {version} được hoàn tác");
        return result;
    }

    public IndicatorRow? AddIndicator(ReportView view, IndicatorRowInput input, Actor actor)
    {
        var report = view.Report;
        if (report.Status == ReportStatus.Submitted)
            return null;
        var row = new IndicatorRow { Id = Guid.NewGuid(), ReportId = report.Id, Order = (report.Indicators.Count == 0 ? 0 : report.Indicators.Max(i => i.Order)) + 1, Version = 1 };
        Apply(row, input, actor);
        report.Indicators.Add(row);
        db.IndicatorRows.Attach(row).State = EntityState.Added;
        Touch(report, null);
        Audit("indicator.added", actor, report, input.Name);
        return row;
    }

    /// <summary>Changes a row of this report; a row id of any other report is not found, whatever it names.</summary>
    public SaveResultKind UpdateIndicator(ReportView view, Guid rowId, int basedOnVersion, IndicatorRowInput input, Actor actor)
    {
        var row = view.Report.Indicators.FirstOrDefault(i => i.Id == rowId);
        if (row is null)
            return SaveResultKind.NotFound;
        if (view.IsSubmitted)
            return SaveResultKind.ReadOnly;
        if (row.Version != basedOnVersion)
            return SaveResultKind.Conflict;
        Apply(row, input, actor);
        row.Version++;
        Touch(view.Report, null);
        Audit("indicator.changed", actor, view.Report, input.Name);
        return SaveResultKind.Saved;
    }

    /// <summary>Deletes a row of this report; a row id of any other report is not found, whatever it names.</summary>
    public SaveResultKind DeleteIndicator(ReportView view, Guid rowId, Actor actor)
    {
        var row = view.Report.Indicators.FirstOrDefault(i => i.Id == rowId);
        if (row is null)
            return SaveResultKind.NotFound;
        if (view.IsSubmitted)
            return SaveResultKind.ReadOnly;
        db.IndicatorRows.Remove(row);
        view.Report.Indicators.Remove(row);
        Touch(view.Report, null);
        Audit("indicator.deleted", actor, view.Report, row.Name);
        return SaveResultKind.Saved;
    }

    /// <summary>
    /// Drafting → InReview. A report already in review is left as it is (a double click), unless it was changed
    /// after it was sent: then it is sent again, a new round, since the leader's card shows the older text.
    /// </summary>
    public async Task<StatusChange> SendForReviewAsync(ReportView view, Actor actor, CancellationToken cancellationToken)
    {
        var report = view.Report;
        if (report.Status == ReportStatus.InReview)
        {
            var sentAt = await db.AuditEntries.Where(a => a.ReportId == report.Id && a.Action == SentForReview)
                .MaxAsync(a => (DateTime?)a.AtUtc, cancellationToken);
            if (sentAt is null || report.UpdatedAtUtc <= sentAt)
                return new StatusChange(StatusChangeKind.AlreadyDone, report);
        }
        if (report.Status == ReportStatus.Submitted)
            return new StatusChange(StatusChangeKind.NotAllowed, report);
        report.Status = ReportStatus.InReview;
        return ChangeStatus(report, SentForReview, actor, null);
    }

    /// <summary>
    /// The leader's answer to a review request: approve (back to drafting, ready to submit) or return
    /// with comments (Returned). Only a report still in review is changed, so a second click does nothing.
    /// </summary>
    /// <param name="seenVersion">The report's version on the leader's card; null for a card that carries none.</param>
    public async Task<StatusChange> ReviewAsync(
        ReportView view, bool approve, IReadOnlyDictionary<Guid, string> sectionComments, string? generalComment, Actor leader, CancellationToken cancellationToken,
        int? seenVersion = null)
    {
        var report = view.Report;
        if (report.Status != ReportStatus.InReview)
            return new StatusChange(StatusChangeKind.AlreadyDone, report);
        // Edited after it was sent (or sent again since): approving would approve a text the leader has not seen.
        if (seenVersion is { } seen && seen != report.Version)
            return new StatusChange(StatusChangeKind.Outdated, report);

        var round = await db.AuditEntries.CountAsync(a => a.ReportId == report.Id && a.Action == SentForReview, cancellationToken);
        // Only sections of this report's outline take a comment: a forged key naming another section is dropped.
        foreach (var (sectionId, text) in sectionComments.Where(c => !string.IsNullOrWhiteSpace(c.Value) && view.Entry(c.Key) is not null))
            db.ReviewComments.Add(Comment(report.Id, sectionId, text, round, leader));
        if (!string.IsNullOrWhiteSpace(generalComment))
            db.ReviewComments.Add(Comment(report.Id, null, generalComment, round, leader));
        report.Status = approve ? ReportStatus.Drafting : ReportStatus.Returned;
        return ChangeStatus(report, approve ? "report.approved" : "report.returned", leader, null);
    }

    /// <summary>Submits the report; on time or late against the unit group's report deadline, as a date in Asia/Ho_Chi_Minh.</summary>
    public async Task<StatusChange> SubmitAsync(ReportView view, Actor actor, CancellationToken cancellationToken)
    {
        var report = view.Report;
        var deadline = await ReportDeadlineAsync(report, view.Unit.GroupId, cancellationToken);
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
        return ChangeStatus(report, "report.submitted", actor, details) with { Deadline = deadline };
    }

    /// <summary>The report deadline of the unit's group, or the one for every group.</summary>
    public async Task<DateTime?> ReportDeadlineAsync(Report report, Guid groupId, CancellationToken cancellationToken)
    {
        var deadlines = await db.CampaignDeadlines.AsNoTracking()
            .Where(d => d.CampaignId == report.CampaignId && d.Due == DueKind.Report && d.Date != null && (d.GroupId == groupId || d.GroupId == null))
            .ToListAsync(cancellationToken);
        return deadlines.OrderBy(d => d.GroupId == groupId ? 0 : 1).ThenBy(d => d.Date).Select(d => d.Date).FirstOrDefault();
    }

    /// <summary>
    /// The version guards every status change: two clicks racing (submit twice, approve and return at once)
    /// cannot both be stored; the turn that loses runs again and finds the change made.
    /// </summary>
    private StatusChange ChangeStatus(Report report, string action, Actor actor, string? details)
    {
        report.Version++;
        report.UpdatedAtUtc = Now;
        Audit(action, actor, report, details);
        return new StatusChange(StatusChangeKind.Done, report);
    }

    /// <summary>
    /// Every change of content moves the report's version: the submit card carries the version it showed, so a
    /// submission is of exactly what the secretary saw (and two changes racing are serialised on it).
    /// </summary>
    private void Touch(Report report, Guid? sectionId)
    {
        if (sectionId is { } id)
            report.LastSectionId = id;
        if (report.Status is ReportStatus.NotStarted or ReportStatus.Returned)
            report.Status = ReportStatus.Drafting;
        report.Version++;
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
