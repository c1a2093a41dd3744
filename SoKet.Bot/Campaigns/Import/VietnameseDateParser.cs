using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>How precisely a date was written. Anything but <see cref="Day"/> is a month-only date resolved to a day.</summary>
public enum DatePrecision
{
    /// <summary>"30/6/2023", "ngày 21 tháng 3 năm 2023".</summary>
    Day,

    /// <summary>"tháng 6/2023", "trong tháng 7 năm 2023": the month's last day.</summary>
    Month,

    /// <summary>"đầu tháng 7-2018", "thượng tuần tháng 7": the 10th, the end of the first third of the month.</summary>
    EarlyMonth,

    /// <summary>"giữa tháng 7", "trung tuần tháng 7": the 20th.</summary>
    MidMonth,

    /// <summary>"cuối tháng 7", "hạ tuần tháng 7": the month's last day.</summary>
    LateMonth,

    /// <summary>"quý III/2023": the quarter's last day.</summary>
    Quarter,
}

/// <summary>The words in front of a date that say how it bounds something.</summary>
public enum DateQualifier
{
    None,

    /// <summary>"ngày 21 tháng 3", "vào ngày 9-6-2018".</summary>
    On,

    /// <summary>"trước ngày 30/6/2023".</summary>
    Before,

    /// <summary>"chậm nhất vào ngày 9-6-2018", "hạn chót", "không quá ngày".</summary>
    NoLaterThan,

    /// <summary>"trong tháng 7 năm 2023", "hoàn thành trong tháng 6-2018".</summary>
    Within,

    /// <summary>"đến ngày 30/5/2023", "tính đến": a cut-off, not a deadline.</summary>
    Until,

    /// <summary>"từ ngày 20".</summary>
    From,
}

/// <summary>
/// A date found in text. <see cref="Start"/> and <see cref="Length"/> index the NFC form of the text
/// that was parsed (the importer always passes NFC text, so they index it directly).
/// </summary>
public sealed record DateMention(DateOnly Date, DatePrecision Precision, DateQualifier Qualifier, int Start, int Length, string Text)
{
    /// <summary>The first day of a range ("từ ngày 20 đến 25/6/2023" → 20/6/2023); <see cref="Date"/> is its last day.</summary>
    public DateOnly? RangeStart { get; init; }

    public bool IsMonthOnly => Precision != DatePrecision.Day;

    /// <summary>The text gave a day and month only ("trước 30/6", "ngày 15 tháng 6"); the year was supplied by the caller or a nearby date.</summary>
    public bool YearInferred { get; init; }

    public int End => Start + Length;
}

/// <summary>
/// Finds and parses the date styles Vietnamese Party documents use: "ngày 21 tháng 3 năm 2023",
/// "27/02/2023", "4-5-2018", "30.6.2023", "tháng 6/2023", "trong tháng 7 năm 2023", "đầu tháng 7-2018",
/// "quý III/2023", ranges with the month and year written once ("từ ngày 20 đến 25/6/2023"),
/// a day and month without a year ("ngày 15 tháng 6", "ngày 20/6", "trước 30/6"),
/// with or without diacritics, inside bold markers or with stray spaces around the separators.
/// Every pattern is a fixed sequence of bounded tokens (no nested or unbounded repetition that could
/// backtrack), so the cost is linear in the text's length.
/// </summary>
public static partial class VietnameseDateParser
{
    private const int MinYear = 1945;
    private const int MaxYear = 2100;

    /// <summary>Parses the first date in <paramref name="text"/>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DateMention? mention, int? defaultYear = null)
    {
        var all = FindAll(text, defaultYear);
        mention = all.Count > 0 ? all[0] : null;
        return mention is not null;
    }

    /// <summary>The first date in <paramref name="text"/>, or null.</summary>
    public static DateMention? Parse(string text, int? defaultYear = null) =>
        TryParse(text, out var mention, defaultYear) ? mention : null;

