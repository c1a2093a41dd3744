using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// The period a report covers and the data cut-off. Plans state them as "Thời điểm đánh giá: Từ sau đại
/// hội ... đến tháng 6/2023; dự ước thực hiện cả năm 2023", "Số liệu đánh giá ước tính đến ngày
/// 30/5/2023", or implicitly through the indicator table ("các chỉ tiêu trong năm 2016, 2017 và 6 tháng
/// đầu năm 2018, ước thực hiện cả năm 2018").
/// </summary>
internal static partial class PeriodExtractor
{
    public static (EvaluationPeriod? Period, DateFact? CutOff) Extract(StructureNode body)
    {
        var sentences = body.AllParagraphs().SelectMany(SentenceSplitter.Sentences).ToList();
        var cutOff = sentences.Select(FindCutOff).FirstOrDefault(c => c is not null);
        var period = sentences.Select(ExplicitPeriod).FirstOrDefault(p => p is not null)
                     ?? sentences.Select(PeriodFromIndicators).FirstOrDefault(p => p is not null)
                     ?? sentences.Select(FullYearOnly).FirstOrDefault(p => p is not null);
        return (period, cutOff);
    }

    private static DateFact? FindCutOff(string sentence)
    {
        foreach (var clause in SentenceSplitter.Clauses(sentence))
        {
            if (!DataWords().IsMatch(VietnameseText.Fold(clause)))
            {
                continue;
            }

            var date = VietnameseDateParser.FindAll(clause).FirstOrDefault(d => d.Qualifier == DateQualifier.Until);
            if (date is not null)
            {
                return DateFact.From(date, sentence);
            }
        }

        return null;
    }

    private static EvaluationPeriod? ExplicitPeriod(string sentence)
    {
        if (!PeriodCue().IsMatch(VietnameseText.Fold(sentence)))
        {
            return null;
        }

        foreach (var clause in SentenceSplitter.Clauses(sentence))
        {
            if (DataWords().IsMatch(VietnameseText.Fold(clause)))
            {
                continue;
            }

            var end = VietnameseDateParser.FindAll(clause).FirstOrDefault(d => d.Qualifier == DateQualifier.Until);
            if (end is null)
            {
                continue;
            }

            // "Từ sau đại hội chi bộ, đảng bộ đến ...": the start is stated just before "đến"; a bounded window keeps the
            // lazy pattern from rescanning a long clause for every "từ" in it.
            var folded = VietnameseText.FoldPreservingLength(clause);
            var windowStart = Math.Max(0, end.Start - 300);
            var from = FromText().Match(folded[windowStart..end.Start]);
            var start = from.Success ? clause.Substring(windowStart + from.Groups["start"].Index, from.Groups["start"].Length).Trim(' ', ',') : null;
            return new EvaluationPeriod(start, DateFact.From(end, sentence), FullYear(sentence), sentence);
        }

        return null;
    }

    private static EvaluationPeriod? PeriodFromIndicators(string sentence)
    {
        var folded = VietnameseText.FoldPreservingLength(sentence);
        var firstMonths = FirstMonthsOfYear().Match(folded);
        var fullYear = FullYear(sentence);
        if (!firstMonths.Success || fullYear is null)
        {
            return null;
        }

        var months = int.Parse(firstMonths.Groups["months"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(firstMonths.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (months is < 1 or > 12)
        {
            return null;
        }

        var end = new DateFact(new DateOnly(year, months, DateTime.DaysInMonth(year, months)), DatePrecision.Month,
            sentence.Substring(firstMonths.Index, firstMonths.Length), sentence);
        var firstYear = YearAfterTrong().Match(folded);
        var start = firstYear.Success && firstYear.Index < firstMonths.Index ? sentence.Substring(firstYear.Groups["y"].Index, firstYear.Groups["y"].Length) : null;
        return new EvaluationPeriod(start, end, fullYear, sentence);
    }

    /// <summary>"số liệu tính đến ngày 31/5/2023, ước thực hiện cả năm 2023": no period stated, but the full-year estimate is.</summary>
    private static EvaluationPeriod? FullYearOnly(string sentence) =>
        FullYear(sentence) is { } year ? new EvaluationPeriod(null, null, year, sentence) : null;

    private static int? FullYear(string sentence)
    {
        var m = FullYearEstimate().Match(VietnameseText.Fold(sentence));
        return m.Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\bso lieu\b")]
    private static partial Regex DataWords();

    [GeneratedRegex(@"\b(thoi diem danh gia|thoi gian danh gia|ky danh gia|pham vi danh gia|giai doan danh gia|moc thoi gian|thoi ky danh gia)\b")]
    private static partial Regex PeriodCue();

    [GeneratedRegex(@"\btu\s+(?<start>.+?)\s+(?:den|toi|cho den)(?:\s+het)?\s*$")]
    private static partial Regex FromText();

    [GeneratedRegex(@"\b(?:du uoc|uoc)(?: thuc hien| tinh| dat)? ca nam (?<year>\d{4})\b")]
    private static partial Regex FullYearEstimate();

    [GeneratedRegex(@"\b(?<months>\d{1,2}) thang dau nam (?<year>\d{4})\b")]
    private static partial Regex FirstMonthsOfYear();

    [GeneratedRegex(@"\btrong (?<y>nam \d{4})\b")]
    private static partial Regex YearAfterTrong();
}
