using System.Globalization;

namespace SoKet.Bot.Export;

/// <summary>Numbers and dates as Vietnamese documents write them.</summary>
public static class VietnameseFormat
{
    // Fixed separators rather than the vi-VN culture: ICU data differs between machines, and a
    // Party document must read "1.234,5" wherever it is produced.
    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>1234.5 → "1.234,5"; up to two decimals, none when whole; null → "".</summary>
    public static string Number(decimal? value) =>
        value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("#,##0.##", Numbers) : "";

    /// <summary>
    /// "Lai Châu, ngày 21 tháng 3 năm 2023". Days below 10 and the months 1 and 2 take a leading zero,
    /// as in Party and state documents ("ngày 27 tháng 02 năm 2023"), so a date cannot be altered by hand.
    /// </summary>
    public static string PlaceAndDate(string place, DateOnly date)
    {
        var day = date.Day < 10 ? "0" + date.Day.ToString(CultureInfo.InvariantCulture) : date.Day.ToString(CultureInfo.InvariantCulture);
        var month = date.Month <= 2 ? "0" + date.Month.ToString(CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture);
        var prefix = string.IsNullOrWhiteSpace(place) ? "" : place.Trim() + ", ";
        return $"{prefix}ngày {day} tháng {month} năm {date.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>dd/MM/yyyy HH:mm in the given zone (Asia/Ho_Chi_Minh for SoKet).</summary>
    public static string DateTime(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static TimeZoneInfo VietnamTimeZone => Text.VietnamTime.Zone;
}