    /// <summary>
    /// Every date in <paramref name="text"/>, in order, overlapping matches resolved in favour of the
    /// longer one. A day and month without a year ("ngày 20/6") take <paramref name="defaultYear"/>, or
    /// else the year of the next full date in the same text.
    /// </summary>
    public static IReadOnlyList<DateMention> FindAll(string text, int? defaultYear = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var original = VietnameseText.Normalize(text);
        var folded = Prepare(original);

        var candidates = new List<DateMention>();
        candidates.AddRange(Ranges(original, folded));
        candidates.AddRange(Matches(original, folded, VerbalDate(), TryVerbal));
        candidates.AddRange(Matches(original, folded, NumericDate(), TryNumeric));
        candidates.AddRange(Matches(original, folded, MonthDate(), TryMonth));
        candidates.AddRange(Matches(original, folded, QuarterDate(), TryQuarter));

        var chosen = RemoveOverlaps(candidates);
        chosen.AddRange(DaysWithoutYear(original, folded, chosen, defaultYear));
        return RemoveOverlaps(chosen)
            .Select(m => m with { Qualifier = QualifierBefore(folded, m) })
            .ToList();
    }

    /// <summary>Diacritics folded, emphasis stars and odd spaces blanked: same length as the input.</summary>
    private static string Prepare(string nfc)
    {
        var folded = new StringBuilder(VietnameseText.FoldPreservingLength(nfc));
        for (var i = 0; i < folded.Length; i++)
        {
            if (folded[i] == '*' || folded[i] == '_' || char.IsWhiteSpace(folded[i]))
            {
                folded[i] = ' ';
            }
            else if (folded[i] is '–' or '—')
            {
                folded[i] = '-';
            }
        }

        return folded.ToString();
    }

    private delegate DateMention? Builder(Match match, string original);

    private static IEnumerable<DateMention> Matches(string original, string folded, Regex regex, Builder build)
    {
        foreach (Match match in regex.Matches(folded))
        {
            if (build(match, original) is { } mention)
            {
                yield return mention;
            }
        }
    }

    private static DateMention? TryVerbal(Match m, string original) =>
        Day(m, original, Int(m, "d"), Int(m, "m"), Int(m, "y"));

    private static DateMention? TryNumeric(Match m, string original)
    {
        var yearText = m.Groups["y"].Value;
        var year = Int(m, "y");
        if (yearText.Length == 2)
        {
            // Two-digit years only with slashes: "1.2.12" is far more likely a section number than a date.
            if (m.Groups["s1"].Value != "/" || m.Groups["s2"].Value != "/")
            {
                return null;
            }

            year += 2000;
        }

        return Day(m, original, Int(m, "d"), Int(m, "m"), year);
    }

    private static DateMention? TryMonth(Match m, string original)
    {
        var month = Int(m, "m");
        var year = Int(m, "y");
        if (!ValidMonth(year, month))
        {
            return null;
        }

        var last = DateTime.DaysInMonth(year, month);
        var (precision, day) = m.Groups["part"].Value switch
        {
            "dau" or "thuong tuan" => (DatePrecision.EarlyMonth, 10),
            "giua" or "trung tuan" => (DatePrecision.MidMonth, 20),
            "cuoi" or "ha tuan" => (DatePrecision.LateMonth, last),
            _ => (DatePrecision.Month, last),
        };
        return new DateMention(new DateOnly(year, month, day), precision, DateQualifier.None, m.Index, m.Length, original.Substring(m.Index, m.Length));
    }

    private static DateMention? TryQuarter(Match m, string original)
    {
        var quarter = m.Groups["q"].Value switch
        {
            "i" or "1" => 1,
            "ii" or "2" => 2,
            "iii" or "3" => 3,
            "iv" or "4" => 4,
            _ => 0,
        };
        var year = Int(m, "y");
        if (quarter == 0 || year is < MinYear or > MaxYear)
        {
            return null;
        }

        var month = quarter * 3;
        return new DateMention(new DateOnly(year, month, DateTime.DaysInMonth(year, month)), DatePrecision.Quarter, DateQualifier.None,
            m.Index, m.Length, original.Substring(m.Index, m.Length))
        {
            // A quarter is a span: "trong quý II/2023" runs from 01/4 to 30/6.
            RangeStart = new DateOnly(year, month - 2, 1),
        };
    }

    private static IEnumerable<DateMention> Ranges(string original, string folded)
    {
        foreach (Match m in DayRange().Matches(folded))
        {
            var year = Int(m, "y");
            var endMonth = Int(m, "m2");
            var startMonth = m.Groups["m1"].Success ? Int(m, "m1") : endMonth;
            var end = Day(m, original, Int(m, "d2"), endMonth, year);
            var start = Day(m, original, Int(m, "d1"), startMonth, year);
            if (end is null || start is null || start.Date > end.Date)
            {
                continue;
            }

            yield return end with { RangeStart = start.Date };
        }
    }

