using SoKet.Bot.Text;

namespace SoKet.Bot.Reports;

/// <summary>How a report and its parts read in cards and messages, wherever they are shown.</summary>
public static class ReportText
{
    public static string Header(ReportView view) => $"{view.Unit.Name} · Báo cáo sơ kết theo {view.Campaign.Code}";

    public static string Status(Report report) => report.Status switch
    {
        ReportStatus.NotStarted => "Chưa bắt đầu soạn",
        ReportStatus.Drafting => "Đang soạn",
        ReportStatus.InReview => "Đang chờ đồng chí phụ trách cho ý kiến",
        ReportStatus.Returned => "Đồng chí phụ trách đã trả lại để chỉnh sửa",
        ReportStatus.Submitted => $"Đã nộp lúc {VietnamTime.Format(report.SubmittedAtUtc ?? report.UpdatedAtUtc)}" +
            (report.SubmittedLate == true ? " (muộn so với hạn)" : report.SubmittedLate == false ? " (đúng hạn)" : ""),
        _ => "",
    };

    public static string IndicatorFigures(IndicatorRow row)
    {
        string Q(decimal? v) => v is { } x ? VietnameseNumbers.FormatQuantity(x, row.UnitOfMeasure) : "—";
        var figures = $"Chỉ tiêu: {Q(row.Target)} · Kết quả đến nay: {Q(row.Result)} · Dự ước cả năm: {Q(row.FullYearEstimate)}";
        return row.LowerIsBetter ? figures + " · (càng thấp càng tốt)" : figures;
    }

    public static string IndicatorTable(IEnumerable<IndicatorRow> rows) =>
        string.Join("\n\n", rows.Select((r, i) =>
        {
            var a = IndicatorAssessment.Assess(r.Target, r.Result, r.FullYearEstimate, r.LowerIsBetter);
            // «Đánh giá:» rather than a dash: a missing figure is itself written «—».
            return $"{i + 1}. {r.Name}: {IndicatorFigures(r)} · Đánh giá: {a.VerdictLabel}{(a.AchievementText is { } p ? $" ({p})" : "")}";
        }));

    public static string AlreadySubmitted(Report report) =>
        $"Báo cáo của đơn vị đã được đồng chí {report.SubmittedByName} nộp lúc {VietnamTime.Format(report.SubmittedAtUtc ?? report.UpdatedAtUtc)}.";

    public const string ReadOnly = "Báo cáo của đơn vị đã nộp nên không thể chỉnh sửa. Nếu cần bổ sung, đề nghị đồng chí liên hệ văn phòng cấp ủy.";

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";
}
