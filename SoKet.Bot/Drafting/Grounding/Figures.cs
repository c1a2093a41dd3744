using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Grounding;

public enum FigureKind
{
    Number,
    Percent,

    /// <summary>"30/6/2023", "30-6-2023", "ngày 30 tháng 6 năm 2023".</summary>
    Date,

    /// <summary>"tháng 6/2023", "6/2023", "tháng 6 năm 2023".</summary>
    MonthYear,

    /// <summary>"30/6", "ngày 30 tháng 6".</summary>
    DayMonth,
}

/// <summary>
/// A number, percentage or date as written in a text, with the keys it can be matched on: every value a number can
/// stand for ("n:1234" and "n:1.234" for "1.234"), a date's "d:30/6/2023". Years are numbers ("năm 2023" is "n:2023").
/// </summary>
public sealed record Figure(FigureKind Kind, string Written, IReadOnlyList<string> Keys);

/// <summary>Finds the figures of Vietnamese report prose; typed with or without diacritics.</summary>
public static partial class Figures
{
    /// <summary>
    /// The figures of <paramref name="text"/>; none when it cannot be read within <see cref="RegexLimits.MatchTimeoutMilliseconds"/>
    /// (crafted text), so a source nobody can read supports no figure. To tell "no figures" from "unreadable", use <see cref="TryExtract"/>.
    /// </summary>
    public static IReadOnlyList<Figure> Extract(string text) => TryExtract(text, out var figures) ? figures : [];

    /// <summary>False, with no figures, when the patterns time out on <paramref name="text"/>: none of its figures can be vouched for.</summary>
    public static bool TryExtract(string text, out IReadOnlyList<Figure> figures)
    {
        try
        {
            figures = ExtractAll(text);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            figures = [];
            return false;
        }
    }

    private static List<Figure> ExtractAll(string text)
    {
        var figures = new List<Figure>();
        // Folding keeps digits and punctuation and turns "tháng"/"năm"/"phần trăm" into ASCII the patterns can rely on.
        // Composed Vietnamese folds character for character, so a match can be reported as the user wrote it.
        var normalized = VietnameseText.CleanLine(text);
        var folded = VietnameseText.Fold(text);
        string Written(Match m) => folded.Length == normalized.Length ? normalized.Substring(m.Index, m.Length).Trim() : m.Value.Trim();
        foreach (Match match in Pattern().Matches(folded))
        {
            var figure = Read(match, Written(match));
            if (figure is not null)
                figures.Add(figure);
            else
                figures.AddRange(NumbersOnly(match.Value));
        }

        return figures;
    }

    public static string NumberKey(decimal value) => "n:" + value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string DateKey(int day, int month, int year) => $"d:{day}/{month}/{year}";

    public static string MonthYearKey(int month, int year) => $"m:{month}/{year}";

    public static string DayMonthKey(int day, int month) => $"dm:{day}/{month}";

    private static Figure? Read(Match match, string written)
    {
        if (match.Groups["d"].Success && match.Groups["y"].Success)
        {
            var (day, month, year) = (Int(match, "d"), Int(match, "m"), Int(match, "y"));
            return IsDay(day) && IsMonth(month) ? new Figure(FigureKind.Date, written, [DateKey(day, month, year)]) : null;
        }

        if (match.Groups["y"].Success)
        {
            var (month, year) = (Int(match, "m"), Int(match, "y"));
            return IsMonth(month) ? new Figure(FigureKind.MonthYear, written, [MonthYearKey(month, year)]) : null;
        }

        if (match.Groups["d"].Success)
        {
            var (day, month) = (Int(match, "d"), Int(match, "m"));
            return IsDay(day) && IsMonth(month) ? new Figure(FigureKind.DayMonth, written, [DayMonthKey(day, month)]) : null;
        }

        var candidates = VietnameseNumbers.ParseCandidates(match.Groups["n"].Value);
        if (candidates.Count == 0)
            return null;
        var kind = match.Groups["pct"].Success ? FigureKind.Percent : FigureKind.Number;
        return new Figure(kind, written, [.. candidates.Select(NumberKey)]);
    }

    private static IEnumerable<Figure> NumbersOnly(string text) =>
        NumberPattern().Matches(text)
            .Select(m => (m.Value, Candidates: VietnameseNumbers.ParseCandidates(m.Value)))
            .Where(m => m.Candidates.Count > 0)
            .Select(m => new Figure(FigureKind.Number, m.Value, [.. m.Candidates.Select(NumberKey)]));

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static bool IsDay(int day) => day is >= 1 and <= 31;

    private static bool IsMonth(int month) => month is >= 1 and <= 12;

    // Alternatives from the most specific to the least, so "30/6/2023" is one date rather than three numbers. A figure
    // glued to a letter ("m2", "NQ18") is part of a word, not a figure. The lookarounds and the separator's
    // backreference need the backtracking engine, hence the timeout.
    [GeneratedRegex("""
        (?<![\p{L}\p{N}])(?:
            (?<d>\d{1,2})\s*(?<sep>[/.-])\s*(?<m>\d{1,2})\s*\k<sep>\s*(?<y>\d{4})(?!\p{N})
          | (?<d>\d{1,2})\s+thang\s+(?<m>\d{1,2})\s+(?:nam\s+)?(?<y>\d{4})(?!\p{N})
          | thang\s+(?<m>\d{1,2})\s*(?:/|-|nam)\s*(?<y>\d{4})(?!\p{N})
          | (?<m>\d{1,2})/(?<y>\d{4})(?!\p{N})
          | (?<d>\d{1,2})\s+thang\s+(?<m>\d{1,2})(?![\p{N}/])
          | (?<d>\d{1,2})/(?<m>\d{1,2})(?![\p{N}/])
          | (?<n>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\p{N}])(?<pct>\s*(?:%|phan\s+tram))?
        )
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant, RegexLimits.MatchTimeoutMilliseconds)]
    private static partial Regex Pattern();

    // Lookarounds again: backtracking, with the timeout.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\p{N})", RegexOptions.CultureInvariant, RegexLimits.MatchTimeoutMilliseconds)]
    private static partial Regex NumberPattern();
}