    /// <summary>
    /// "ngày 20/6", "ngày 15 tháng 6", and a bare "30/6" right after a word that bounds a deadline ("trước 30/6",
    /// "chậm nhất 25-6"): without that word a bare "30/6" is too often a number or a document symbol.
    /// </summary>
    private static IEnumerable<DateMention> DaysWithoutYear(string original, string folded, List<DateMention> found, int? defaultYear)
    {
        var candidates = DayMonthWithoutYear().Matches(folded).Cast<Match>()
            .Concat(BareDayMonthAfterCue().Matches(folded).Cast<Match>())
            .OrderBy(m => m.Index);
        // found is sorted and free of overlaps: a binary search finds the neighbours of a candidate, so a clause
        // crowded with dates costs n log n, not n².
        var starts = found.Select(f => f.Start).ToArray();
        foreach (var m in candidates)
        {
            var day = m.Groups["d"];
            var start = m.Groups["ngay"].Success ? m.Index : day.Index;
            var end = m.Index + m.Length;
            var next = FirstStartingAfter(starts, start);
            var overlaps = (next > 0 && found[next - 1].End > start) || (next < found.Count && found[next].Start < end);
            if (overlaps || FollowedByYear(folded, end) || FollowedByUnit(folded, end))
            {
                continue;
            }

            var year = defaultYear ?? (next < found.Count ? found[next].Date.Year : null);
            if (year is { } y && ValidMonth(y, Int(m, "m")) && Int(m, "d") is var d && d >= 1 && d <= DateTime.DaysInMonth(y, Int(m, "m")))
            {
                yield return new DateMention(new DateOnly(y, Int(m, "m"), d), DatePrecision.Day, DateQualifier.None, start, end - start,
                    original[start..end]) { YearInferred = true };
            }
        }
    }

    /// <summary>"30/6/2023" seen as "30/6" followed by "/2023": the full date is found by the numeric pattern.</summary>
    private static bool FollowedByYear(string folded, int end) =>
        end + 1 < folded.Length && folded[end] is '/' or '.' or '-' && char.IsDigit(folded[end + 1]);

