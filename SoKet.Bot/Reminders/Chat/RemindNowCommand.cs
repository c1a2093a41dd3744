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
/// "đôn đốc &lt;tên đơn vị&gt;", "đôn đốc tất cả" / "đôn đốc các đơn vị quá hạn" (the status card's button; a group's card adds its groupId), "đôn đốc
/// các đơn vị chưa nộp" (the help card's example) (admin): queues a reminder now for one unit, for every late one, or
/// for every one not submitted, through the same outbox as the scheduled ones. The reply names the units reminded,
/// says why the others that have not submitted are not (not yet due, no deadline) and who cannot be reached.
/// A manual reminder is written once per unit and person while it waits to be sent: pressing again queues nothing.
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

    /// <summary>At most this many unit names in one reply; the rest are counted.</summary>
    private const int NamesShown = 10;

    private const string ManualPrefix = "manual/";

    private enum Scope { Late, NotSubmitted, ByName }

    public static bool Matches(string foldedText) => foldedText.StartsWith("don doc", StringComparison.Ordinal);

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = settings.Defaults.Calendar.LocalDate(now);
        var units = await query.ListAsync(null, null, cancellationToken);
        // The button of a group's status card: that group's units only.
        if (turn.Input.Field("groupId") is { } group && Guid.TryParse(group, out var groupId))
            units = units.Where(u => u.GroupId == groupId).ToList();
        var open = units.Where(u => !u.IsSubmitted).ToList();
        var argument = VietnameseText.FoldForMatching(turn.Input.Text);
        argument = argument.StartsWith("don doc", StringComparison.Ordinal) ? argument["don doc".Length..].Trim() : "";
        var scope = argument switch
        {
            // A bare "đôn đốc" (the buttons) and "tất cả" have always meant the late units, as the status card's button says.
            "" or "tat ca" or "tat ca don vi" or "cac don vi qua han" or "don vi qua han" or "qua han" => Scope.Late,
            // The help card's example says "chưa nộp": every unit that has not submitted, due or not.
            "cac don vi chua nop" or "cac don vi chua nop bao cao" or "don vi chua nop" or "chua nop" or "tat ca don vi chua nop" => Scope.NotSubmitted,
            _ => Scope.ByName,
        };

        List<UnitSubmission> targets;
        if (scope == Scope.Late)
            targets = open.Where(u => u.IsLate(today)).ToList();
        else if (scope == Scope.NotSubmitted)
            // Without a deadline the sender has nothing to remind of (it skips such a unit): said in the reply instead.
            targets = open.Where(u => u.Deadline is not null).ToList();
        else
        {
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
        // Why the units left out of an "all" command are left out, so the admin knows exactly who was reminded.
        var notDue = scope == Scope.Late ? open.Where(u => u.Deadline is { } d && today <= d).ToList() : [];
        var noDeadline = scope == Scope.ByName ? [] : open.Where(u => u.Deadline is null).ToList();
        if (targets.Count == 0)
        {
            turn.SendText((scope == Scope.Late ? "Hiện không có đơn vị nào quá hạn nộp báo cáo."
                    : open.Count == 0 ? "Các đơn vị đều đã nộp báo cáo."
                    : "Không có đơn vị chưa nộp nào có thời hạn nộp để nhắc.")
                + LeftOut(notDue, noDeadline));
            return;
        }

        var members = await planning.MembersAsync(targets.Select(t => t.UnitId).ToList(), cancellationToken);
        var earlier = await EarlierManualAsync(targets, cancellationToken);
        var personIds = members.Values.SelectMany(p => p).Distinct().ToList();
        var persons = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var items = new List<ReminderOutboxItem>();
        var reminded = new List<UnitSubmission>();
        var waiting = new List<UnitSubmission>();
        var waitingPeople = 0;
        var unreachable = new List<string>();
        var nobody = new List<string>();
        foreach (var unit in targets)
        {
            var recipients = members.GetValueOrDefault(unit.UnitId) ?? [];
            if (recipients.Count == 0)
                nobody.Add(unit.UnitName);
            var queuedForUnit = false;
            var waitingForUnit = false;
            foreach (var personId in recipients)
            {
                var last = earlier.GetValueOrDefault((unit.CampaignId, unit.UnitId, personId));
                if (last?.State == ReminderState.Pending)
                {
                    // Already queued and not yet sent (outside working hours, or the sender is behind): a second one
                    // would reach them at the same moment. The promise is one reminder, not one per press.
                    waitingPeople++;
                    waitingForUnit = true;
                    continue;
                }
                // Numbered per unit and person, so the outbox's unique key also stops two admins pressing at once.
                var item = ReminderPlanningRun.Item(unit.CampaignId, unit.UnitId, ReminderKind.Manual, ManualPrefix + ((last?.Number ?? 0) + 1).ToString(CultureInfo.InvariantCulture),
                    personId, now, now);
                var person = persons[personId];
                var conversation = await ReminderSender.PersonalConversationAsync(db, person, cancellationToken);
                if (conversation is null || !conversation.IsReachable)
                {
                    item.State = ReminderState.Unreachable;
                    item.LastError = conversation is null ? ReminderSender.NoConversation : ReminderSender.Blocked;
                    unreachable.Add($"{person.DisplayName ?? person.Email} ({unit.UnitName} — {item.LastError})");
                    // Recorded once, not sent: the admin sees it here and on the status card; asking again adds no row.
                    if (last?.State == ReminderState.Unreachable)
                        continue;
                }
                else
                    queuedForUnit = true;
                items.Add(item);
            }
            if (queuedForUnit)
                reminded.Add(unit);
            if (waitingForUnit)
                waiting.Add(unit);
        }
        await outbox.EnqueueAsync(items, cancellationToken);

        var queued = items.Count(i => i.State == ReminderState.Pending);
        var what = scope switch
        {
            Scope.Late => " quá hạn",
            Scope.NotSubmitted => " chưa nộp báo cáo",
            _ => "",
        };
        var text = queued > 0
            ? $"Đã xếp lịch gửi tin nhắn đôn đốc tới {queued} cán bộ của {reminded.Count} đơn vị{what}: {Names(reminded)}."
            : waitingPeople > 0
                ? $"Tin nhắn đôn đốc tới {waitingPeople} cán bộ của {waiting.Count} đơn vị{what} đã được xếp lịch từ trước và đang chờ gửi: {Names(waiting)}."
                  + " Tôi không xếp thêm, để mỗi cán bộ chỉ nhận một tin nhắn."
                : $"Không gửi được tin nhắn đôn đốc tới đơn vị{what} nào.";
        var calendar = (await settings.ForCampaignAsync(targets[0].CampaignId, cancellationToken)).Calendar;
        if ((queued > 0 || waitingPeople > 0) && !calendar.IsOpen(now))
            text += " Ngoài giờ làm việc, tin nhắn sẽ được gửi từ " + calendar.NextOpening(now).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture) + ".";
        if (queued > 0 && waitingPeople > 0)
            text += $"\n\nĐã xếp lịch từ trước và đang chờ gửi, nên không nhắn thêm: {waitingPeople} cán bộ của {waiting.Count} đơn vị ({Names(waiting)}).";
        if (unreachable.Count > 0)
            text += "\n\nKhông nhắn được: " + MarkdownText.Literal(string.Join("; ", unreachable)) + ".";
        if (nobody.Count > 0)
            text += "\n\nChưa có cán bộ đầu mối để nhắn: " + MarkdownText.Literal(string.Join("; ", nobody)) + ".";
        text += LeftOut(notDue, noDeadline);
        turn.SendText(text);
    }

    /// <summary>The latest manual reminder of each unit and person among <paramref name="targets"/>, with its number.</summary>
    private async Task<Dictionary<(Guid Campaign, Guid Unit, Guid Person), Earlier>> EarlierManualAsync(List<UnitSubmission> targets, CancellationToken ct)
    {
        var result = new Dictionary<(Guid, Guid, Guid), Earlier>();
        foreach (var chunk in targets.Select(t => t.UnitId).Distinct().Chunk(500).Select(c => c.ToList()))
        {
            var rows = await db.Set<ReminderOutboxItem>().AsNoTracking()
                .Where(i => i.Kind == ReminderKind.Manual && i.PersonId != null && chunk.Contains(i.UnitId))
                .Select(i => new { i.Id, i.CampaignId, i.UnitId, i.PersonId, i.Milestone, i.State }).ToListAsync(ct);
            foreach (var row in rows.OrderBy(r => r.Id))
            {
                var key = (row.CampaignId, row.UnitId, row.PersonId!.Value);
                // Earlier versions named each one "manual/<guid>": those count as number 0.
                var number = row.Milestone.StartsWith(ManualPrefix, StringComparison.Ordinal)
                    && int.TryParse(row.Milestone.AsSpan(ManualPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                var previous = result.GetValueOrDefault(key);
                result[key] = new Earlier(Math.Max(number, previous?.Number ?? 0),
                    previous?.State == ReminderState.Pending ? ReminderState.Pending : row.State);
            }
        }
        return result;
    }

    /// <summary>The highest number used so far, and Pending if any is still waiting, else the latest one's state.</summary>
    private sealed record Earlier(int Number, ReminderState State);

    private static string LeftOut(List<UnitSubmission> notDue, List<UnitSubmission> noDeadline)
    {
        var text = "";
        if (notDue.Count > 0)
        {
            var deadlines = notDue.Select(u => u.Deadline!.Value).Distinct().Order().ToList();
            var deadline = (deadlines.Count == 1 ? "hạn nộp " : "hạn nộp sớm nhất ") + deadlines[0].ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            text += $"\n\n{notDue.Count} đơn vị chưa nộp khác chưa đến hạn ({deadline}) nên chưa nhắc: {Names(notDue)}."
                + " Đồng chí gõ «đôn đốc các đơn vị chưa nộp» để nhắc cả các đơn vị này.";
        }
        if (noDeadline.Count > 0)
            text += $"\n\nChưa có thời hạn nộp báo cáo nên chưa nhắc: {Names(noDeadline)}.";
        return text;
    }

    private static string Names(IReadOnlyCollection<UnitSubmission> units)
    {
        var names = MarkdownText.Literal(string.Join("; ", units.Select(u => u.UnitName).Take(NamesShown)));
        return units.Count > NamesShown ? $"{names} và {units.Count - NamesShown} đơn vị khác" : names;
    }
}
