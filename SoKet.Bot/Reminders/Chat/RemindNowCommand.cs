using System.Globalization;
using SoKet.Bot.Cards;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reminders.Planning;
using SoKet.Bot.Reminders.Sending;
using SoKet.Bot.Reminders.Settings;
using SoKet.Bot.Text;
using SoKet.Bot.Reports;
using SoKet.Bot.Turns;
using Microsoft.EntityFrameworkCore;

using SoKet.Bot.Help;

namespace SoKet.Bot.Reminders.Chat;

/// <summary>
/// "đôn đốc &lt;tên đơn vị&gt;" / "đôn đốc tất cả" (admin): queues a reminder now for one unit, or for every late
/// one, through the same outbox as the scheduled ones, and tells the admin who cannot be reached.
/// </summary>
public sealed class RemindNowCommand(
    SubmissionStatusQuery query,
    ReminderOutbox outbox,
    ReminderPlanningRun planning,
    ReminderSettingsService settings,
    SoKetDbContext db,
    TimeProvider clock)
{
    public const string CommandName = HelpCard.SendReminders;


    public static bool Matches(string foldedText) => foldedText.StartsWith("don doc", StringComparison.Ordinal);

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;

        var now = clock.GetUtcNow();
        var units = await query.ListAsync(null, null, cancellationToken);
        var argument = VietnameseText.FoldForMatching(turn.Input.Text);
        argument = argument.StartsWith("don doc", StringComparison.Ordinal) ? argument["don doc".Length..].Trim() : "";
        var all = argument is "" or "tat ca" or "tat ca don vi" or "cac don vi chua nop" or "cac don vi qua han";

        List<UnitSubmission> targets;
        if (all)
            targets = units.Where(u => u.IsLate(settings.Defaults.Calendar.LocalDate(now))).ToList();
        else
        {
            var open = units.Where(u => !u.IsSubmitted).ToList();
            targets = open.Where(u => VietnameseText.FoldForMatching(u.UnitName) == argument).ToList();
            if (targets.Count == 0)
                targets = open.Where(u => VietnameseText.FoldForMatching(u.UnitName).Contains(argument, StringComparison.Ordinal)).ToList();
            if (targets.Count == 0)
            {
                var submitted = units.Any(u => u.IsSubmitted && VietnameseText.FoldForMatching(u.UnitName).Contains(argument, StringComparison.Ordinal));
                turn.SendText(submitted
                    ? "Đơn vị này đã nộp báo cáo, không cần đôn đốc."
                    : "Tôi không tìm thấy đơn vị chưa nộp báo cáo nào có tên như vậy. Đồng chí kiểm tra lại tên đơn vị, hoặc gõ «đôn đốc tất cả» để nhắc các đơn vị quá hạn.");
                return;
            }
            if (targets.Count > 1)
            {
                turn.SendText("Có nhiều đơn vị trùng tên gọi này: " + MarkdownText.Literal(string.Join("; ", targets.Select(t => t.UnitName).Take(10)))
                    + ". Đồng chí gõ «đôn đốc» kèm tên đầy đủ của một đơn vị.");
                return;
            }
        }
        if (targets.Count == 0)
        {
            turn.SendText("Hiện không có đơn vị nào quá hạn nộp báo cáo.");
            return;
        }

        var request = "manual/" + Guid.NewGuid().ToString("N");
        var members = await planning.MembersAsync(targets.Select(t => t.UnitId).ToList(), cancellationToken);
        var personIds = members.Values.SelectMany(p => p).Distinct().ToList();
        var persons = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var items = new List<ReminderOutboxItem>();
        var unreachable = new List<string>();
        var nobody = new List<string>();
        foreach (var unit in targets)
        {
            var recipients = members.GetValueOrDefault(unit.UnitId) ?? [];
            if (recipients.Count == 0)
                nobody.Add(unit.UnitName);
            foreach (var personId in recipients)
            {
                var item = ReminderPlanningRun.Item(unit.CampaignId, unit.UnitId, ReminderKind.Manual, request, personId, now, now);
                var person = persons[personId];
                var conversation = await ReminderSender.PersonalConversationAsync(db, person, cancellationToken);
                if (conversation is null || !conversation.IsReachable)
                {
                    // Recorded, not sent: the admin sees it here and on the status card.
                    item.State = ReminderState.Unreachable;
                    item.LastError = conversation is null ? ReminderSender.NoConversation : ReminderSender.Blocked;
                    unreachable.Add($"{person.DisplayName ?? person.Email} ({unit.UnitName} — {item.LastError})");
                }
                items.Add(item);
            }
        }
        await outbox.EnqueueAsync(items, cancellationToken);

        var queued = items.Count(i => i.State == ReminderState.Pending);
        var text = $"Đã xếp lịch gửi tin nhắn đôn đốc tới {queued} cán bộ của {targets.Count} đơn vị.";
        var calendar = (await settings.ForCampaignAsync(targets[0].CampaignId, cancellationToken)).Calendar;
        if (queued > 0 && !calendar.IsOpen(now))
            text += " Ngoài giờ làm việc, tin nhắn sẽ được gửi từ " + calendar.NextOpening(now).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture) + ".";
        if (unreachable.Count > 0)
            text += "\n\nKhông nhắn được: " + MarkdownText.Literal(string.Join("; ", unreachable)) + ".";
        if (nobody.Count > 0)
            text += "\n\nChưa có cán bộ đầu mối để nhắn: " + MarkdownText.Literal(string.Join("; ", nobody)) + ".";
        turn.SendText(text);
    }
}
