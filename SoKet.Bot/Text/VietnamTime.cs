using System.Globalization;

namespace SoKet.Bot.Text;

/// <summary>Dates and times as the Party office reads them: in Asia/Ho_Chi_Minh.</summary>
public static class VietnamTime
{
    /// <summary>Asia/Ho_Chi_Minh, or a fixed UTC+7 where the machine has no time zone database (Vietnam has no daylight saving).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(Local(utc));

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>"21:05 ngày 21/11/2026".</summary>
    public static string Format(DateTime utc) => Local(utc).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"21:05 ngày 21/11/2026".</summary>
    public static string Format(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindZone()
    {
        foreach (var id in new[] { "Asia/Ho_Chi_Minh", "SE Asia Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
                return zone;
        }
        return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Giờ Việt Nam", "Giờ Việt Nam");
    }
}
