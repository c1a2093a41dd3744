using System.Globalization;
using SoKet.Bot.Cards;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Reminders.Sending;

/// <summary>Data for cards/reminder.json.</summary>
public sealed record ReminderCardData(string Title, string Text, string Color, string CampaignCode, string UnitName, string Deadline, string DaysText, string Progress)
{
    public const string TemplateName = "reminder";
}

/// <summary>Turns an outbox item into the message its recipient sees.</summary>
public sealed class ReminderMessageComposer(CardCatalog cards)
{
    public Activity UnitReminder(UnitSubmission unit, DateOnly today, bool manual)
    {
        var deadline = unit.Deadline!.Value;
        var days = deadline.DayNumber - today.DayNumber;
        var daysText = days > 0 ? $"còn {days} ngày" : days == 0 ? "hôm nay là hạn cuối" : $"đã quá hạn {-days} ngày";
        var title = manual ? "Văn phòng đôn đốc nộp báo cáo sơ kết"
            : days < 0 ? "Báo cáo sơ kết đã quá hạn" : "Nhắc thời hạn nộp báo cáo sơ kết";
        var text = days < 0
            ? $"Kính gửi đồng chí, báo cáo sơ kết của {unit.UnitName} đã quá thời hạn nhưng chưa được gửi. Đề nghị đồng chí khẩn trương hoàn thiện và gửi báo cáo."
            : $"Kính gửi đồng chí, báo cáo sơ kết của {unit.UnitName} chưa được gửi. Đề nghị đồng chí hoàn thiện và gửi báo cáo đúng thời hạn.";
        var data = new ReminderCardData(title, text, days < 0 ? "Attention" : "Accent", unit.CampaignCode, unit.UnitName,
            deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), daysText,
            $"{unit.SectionsDrafted}/{unit.SectionsTotal} mục");
        return Card(cards.Render(ReminderCardData.TemplateName, data), $"{title}: {unit.UnitName}, hạn {data.Deadline} ({daysText}).");
    }

    public Activity LeaderDigest(IReadOnlyList<UnitSubmission> late, DateOnly today)
    {
        var facts = late.Select(u => new NoticeFact(u.UnitName, $"quá hạn {today.DayNumber - u.Deadline!.Value.DayNumber} ngày, {SubmissionStatusQuery.StatusText(u.Status).ToLowerInvariant()}")).ToList();
        var notice = new NoticeCard("Đơn vị đồng chí phụ trách chưa nộp báo cáo",
            $"Kính gửi đồng chí, {late.Count} đơn vị do đồng chí phụ trách đã quá thời hạn nhưng chưa gửi báo cáo sơ kết ({late[0].CampaignCode}).",
            NoticeKind.Warning, facts);
        return Card(cards.Render(NoticeCard.TemplateName, notice), notice.Text!);
    }

    public Activity AdminSummary(IReadOnlyList<UnitSubmission> units, DateOnly today, int unreachable)
    {
        var submitted = units.Count(u => u.IsSubmitted);
        var late = units.Count(u => u.IsLate(today));
        var notice = new NoticeCard($"Tình hình nộp báo cáo {units[0].CampaignCode} ngày {today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}",
            "Đồng chí gõ «tình hình nộp báo cáo» để xem chi tiết từng đơn vị, hoặc «đôn đốc tất cả» để nhắc các đơn vị quá hạn.",
            late > 0 ? NoticeKind.Warning : NoticeKind.Info,
            [
                new("Đã nộp", $"{submitted}/{units.Count}"),
                new("Chưa nộp", (units.Count - submitted).ToString(CultureInfo.InvariantCulture)),
                new("Quá hạn", late.ToString(CultureInfo.InvariantCulture)),
                new("Không nhắn được", unreachable.ToString(CultureInfo.InvariantCulture)),
            ]);
        return Card(cards.Render(NoticeCard.TemplateName, notice), notice.Title);
    }

    private static Activity Card(System.Text.Json.Nodes.JsonNode card, string summary) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary,
        Attachments = [Attachment.AdaptiveCard(card)],
    };
}
