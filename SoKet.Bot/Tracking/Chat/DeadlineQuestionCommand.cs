using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Cards;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Text;
using SoKet.Bot.Tracking.DeadlineQuestions;
using SoKet.Bot.Turns;

using SoKet.Bot.Help;

namespace SoKet.Bot.Tracking.Chat;

/// <summary>
/// "hạn nộp báo cáo khi nào?", "khi nao phai nop", "gửi báo cáo cho ai?": answered for the asker's own
/// unit group from the campaign, in a line or two, with the plan's words on demand. Also an interruption inside any dialog.
/// </summary>
public sealed class DeadlineQuestionCommand(SoKetDbContext db, CardCatalog cards, TimeProvider clock)
{
    public const string CommandName = HelpCard.AskDeadline;


    public static bool Matches(string foldedText) => DeadlineQuestionClassifier.IsDeadlineQuestion(foldedText);

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var kind = DeadlineQuestionClassifier.Classify(turn.Input.Text);
        if (kind == QuestionKind.Unknown)
            kind = QuestionKind.ReportDeadline; // the help card's button
        var user = turn.User;
        var today = VietnamTime.Today(clock.GetUtcNow());

        var unitIds = user.MemberUnitIds.Concat(user.LeaderUnitIds).Distinct().ToList();
        var units = await db.Units.AsNoTracking()
            .Where(u => unitIds.Contains(u.Id))
            .Join(db.Campaigns.Where(c => c.Status == CampaignStatus.Open), u => u.CampaignId, c => c.Id, (u, c) => u)
            .ToListAsync(cancellationToken);

        if (units.Count == 0)
        {
            var text = user.IsAdmin
                ? "Đồng chí chưa thuộc đơn vị nào trong đợt sơ kết đang mở, nên tôi chưa xác định được thời hạn áp dụng. Văn phòng có thể xem thời hạn của từng nhóm đơn vị trên thẻ «tình hình nộp báo cáo»."
                : "Tôi chưa xác định được đơn vị của đồng chí trong đợt sơ kết đang mở, nên chưa trả lời được thời hạn. Đề nghị đồng chí liên hệ văn phòng cấp ủy để được thêm vào danh sách đơn vị.";
            turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard("Chưa xác định được đơn vị", text, NoticeKind.Warning)));
            return;
        }

        var answers = new List<object>();
        var summary = "";
        foreach (var unit in units)
        {
            var campaign = await db.Campaigns.AsNoTracking()
                .Include(c => c.Deadlines).Include(c => c.Groups).AsSingleQuery() // a handful of each: one query
                .FirstAsync(c => c.Id == unit.CampaignId, cancellationToken);
            var group = campaign.Groups.First(g => g.Id == unit.GroupId);
            var composed = DeadlineAnswerComposer.Compose(kind, ToFacts(campaign), ToFacts(campaign, group), today);
            if (summary.Length == 0)
                summary = composed.Lines.FirstOrDefault() ?? "";
            answers.Add(new
            {
                heading = units.Count > 1 ? $"{unit.Name} ({campaign.Code})" : "",
                lines = composed.Lines,
                basis = composed.Basis ?? "",
                quotes = composed.Quotations,
                quoteId = "quote-" + answers.Count.ToString(CultureInfo.InvariantCulture),
            });
        }
        // The short answer first; the plan's sentences behind «Trích kế hoạch» (cards/deadline-answer.json).
        turn.SendCard(cards.Render(TemplateName, new { answers }), summary);
    }

    public const string TemplateName = "deadline-answer";

    internal static CampaignFacts ToFacts(Campaign campaign) => new()
    {
        Code = campaign.Code,
        Title = campaign.Title,
        DataCutOff = campaign.DataCutOff is { } cut ? DateOnly.FromDateTime(cut) : null,
        DataCutOffSource = campaign.DataCutOffSource ?? campaign.EvaluationPeriod,
        ReportsTo = campaign.ReportsTo ?? campaign.IssuingBody,
        ReportsVia = campaign.ReportsVia,
        ReportsToSource = campaign.ReportsToSource,
        EvaluationPeriod = campaign.EvaluationPeriod,
    };

    internal static UnitGroupFacts ToFacts(Campaign campaign, CampaignGroup group) => new()
    {
        GroupName = group.Name,
        Deadlines = campaign.Deadlines
            .Where(d => d.GroupId == group.Id)
            .OrderBy(d => d.Order)
            .Select(d => new GroupDeadline
            {
                Due = d.Due,
                Timing = d.Timing,
                Date = d.Date is { } date ? DateOnly.FromDateTime(date) : null,
                MonthOnly = d.DatePrecision != DatePrecision.Day,
                OffsetDays = d.OffsetDays,
                What = d.What,
                Recipient = d.Recipient,
                Via = d.Via,
                Source = d.Source,
            })
            .ToList(),
    };
}
