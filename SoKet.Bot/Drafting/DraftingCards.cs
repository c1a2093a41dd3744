using System.Text.Json.Nodes;
using SoKet.Bot.Cards;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>Binds a unit's report to the drafting card templates (cards/report-*.json). Every value is non-null, as the binder requires.</summary>
/// <summary>What a save just did, shown on the next card: the words, and the version an undo would take back.</summary>
public sealed record SectionNotice(string Text, Guid? UndoSectionId = null, int? UndoVersion = null);

public sealed class DraftingCards(CardCatalog catalog)
{
    public const string Overview = "report-overview";
    public const string Section = "report-section";
    public const string Indicators = "report-indicators";
    public const string SubmitConfirm = "report-submit";

    /// <summary>
    /// The longest section text: the section card's input (cards/report-section.json, maxLength) and the section editor
    /// take no more, and <see cref="ReportService.SaveSection"/> stores no more whoever sends it.
    /// </summary>
    public const int MaxSectionChars = ReportService.MaxSectionChars;

    public JsonObject RenderOverview(ReportView view, IReadOnlyList<ReviewComment> comments)
    {
        var resume = ResumeEntry(view);
        var data = new
        {
            header = ReportText.Header(view),
            status = ReportText.Status(view.Report),
            progress = $"Đã soạn {view.WrittenCount}/{view.WritableCount} mục",
            readOnly = view.Report.Status == ReportStatus.Submitted,
            hasResume = resume is not null && view.Report.Status != ReportStatus.Submitted,
            resumeTitle = resume is null ? "" : $"Soạn tiếp: {ReportText.Shorten(resume.Title, 60)}",
            resumeSectionId = resume?.Id.ToString() ?? "",
            generalComments = comments.Where(c => c.SectionId is null).Select(c => new { text = $"Ý kiến của đồng chí {c.AuthorName}: {c.Text}" }).ToList(),
            entries = view.Outline.Select(e => new
            {
                title = e.Title,
                sectionId = e.Id.ToString(),
                writable = e.IsWritable,
                level = e.Section.Level,
                state = EntryState(view, e, comments),
                written = e.IsWritable && view.IsWritten(e),
            }).ToList(),
        };
        return catalog.Render(Overview, data);
    }

    public const string AppendConfirm = "report-append-confirm";

    /// <summary>A section, with the note of what the previous step did (and its undo) on top when there is one.</summary>
    public JsonObject RenderSection(ReportView view, OutlineEntry entry, IReadOnlyList<ReviewComment> comments, SectionNotice? notice = null)
    {
        var draft = view.DraftOf(entry.Id);
        var writable = view.Writable.ToList();
        var position = writable.FindIndex(e => e.Id == entry.Id) + 1;
        var data = new
        {
            header = ReportText.Header(view),
            position = $"Mục {position}/{writable.Count}",
            title = view.Label(entry),
            guidance = entry.Section.Guidance ?? "",
            selfReview = entry.Section.Kind == Campaigns.Import.SectionKind.LeadershipSelfReview,
            canSuggest = Suggestions.SuggestionRequests.CanSuggest(entry.Section, view.Campaign.Sections.FirstOrDefault(p => p.Id == entry.Section.ParentId)),
            text = draft?.Text ?? "",
            notice = notice?.Text ?? "",
            undoSectionId = notice?.UndoSectionId?.ToString() ?? "",
            undoVersion = notice?.UndoVersion ?? 0,
            sectionId = entry.Id.ToString(),
            reportId = view.Report.Id.ToString(),
            version = draft?.Version ?? 0,
            lastSaved = draft is null ? "" : $"Lưu lần cuối: đồng chí {draft.UpdatedByName}, lúc {VietnamTime.Format(draft.UpdatedAtUtc)} (phiên bản {draft.Version}).",
            readOnly = view.Report.Status == ReportStatus.Submitted,
            hasPrevious = position > 1,
            hasNext = position < writable.Count,
            comments = comments.Where(c => c.SectionId == entry.Id).Select(c => new { text = $"Ý kiến của đồng chí {c.AuthorName}: {c.Text}" }).ToList(),
        };
        return catalog.Render(Section, data);
    }

    /// <summary>"Thêm đoạn này vào mục …?": a short typed line may be a mistyped command, so it is confirmed before it joins the report.</summary>
    /// <param name="command">The command the text begins with, when that is why it is asked about (not its length).</param>
    public JsonObject RenderAppendConfirm(ReportView view, OutlineEntry entry, string text, string? command = null) => catalog.Render(AppendConfirm, new
    {
        header = ReportText.Header(view),
        title = view.Label(entry),
        quote = $"“{text}”",
        sectionId = entry.Id.ToString(),
        why = command is null
            ? "Đoạn ngắn có thể là câu hỏi hay lệnh gõ nhầm, nên tôi hỏi lại trước khi đưa vào báo cáo."
            : $"Đoạn này bắt đầu bằng lệnh «{command}», nên tôi hỏi lại trước khi đưa vào báo cáo. Nếu đồng chí muốn thực hiện lệnh, bấm «Không» rồi gõ riêng «{command}».",
    });

