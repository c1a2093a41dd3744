namespace SoKet.Bot.Reminders.ReminderSchedule;

/// <summary>
/// Working days and hours in the office's time zone (Asia/Ho_Chi_Minh by default), with public
/// holidays. The four holidays the Labour Code (2019, article 112) fixes on solar dates — 1/1, 30/4, 1/5 and
/// 2/9 — are always days off. The others are configured dates rather than computed: Tết and Giỗ Tổ follow the
/// lunar calendar, and the government sets the days off around 30/4 and 2/9 anew each year.
/// </summary>
public sealed class WorkingCalendar
{
    public const string VietnamTimeZoneId = "Asia/Ho_Chi_Minh";

    // A calendar must open within this many days, or its holidays cover every working day.
    private const int SearchLimitDays = 366 * 2;

    private readonly HashSet<DateOnly> holidays;

    public WorkingCalendar(WorkingHours? hours = null, IEnumerable<DateOnly>? holidays = null, TimeZoneInfo? timeZone = null)
    {
        Hours = hours ?? WorkingHours.Default;
        var errors = Hours.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors), nameof(hours));
        this.holidays = [.. holidays ?? []];
        TimeZone = timeZone ?? Text.VietnamTime.Zone;
    }

    public WorkingHours Hours { get; }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlySet<DateOnly> Holidays => holidays;

    public bool IsWorkingDay(DateOnly date) => Hours.Days.Contains(date.DayOfWeek) && !holidays.Contains(date) && !IsFixedHoliday(date);

    /// <summary>1/1, 30/4, 1/5 and 2/9: public holidays every year, whatever is configured.</summary>
    public static bool IsFixedHoliday(DateOnly date) => (date.Month, date.Day) is (1, 1) or (4, 30) or (5, 1) or (9, 2);

    public bool IsOpen(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && time >= Hours.Opens && time < Hours.Closes;
    }

    /// <summary><paramref name="instant"/> itself when the office is open then, otherwise the next time it opens; in local time.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        if (IsOpen(local))
            return local;

        var date = DateOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(date) || TimeOnly.FromDateTime(local.DateTime) >= Hours.Closes)
            date = NextWorkingDayAfter(date);
        return AtLocal(date, Hours.Opens);
    }

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="date"/> (before it
    /// when negative): Friday + 1 is Monday. The start date itself need not be a working day; 0 returns it unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        var step = Math.Sign(workingDays);
        for (var remaining = Math.Abs(workingDays); remaining > 0; remaining--)
        {
            var searched = 0;
            do
            {
                date = date.AddDays(step);
                if (++searched > SearchLimitDays)
                    throw new InvalidOperationException("Lịch làm việc không có ngày làm việc nào trong hai năm.");
            }
            while (!IsWorkingDay(date));
        }
        return date;
    }

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant a local wall-clock time occurs in the calendar's time zone.</summary>
    public DateTimeOffset AtLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        // Asia/Ho_Chi_Minh has no daylight saving time; elsewhere a wall-clock time skipped by a
        // spring-forward gap happens, in effect, an hour later.
        if (TimeZone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    private DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    private DateOnly NextWorkingDayAfter(DateOnly date) => AddWorkingDays(date, 1);
}
