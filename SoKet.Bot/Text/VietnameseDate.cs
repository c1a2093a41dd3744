using System.Globalization;
using SoKet.Bot.Text;

namespace SoKet.Bot.Text;

public enum DateParseOutcome { Parsed, NotADate, NoSuchDay }

/// <summary>
/// Dates as typed in Vietnam, day first: "30/6/2023", "30-06-2023", "30.6.23",
/// "ngày 30 tháng 6 năm 2023"; also ISO "2023-06-30", which card date inputs submit.
/// </summary>
public static class VietnameseDate
{
    private static readonly HashSet<string> Fillers = ["ngay", "thang", "nam"];

    public static DateParseOutcome TryParse(string? text, out DateOnly date)
    {
        date = default;
        // Folding turns "/", "-" and "." into spaces and "tháng" into "thang".
        var parts = VietnameseText.FoldForMatching(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !Fillers.Contains(p))
            .ToArray();
        if (parts.Length != 3 || !parts.All(p => p.Length <= 4 && p.All(char.IsAsciiDigit)))
            return DateParseOutcome.NotADate;

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var (day, month, year) = parts[0].Length == 4 ? (numbers[2], numbers[1], numbers[0]) : (numbers[0], numbers[1], numbers[2]);
        if (parts[parts[0].Length == 4 ? 0 : 2].Length == 2)
            year += 2000;
        else if (year is < 1900 or > 2199)
            return DateParseOutcome.NotADate;
        if (month is < 1 or > 12 || day < 1)
            return DateParseOutcome.NotADate;
        if (day > DateTime.DaysInMonth(year, month))
            return day <= 31 ? DateParseOutcome.NoSuchDay : DateParseOutcome.NotADate;
        date = new DateOnly(year, month, day);
        return DateParseOutcome.Parsed;
    }

    /// <summary>dd/MM/yyyy, as dates are shown to users.</summary>
    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
