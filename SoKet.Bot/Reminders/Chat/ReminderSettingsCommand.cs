using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Cards;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reminders.ReminderSchedule;
using SoKet.Bot.Reminders.Settings;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Reminders.Chat;

/// <summary>
/// "cài đặt nhắc hạn" (admin) shows a campaign's reminder milestones and hours; followed by changes it saves them:
/// "cài đặt nhắc hạn: trước 5, 2 ngày; sau hạn mỗi 3 ngày; giờ 08:00-16:30; gửi lúc 09:00; nghỉ 01/09/2023, 04/09/2023".
/// </summary>
public sealed partial class ReminderSettingsCommand(ReminderSettingsService settings, SoKetDbContext db, CardCatalog cards)
{
    public const string CommandName = "cai-dat-nhac-han";


    public static bool Matches(string foldedText) => foldedText.StartsWith("cai dat nhac", StringComparison.Ordinal);

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;
        var text = VietnameseText.Fold(turn.Input.Text);
        var open = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Open).ToListAsync(cancellationToken);
        var campaign = open.Count == 1 ? open[0] : open.FirstOrDefault(c => text.Contains(VietnameseText.Fold(c.Code), StringComparison.Ordinal));
        if (campaign is null)
        {
            turn.SendText(open.Count == 0
                ? "Chưa có đợt sơ kết nào đang mở."
                : "Đồng chí ghi rõ số, ký hiệu kế hoạch, ví dụ «cài đặt nhắc hạn " + open[0].Code + "». Các kế hoạch đang mở: " + string.Join("; ", open.Select(c => c.Code)) + ".");
            return;
        }

        var current = await settings.ForCampaignAsync(campaign.Id, cancellationToken);
        var policy = current.Policy;
        var hours = current.Calendar.Hours;
        var holidays = current.Calendar.Holidays.ToList();
        var changed = false;
        if (BeforeRegex().Match(text) is { Success: true } before)
        {
            policy = policy with { DaysBefore = NumberRegex().Matches(before.Groups[1].Value).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList() };
            changed = true;
        }
        if (OverdueRegex().Match(text) is { Success: true } overdue)
        {
            policy = policy with { OverdueEveryWorkingDays = int.Parse(overdue.Groups[1].Value, CultureInfo.InvariantCulture) };
            changed = true;
        }
        if (HoursRegex().Match(text) is { Success: true } range)
        {
            hours = hours with { Opens = Time(range.Groups[1].Value), Closes = Time(range.Groups[2].Value) };
            changed = true;
        }
        if (SendAtRegex().Match(text) is { Success: true } sendAt)
        {
            policy = policy with { SendAt = Time(sendAt.Groups[1].Value) };
            changed = true;
        }
        if (HolidaysRegex().Match(text) is { Success: true } off)
        {
            holidays = DateRegex().Matches(off.Groups[1].Value).Select(m => ReminderSettingsService.ParseDate(m.Value)).ToList();
            changed = true;
        }

        if (changed)
        {
            var errors = await settings.SaveAsync(campaign.Id, policy, hours, holidays, user.DisplayName, cancellationToken);
            if (errors.Count > 0)
            {
                turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard("Chưa lưu được cài đặt nhắc hạn", string.Join(" ", errors), NoticeKind.Error)));
                return;
            }
        }
        turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard(
            changed ? $"Đã lưu cài đặt nhắc hạn của kế hoạch {campaign.Code}" : $"Cài đặt nhắc hạn của kế hoạch {campaign.Code}",
            "Để thay đổi, đồng chí gõ ví dụ: «cài đặt nhắc hạn: trước 7, 3, 1 ngày; sau hạn mỗi 2 ngày; giờ 07:30-17:00; gửi lúc 08:00; nghỉ 01/09/2023, 04/09/2023».",
            changed ? NoticeKind.Success : NoticeKind.Info,
            [
                new("Nhắc trước hạn", policy.DaysBefore.Count == 0 ? "không" : string.Join(", ", policy.DaysBefore.OrderDescending()) + " ngày"),
                new("Nhắc đúng ngày hạn", policy.OnDueDay ? "có" : "không"),
                new("Sau hạn", policy.OverdueEveryWorkingDays == 0 ? "không nhắc" : $"mỗi {policy.OverdueEveryWorkingDays} ngày làm việc"),
                new("Giờ gửi", policy.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture)),
                new("Giờ làm việc", $"{hours.Opens:HH\\:mm}–{hours.Closes:HH\\:mm}"),
                new("Ngày nghỉ", holidays.Count == 0 ? "không" : string.Join(", ", holidays.Order().Select(d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)))),
            ])));
    }

    private static TimeOnly Time(string text) =>
        TimeOnly.ParseExact(text.Replace('h', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture);

    // Typed by an office admin: plain patterns, so the non-backtracking engine reads any message in linear time.
    [GeneratedRegex(@"truoc\s+([\d,\s va]+?)\s*ngay", RegexOptions.NonBacktracking)]
    private static partial Regex BeforeRegex();

    [GeneratedRegex(@"sau han\s+moi\s+(\d+)\s*ngay", RegexOptions.NonBacktracking)]
    private static partial Regex OverdueRegex();

    [GeneratedRegex(@"gio(?: lam viec)?\s+(\d{1,2}[:h]\d{2})\s*[-–den ]+\s*(\d{1,2}[:h]\d{2})", RegexOptions.NonBacktracking)]
    private static partial Regex HoursRegex();

    [GeneratedRegex(@"gui luc\s+(\d{1,2}[:h]\d{2})", RegexOptions.NonBacktracking)]
    private static partial Regex SendAtRegex();

    [GeneratedRegex(@"nghi\s+(.+?)(?:;|$)", RegexOptions.NonBacktracking)]
    private static partial Regex HolidaysRegex();

    [GeneratedRegex(@"\d+", RegexOptions.NonBacktracking)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}", RegexOptions.NonBacktracking)]
    private static partial Regex DateRegex();
}