    /// <summary>"trước 1-2 tuần", "chậm nhất 3-5 ngày": a span of a quantity, not a day and month.</summary>
    private static bool FollowedByUnit(string folded, int end)
    {
        var next = folded.AsSpan(end).TrimStart();
        foreach (var unit in QuantityUnits)
        {
            if (next.StartsWith(unit, StringComparison.Ordinal) && (next.Length == unit.Length || !char.IsLetter(next[unit.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] QuantityUnits = ["ngay", "tuan", "thang", "nam", "gio", "lan", "nguoi", "%"];

    /// <summary>
    /// Longest first, then leftmost; a candidate overlapping one already chosen is dropped. Characters taken are
    /// marked, so each check costs the candidate's own length (a date is a few dozen characters at most) and a
    /// clause crowded with dates stays linear.
    /// </summary>
    private static List<DateMention> RemoveOverlaps(IEnumerable<DateMention> candidates)
    {
        var ordered = candidates.OrderByDescending(c => c.Length).ThenBy(c => c.Start).ToList();
        var taken = new System.Collections.BitArray(ordered.Count == 0 ? 0 : ordered.Max(c => c.End));
        var chosen = new List<DateMention>();
        foreach (var candidate in ordered)
        {
            var free = true;
            for (var i = candidate.Start; i < candidate.End && free; i++)
            {
                free = !taken[i];
            }

            if (!free)
            {
                continue;
            }

            for (var i = candidate.Start; i < candidate.End; i++)
            {
                taken[i] = true;
            }

            chosen.Add(candidate);
        }

        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        return chosen;
    }

    /// <summary>Index of the first start greater than <paramref name="position"/> in ascending <paramref name="starts"/>.</summary>
    private static int FirstStartingAfter(int[] starts, int position)
    {
        int low = 0, high = starts.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (starts[middle] <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static DateQualifier QualifierBefore(string folded, DateMention mention)
    {
        var matched = folded.Substring(mention.Start, mention.Length).TrimStart();
        var prefixStart = Math.Max(0, mention.Start - 40);
        var prefix = VietnameseText.CollapseSpaces(folded[prefixStart..mention.Start].Replace('(', ' ').Replace(',', ' '));
        if (mention.RangeStart is null && matched.StartsWith("tu ", StringComparison.Ordinal))
        {
            return DateQualifier.From;
        }

        if (NoLaterThanCue().IsMatch(prefix))
        {
            return DateQualifier.NoLaterThan;
        }

        if (BeforeCue().IsMatch(prefix))
        {
            return DateQualifier.Before;
        }

        if (UntilCue().IsMatch(prefix))
        {
            return DateQualifier.Until;
        }

        if (FromCue().IsMatch(prefix))
        {
            return DateQualifier.From;
        }

        if (WithinCue().IsMatch(prefix) && mention.Precision != DatePrecision.Day)
        {
            return DateQualifier.Within;
        }

        if (matched.StartsWith("ngay", StringComparison.Ordinal) || OnCue().IsMatch(prefix))
        {
            return DateQualifier.On;
        }

        return DateQualifier.None;
    }

    private static DateMention? Day(Match m, string original, int day, int month, int year)
    {
        if (!ValidMonth(year, month) || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateMention(new DateOnly(year, month, day), DatePrecision.Day, DateQualifier.None, m.Index, m.Length, original.Substring(m.Index, m.Length));
    }

    private static bool ValidMonth(int year, int month) => year is >= MinYear and <= MaxYear && month is >= 1 and <= 12;

    private static int Int(Match m, string group) =>
        int.TryParse(m.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

    // Every pattern below runs on folded text: lower-case, no diacritics, stars and odd spaces blanked.

    [GeneratedRegex(@"(?:\bngay\s+)?(?<![\d/.-])(?<d>\d{1,2})\s+thang\s+(?<m>\d{1,2})\s*,?\s*nam\s+(?<y>\d{4})(?!\d)")]
    private static partial Regex VerbalDate();

    [GeneratedRegex(@"(?:\bngay\s+)?(?<![\d/.-])(?<d>\d{1,2})\s*(?<s1>[/.-])\s*(?<m>\d{1,2})\s*(?<s2>[/.-])\s*(?<y>\d{4}|\d{2})(?![\d/])")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?:\b(?<part>dau|giua|cuoi|thuong tuan|trung tuan|ha tuan)\s+)?\bthang\s+(?<m>\d{1,2})\s*(?:[/-]\s*|,?\s*nam\s+)(?<y>\d{4})(?!\d)")]
    private static partial Regex MonthDate();

    [GeneratedRegex(@"\bquy\s+(?<q>iv|i{1,3}|[1-4])\b\s*(?:[/-]\s*|,?\s*nam\s+)(?<y>\d{4})(?!\d)")]
    private static partial Regex QuarterDate();

    [GeneratedRegex(@"(?:\btu\s+)?\bngay\s+(?<d1>\d{1,2})(?:\s*[/-]\s*(?<m1>\d{1,2}))?\s*(?:-|\bden\b|\btoi\b)\s*(?:het\s+)?(?:ngay\s+)?(?<d2>\d{1,2})\s*[/.-]\s*(?<m2>\d{1,2})\s*[/.-]\s*(?<y>\d{4})(?!\d)")]
    private static partial Regex DayRange();

    // NonBacktracking: these run on every clause of an uploaded file; the end checks are done in code instead of lookarounds.
    [GeneratedRegex(@"\b(?<ngay>ngay)\s+(?<d>\d{1,2})(?:\s*[/-]\s*|\s+thang\s+)(?<m>\d{1,2})\b", RegexOptions.NonBacktracking)]
    private static partial Regex DayMonthWithoutYear();

    [GeneratedRegex(@"\b(?:truoc|cham nhat|muon nhat|han chot|han cuoi|khong qua|xong truoc)\s+(?<d>\d{1,2})\s*[/.-]\s*(?<m>\d{1,2})\b", RegexOptions.NonBacktracking)]
    private static partial Regex BareDayMonthAfterCue();

    [GeneratedRegex(@"\b(cham nhat|muon nhat|han chot|han cuoi|khong qua|khong muon hon|han nop)( (la|vao|trong))?( ngay)?$")]
    private static partial Regex NoLaterThanCue();

    [GeneratedRegex(@"\b(truoc|xong truoc)( ngay)?$")]
    private static partial Regex BeforeCue();

    [GeneratedRegex(@"\b(den|toi|tinh den|den het|cho den)( het)?( ngay)?$")]
    private static partial Regex UntilCue();

    [GeneratedRegex(@"\b(tu|ke tu|bat dau tu)( ngay)?$")]
    private static partial Regex FromCue();

    [GeneratedRegex(@"\btrong( thoi gian)?$")]
    private static partial Regex WithinCue();

    [GeneratedRegex(@"\b(vao|ngay)( ngay)?$")]
    private static partial Regex OnCue();
}
