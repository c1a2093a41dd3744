using System.Globalization;

namespace SoKet.Bot.Text;

/// <summary>Dates as a Party office writes them: dd/MM/yyyy, weekdays spelled "thứ Hai" … "Chủ nhật".</summary>
public static class VietnameseDates
{
    /// <summary>"30/06/2023".</summary>
    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"thứ Sáu, 30/06/2023".</summary>
    public static string FormatWithWeekday(DateOnly date) => $"{Weekday(date.DayOfWeek)}, {Format(date)}";

    /// <summary>"tháng 6/2023", for deadlines a plan gives only as a month.</summary>
    public static string FormatMonth(DateOnly date) => $"tháng {date.Month}/{date.Year}";

    public static string Weekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "thứ Hai",
        DayOfWeek.Tuesday => "thứ Ba",
        DayOfWeek.Wednesday => "thứ Tư",
        DayOfWeek.Thursday => "thứ Năm",
        DayOfWeek.Friday => "thứ Sáu",
        DayOfWeek.Saturday => "thứ Bảy",
        _ => "Chủ nhật",
    };

    /// <summary>The last day of the date's month, which is when a month-only deadline ("trong tháng 6/2018") runs out.</summary>
    public static DateOnly EndOfMonth(DateOnly date) => new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));
}
