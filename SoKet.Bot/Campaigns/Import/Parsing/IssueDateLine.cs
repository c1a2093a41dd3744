using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// The place and date line of a letterhead ("TP. Lai Châu, ngày 21 tháng 3 năm 2023") as offices actually type
/// it: without the comma or with another mark in its place ("Hà Tĩnh ngày ...", "Sìn Hồ. ngày ..."), words glued
/// to numbers ("ngày12", "21tháng", "năm2023"), a colon after "ngày", commas between the parts, a space inside
/// the year ("năm 2 023"), in capitals, in brackets, the month as a word ("tháng ba"), or the day left blank
/// in a draft awaiting signature ("ngày     tháng 3 năm 2023", read to the month only).
/// A hand-written scanner rather than a regex: one pass over at most <see cref="MaxLineLength"/> characters,
/// nothing to backtrack, and each tolerance stays readable.
/// </summary>
internal static class IssueDateLine
{
    /// <summary>A letterhead date line is short; anything longer is a sentence that happens to contain "ngày".</summary>
    public const int MaxLineLength = 120;

    private const int MaxPlaceLength = 60;

    private static readonly string[][] MonthWords =
    [
        ["gieng", "mot"], ["hai"], ["ba"], ["tu", "bon"], ["nam"], ["sau"], ["bay"], ["tam"], ["chin"], ["muoi"], ["muoi mot"], ["muoi hai", "chap"],
    ];

    /// <param name="Place">The words before "ngày", cleaned of separators and brackets; null when the line starts with "ngày".</param>
    /// <param name="Precision"><see cref="DatePrecision.Month"/> when the day is blank.</param>
    /// <param name="DateText">The date as written, from "ngày" to the year.</param>
    public sealed record Result(string? Place, DateOnly Date, DatePrecision Precision, string DateText);

    public static Result? Parse(string line)
    {
        if (line.Length > MaxLineLength)
        {
            return null;
        }

        var folded = VietnameseText.FoldPreservingLength(VietnameseText.Normalize(line));
        for (var at = folded.IndexOf("ngay", StringComparison.Ordinal); at >= 0; at = folded.IndexOf("ngay", at + 1, StringComparison.Ordinal))
        {
            if (at > 0 && char.IsLetter(folded[at - 1]))
            {
                continue;
            }

            if (!TryReadDate(folded, at + 4, out var date, out var precision, out var end))
            {
                continue;
            }

            var before = line[..at];
            if (before.Any(char.IsDigit))
            {
                // "Kế hoạch số 152-KH/TU, ngày 27/02/2023 ...": a document cited with its date, not a date line.
                return null;
            }

            var place = CleanPlace(before);
            if (place is { Length: > MaxPlaceLength })
            {
                return null;
            }

            return new Result(place, date, precision, line[at..end].Trim());
        }

        return null;
    }

    /// <summary>"TP. Lai Châu," on its own line: the place when a table cell or tab split it from "ngày ...".</summary>
    public static string? PlaceOnly(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length is 0 or > MaxPlaceLength || trimmed.Any(char.IsDigit) || trimmed[^1] is not (',' or '.' or '-' or '–'))
        {
            return null;
        }