    /// <param name="typed">The refused form's fields as typed: shown again so that an error never wipes what was written.</param>
    /// <param name="notice">What the previous step did (the last section saved on the way here), with its undo.</param>
    public JsonObject RenderIndicators(ReportView view, Guid? editRowId, string? error, IReadOnlyDictionary<string, string>? typed = null, SectionNotice? notice = null)
    {
        var editing = view.Report.Indicators.FirstOrDefault(r => r.Id == editRowId);
        string Typed(string field, string stored) => typed is null ? stored : typed.GetValueOrDefault(field, "");
        var data = new
        {
            header = ReportText.Header(view),
            readOnly = view.Report.Status == ReportStatus.Submitted,
            count = view.Report.Indicators.Count,
            error = error ?? "",
            notice = notice?.Text ?? "",
            undoSectionId = notice?.UndoSectionId?.ToString() ?? "",
            undoVersion = notice?.UndoVersion ?? 0,
            rows = view.Report.Indicators.Select((r, i) => IndicatorRowData(r, i + 1)).ToList(),
            editing = editing is not null,
            formTitle = editing is null ? "Thêm chỉ tiêu" : $"Sửa chỉ tiêu «{editing.Name}»",
            rowId = editing?.Id.ToString() ?? "",
            rowVersion = editing?.Version ?? 0,
            name = Typed("name", editing?.Name ?? ""),
            unitOfMeasure = Typed("unitOfMeasure", editing?.UnitOfMeasure ?? ""),
            target = Typed("target", Number(editing?.Target)),
            result = Typed("result", Number(editing?.Result)),
            estimate = Typed("estimate", Number(editing?.FullYearEstimate)),
            lowerIsBetter = Typed("lowerIsBetter", editing?.LowerIsBetter == true ? "true" : "false") is "true" or "True" ? "true" : "false",
        };
        return catalog.Render(Indicators, data);
    }

    public JsonObject RenderSubmitConfirm(ReportView view, DateTime? deadline)
    {
        var missing = view.Writable.Where(e => !view.IsWritten(e)).Select(e => new { title = e.TitleInContext }).ToList();
        var data = new
        {
            header = ReportText.Header(view),
            progress = $"Đã soạn {view.WrittenCount}/{view.WritableCount} mục.",
            deadline = deadline is { } d ? $"Hạn nộp của đơn vị: {d:dd/MM/yyyy}." : "Kế hoạch không nêu hạn nộp cho đơn vị.",
            missing,
            hasMissing = missing.Count > 0,
            version = view.Report.Version,
            inReview = view.Report.Status == ReportStatus.InReview,
        };
        return catalog.Render(SubmitConfirm, data);
    }

    public static object IndicatorRowData(IndicatorRow row, int number)
    {
        var assessment = IndicatorAssessment.Assess(row.Target, row.Result, row.FullYearEstimate, row.LowerIsBetter);
        return new
        {
            number,
            rowId = row.Id.ToString(),
            name = row.Name,
            figures = ReportText.IndicatorFigures(row),
            verdict = assessment.VerdictLabel + (assessment.AchievementText is { } p ? $" ({p} so với chỉ tiêu)" : ""),
            good = assessment.Verdict is IndicatorVerdict.Met or IndicatorVerdict.Exceeded,
            bad = assessment.Verdict == IndicatorVerdict.Missed,
        };
    }

    /// <summary>Where to carry on: the last section worked on, else the first one not yet written.</summary>
    public static OutlineEntry? ResumeEntry(ReportView view) =>
        view.Writable.FirstOrDefault(e => e.Id == view.Report.LastSectionId)
        ?? view.Writable.FirstOrDefault(e => !view.IsWritten(e))
        ?? view.Writable.FirstOrDefault();

    private static string EntryState(ReportView view, OutlineEntry entry, IReadOnlyList<ReviewComment> comments)
    {
        if (!entry.IsWritable)
            return "";
        var state = entry.IsIndicatorTable
            ? (view.Report.Indicators.Count > 0 ? $"{view.Report.Indicators.Count} chỉ tiêu" : "Chưa nhập")
            : view.DraftOf(entry.Id) is { } d && !string.IsNullOrWhiteSpace(d.Text) ? "Đã soạn"
            : view.DraftOf(entry.Id)?.PendingSuggestion is not null ? "Có gợi ý chưa duyệt"
            : "Chưa soạn";
        if (view.DraftOf(entry.Id)?.PendingSuggestion is not null && state == "Đã soạn")
            state += " · có gợi ý chưa duyệt";
        if (comments.Any(c => c.SectionId == entry.Id))
            state += " · có ý kiến";
        return state;
    }

    private static string Number(decimal? value) => value is { } v ? VietnameseNumbers.FormatNumber(v) : "";

}
