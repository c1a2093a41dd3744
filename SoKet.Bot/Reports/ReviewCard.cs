using System.Text.Json.Nodes;
using SoKet.Bot.Cards;
using SoKet.Bot.Text;

namespace SoKet.Bot.Reports;

/// <summary>The card the leader in charge gets (cards/report-review.json): the draft, a comment box per section, approve or return.</summary>
public static class ReviewCard
{
    public const string TemplateName = "report-review";

    /// <summary>The button's route: the leader's decision.</summary>
    public const string DecisionRoute = "y-kien-bao-cao";

    /// <summary>What the leader's card shows of a draft at most, so the card stays well under Teams' 28 KB.</summary>
    private const int TextBudget = 9000;

    public static JsonObject Render(CardCatalog catalog, ReportView view, string sentBy)
    {
        var written = view.Writable.Where(view.IsWritten).ToList();
        var perSection = Math.Max(400, TextBudget / Math.Max(1, written.Count));
        var data = new
        {
            header = ReportText.Header(view),
            sentBy = $"Đồng chí {sentBy} gửi dự thảo lúc {VietnamTime.Format(view.Report.UpdatedAtUtc)}. Đề nghị đồng chí cho ý kiến.",
            progress = $"Đã soạn {view.WrittenCount}/{view.WritableCount} mục.",
            reportId = view.Report.Id.ToString(),
            // The version shown: a decision is taken only on the text the leader saw (ReportService.ReviewAsync).
            version = view.Report.Version,
            sections = written.Select(e => new
            {
                title = e.Title,
                text = e.IsIndicatorTable ? ReportText.IndicatorTable(view.Report.Indicators) : ReportText.Shorten(view.DraftOf(e.Id)!.Text, perSection),
                inputId = "comment_" + e.Id.ToString("N"),
            }).ToList(),
            hasIndicators = view.Report.Indicators.Count > 0 && !written.Any(e => e.IsIndicatorTable),
            indicators = ReportText.IndicatorTable(view.Report.Indicators),
        };
        return catalog.Render(TemplateName, data);
    }
}