        return CleanPlace(trimmed);
    }

    private static string? CleanPlace(string text)
    {
        var place = text.Trim().TrimEnd(',', '.', ';', ':', '-', '–', '—', ' ', '\t').TrimStart('(', '-', '–', '—', '*', '•', ' ', '\t');
        return place.Any(char.IsLetter) ? place : null;
    }

    private static bool TryReadDate(string s, int i, out DateOnly date, out DatePrecision precision, out int end)
    {
        date = default;
        precision = DatePrecision.Day;
        end = i;
        i = Skip(s, i, " :.,\t");

        // The day, or a blank left for it: spaces, dots, an ellipsis or underscores before "tháng".
        var day = ReadNumber(s, ref i, 2);
        if (day < 0)
        {
            var blank = Skip(s, i, " .…_\t");
            if (!At(s, blank, "thang"))
            {
                return false;
            }

            i = blank;
            precision = DatePrecision.Month;
        }

        i = Skip(s, i, " ,\t");
        int month;
        int year;
        if (At(s, i, "thang"))
        {
            i = Skip(s, i + 5, " :\t");
            month = ReadNumber(s, ref i, 2);
            if (month < 0 && !TryReadMonthWord(s, ref i, out month))
            {
                return false;
            }

            i = Skip(s, i, " ,.\t");
            if (!At(s, i, "nam"))
            {
                return false;
            }

            i = Skip(s, i + 3, " :\t");
            year = ReadYear(s, ref i);
        }
        else if (day > 0 && i < s.Length && s[i] is '/' or '-' or '.')
        {
            i = Skip(s, i + 1, " \t");
            month = ReadNumber(s, ref i, 2);
            i = Skip(s, i, " \t");
            if (i >= s.Length || s[i] is not ('/' or '-' or '.'))
            {
                return false;
            }

            i = Skip(s, i + 1, " \t");
            year = ReadYear(s, ref i);
        }
        else
        {
            return false;
        }

        if (year is < 1945 or > 2100 || month is < 1 or > 12)
        {
            return false;
        }

        var last = DateTime.DaysInMonth(year, month);
        if (precision == DatePrecision.Month)
        {
            day = last;
        }
        else if (day < 1 || day > last)
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        end = i;
        return true;
    }

    /// <summary>Four digits, allowing one stray space among them ("2 023"), and nothing glued after.</summary>
    private static int ReadYear(string s, ref int i)
    {
        var value = 0;
        var digits = 0;
        var j = i;
        var spaceUsed = false;
        while (j < s.Length && digits < 4)
        {
            if (char.IsAsciiDigit(s[j]))
            {
                value = (value * 10) + (s[j] - '0');
                digits++;
            }
            else if (s[j] == ' ' && digits > 0 && !spaceUsed && j + 1 < s.Length && char.IsAsciiDigit(s[j + 1]))
            {
                spaceUsed = true;
            }
            else
            {
                break;
            }

            j++;
        }

        if (digits != 4 || (j < s.Length && char.IsAsciiDigit(s[j])))
        {
            return -1;
        }

        i = j;
        return value;
    }

    private static int ReadNumber(string s, ref int i, int maxDigits)
    {
        var j = i;
        var value = 0;
        while (j < s.Length && j - i < maxDigits && char.IsAsciiDigit(s[j]))
        {
            value = (value * 10) + (s[j] - '0');
            j++;
        }

        if (j == i || (j < s.Length && char.IsAsciiDigit(s[j])))
        {
            return -1;
        }

        i = j;
        return value;
    }

    /// <summary>"tháng ba" → 3. "tháng năm năm 2023" is May: the first "năm" names the month only when another "năm" follows.</summary>
    private static bool TryReadMonthWord(string s, ref int i, out int month)
    {
        month = -1;
        for (var m = MonthWords.Length - 1; m >= 0; m--)
        {
            foreach (var word in MonthWords[m])
            {
                if (!At(s, i, word) || (i + word.Length < s.Length && char.IsLetter(s[i + word.Length])))
                {
                    continue;
                }

                var after = i + word.Length;
                if (word == "nam" && !At(s, Skip(s, after, " ,\t"), "nam"))
                {
                    continue;
                }

                month = m + 1;
                i = after;
                return true;
            }
        }

        return false;
    }

    private static bool At(string s, int i, string word) => i >= 0 && i + word.Length <= s.Length && string.CompareOrdinal(s, i, word, 0, word.Length) == 0;

    private static int Skip(string s, int i, string chars)
    {
        while (i < s.Length && chars.Contains(s[i], StringComparison.Ordinal))
        {
            i++;
        }

        return i;
    }
}
