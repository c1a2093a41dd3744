using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Reminders.ReminderSchedule;

namespace SoKet.Bot.Reminders.Settings;

/// <summary>A campaign's reminder policy and working calendar.</summary>
public sealed record CampaignReminderRules(ReminderPolicy Policy, WorkingCalendar Calendar);

/// <summary>Reads (and lets the admin save) a campaign's reminder settings, falling back to section "Reminders".</summary>
public sealed class ReminderSettingsService(SoKetDbContext db, IOptions<RemindersOptions> options, TimeProvider clock)
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    public CampaignReminderRules Defaults => FromOptions(options.Value);

    public async Task<CampaignReminderRules> ForCampaignAsync(Guid campaignId, CancellationToken ct)
    {
        var saved = await db.Set<CampaignReminderSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        return saved is null ? Defaults : FromSettings(saved, options.Value);
    }

    /// <summary>Saves an admin's edit after validating it; returns what is wrong, empty when saved.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(Guid campaignId, ReminderPolicy policy, WorkingHours hours, IReadOnlyCollection<DateOnly> holidays, string updatedBy, CancellationToken ct)
    {
        var errors = policy.Validate().Concat(hours.Validate()).ToList();
        if (errors.Count > 0)
            return errors;
        var row = await db.Set<CampaignReminderSettings>().FirstOrDefaultAsync(s => s.CampaignId == campaignId, ct);
        if (row is null)
        {
            row = new CampaignReminderSettings { CampaignId = campaignId };
            db.Add(row);
        }
        row.DaysBefore = string.Join(",", policy.DaysBefore);
        row.OnDueDay = policy.OnDueDay;
        row.OverdueEveryWorkingDays = policy.OverdueEveryWorkingDays;
        row.MaxOverdueReminders = policy.MaxOverdueReminders;
        row.SendAt = Time(policy.SendAt);
        row.Opens = Time(hours.Opens);
        row.Closes = Time(hours.Closes);
        row.Holidays = string.Join(",", holidays.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = updatedBy;
        await db.SaveChangesAsync(ct);
        return [];
    }

    public static CampaignReminderRules FromOptions(RemindersOptions o)
    {
        var policy = new ReminderPolicy
        {
            DaysBefore = o.DaysBefore ?? [7, 3, 1],
            OnDueDay = o.OnDueDay,
            OverdueEveryWorkingDays = o.OverdueEveryWorkingDays,
            MaxOverdueReminders = o.MaxOverdueReminders,
            SendAt = ParseTime(o.SendAt),
        };
        var hours = new WorkingHours
        {
            Opens = ParseTime(o.WorkingHours.Opens),
            Closes = ParseTime(o.WorkingHours.Closes),
            Days = o.WorkingHours.Days is { Length: > 0 } days ? days.ToHashSet() : WorkingHours.Default.Days,
        };
        return new(policy, new WorkingCalendar(hours, (o.Holidays ?? []).Select(ParseDate)));
    }

    private static CampaignReminderRules FromSettings(CampaignReminderSettings s, RemindersOptions o)
    {
        var policy = new ReminderPolicy
        {
            DaysBefore = s.DaysBefore.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList(),
            OnDueDay = s.OnDueDay,
            OverdueEveryWorkingDays = s.OverdueEveryWorkingDays,
            MaxOverdueReminders = s.MaxOverdueReminders,
            SendAt = ParseTime(s.SendAt),
        };
        var hours = new WorkingHours
        {
            Opens = ParseTime(s.Opens),
            Closes = ParseTime(s.Closes),
            Days = o.WorkingHours.Days is { Length: > 0 } days ? days.ToHashSet() : WorkingHours.Default.Days,
        };
        var holidays = s.Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseDate).Concat((o.Holidays ?? []).Select(ParseDate));
        return new(policy, new WorkingCalendar(hours, holidays));
    }

    public static DateOnly ParseDate(string text) =>
        DateOnly.ParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static TimeOnly ParseTime(string text) => TimeOnly.ParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture);

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
