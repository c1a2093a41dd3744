using System.Globalization;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Campaigns.Chat;

/// <summary>
/// Data for cards/plan-confirm.json: what the importer read, with each fact's source sentence. A fact the
/// importer inferred rather than read as written (<see cref="Unsure"/>: a year taken from the title, a deadline
/// counted from another, a group read from the heading above) is marked «Cần kiểm tra» next to its field, with
/// the reason and the sentence it rests on, so nothing is guessed silently.
/// </summary>
public static class PlanConfirmCard
{
    /// <summary>The mark on a field the admin must check.</summary>
    public const string CheckMark = "Cần kiểm tra";

    public const string TemplateName = "plan-confirm";
    public const string ConfirmCommand = "xac-nhan-ke-hoach";
    public const string DiscardCommand = "huy-ke-hoach";
    private const int MaxSourceLength = 220;

    public static object Create(Guid importId, string fileName, PlanExtraction plan)
    {
        var outline = plan.HasOutline ? plan.Outline : ReferenceOutline.Create();
        var sections = outline.AllSections().ToList();
        return new
        {
            importId = importId.ToString(),
            fileName,
            warnings = plan.Warnings.Select(w => new { text = w }).ToArray(),
            code = plan.Number?.Code ?? "",
            codeSource = Short(plan.Number?.Source),
            issuingBody = plan.IssuingBody?.Value ?? plan.Organisation?.Value ?? "",
            place = plan.Place?.Value ?? "",
            placeCheck = Check(plan.Place?.Unsure),
            issuedOn = InputDate(plan.IssuedOn?.Date),
            issuedOnLabel = Marked("Ngày ban hành", plan.IssuedOn?.Unsure),
            issuedOnSource = Short(plan.IssuedOn?.Source),
            issuedOnCheck = Check(plan.IssuedOn?.Unsure),
            title = plan.Title?.Value ?? "",
            kind = plan.Kind.Value.ToString(),
            evaluationPeriod = plan.EvaluationPeriod?.Source is { } period ? Short(period) : "",
            dataCutOff = InputDate(plan.DataCutOff?.Date),
            dataCutOffSource = Short(plan.DataCutOff?.Source),
            reportsTo = plan.ReportsTo?.Recipient ?? "",
            reportsVia = plan.ReportsTo?.Via ?? "",
            reportsToSource = Short(plan.ReportsTo?.Source),
            deadlineCount = plan.Deadlines.Count,
            deadlines = plan.Deadlines.Select((d, i) => new
            {
                inputId = DeadlineInputId(i),
                group = d.UnitGroup,
                due = DueLabel(d.Due),
                mark = Checks(d).Length > 0 ? $" ({CheckMark})" : "",
                what = Short(d.What),
                date = InputDate(d.Date?.Date),
                dateText = DateText(d),
                dateLabel = Marked($"Hạn ({DateText(d)})", d.Date?.Unsure),
                source = Short(d.Source),
                checks = Checks(d),
            }).ToArray(),
            outlineSummary = plan.HasOutline
                ? $"{sections.Count} mục, {OriginLabel(outline.Origin)}"
                : $"kế hoạch không kèm đề cương; đề xuất dùng đề cương mẫu ({sections.Count} mục)",
            outlineText = Chat.OutlineText.Format(outline),
            offerReference = plan.OfferReferenceOutline || !plan.HasOutline,
            useReferenceDefault = plan.HasOutline ? "false" : "true",
        };
    }

    public static string DeadlineInputId(int index) => "deadline_" + index.ToString(CultureInfo.InvariantCulture);

    public static string DueLabel(DueKind due) => due switch
    {
        DueKind.Report => "Gửi báo cáo",
        DueKind.Conference => "Tổ chức hội nghị sơ kết",
        DueKind.Compilation => "Tổng hợp báo cáo",
        DueKind.DraftForComment => "Gửi dự thảo xin ý kiến",
        _ => "Nhiệm vụ khác",
    };

    /// <summary>Each inferred field of a deadline: which, why, and the sentence the inference rests on.</summary>
    private static object[] Checks(Deadline d) =>
        new (string Field, Unsure? Note)[] { ("Đối tượng", d.UnitGroupUnsure), ("Việc phải làm", d.DueUnsure), ("Thời hạn", d.Date?.Unsure) }
            .Where(c => c.Note is not null)
            .Select(c => (object)new { field = c.Field, reason = c.Note!.Reason, source = Short(c.Note.Source) })
            .ToArray();

    private static string Marked(string label, Unsure? unsure) => unsure is null ? label : $"{label} – {CheckMark}";

    private static string Check(Unsure? unsure) => unsure is null ? "" : $"{CheckMark}: {unsure.Reason} Trích: «{Short(unsure.Source)}»";

    private static string DateText(Deadline deadline) => deadline.Date is null
        ? deadline.Timing == DeadlineTiming.AfterConference ? "sau hội nghị"
        : deadline.OffsetDays is not null ? "tính từ một mốc kế hoạch không ghi ngày, đề nghị nhập" : "chưa xác định"
        : deadline.Date.Precision == DatePrecision.Day
            ? deadline.Date.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : "trong " + deadline.Date.Text;

    private static string OriginLabel(OutlineOrigin origin) => origin switch
    {
        OutlineOrigin.AttachedOutline => "theo đề cương kèm kế hoạch",
        OutlineOrigin.ContentGuidance => "lập từ phần nội dung của kế hoạch",
        OutlineOrigin.Reference => "đề cương mẫu",
        _ => "",
    };

    private static string InputDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Short(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var line = Text.VietnameseText.CleanLine(text);
        return line.Length <= MaxSourceLength ? line : line[..MaxSourceLength].TrimEnd() + "…";
    }
}
