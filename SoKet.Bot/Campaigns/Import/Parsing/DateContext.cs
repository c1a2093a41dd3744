using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// What the plan says about years, for dates written without one ("trước 30/6", "ngày 15 tháng 6"): the issue
/// date, else the year in the title ("... 6 tháng đầu năm 2023"), else the year of the nearest date already read.
/// Every date settled this way, and every date given only as a month or quarter, is marked unsure with the
/// reason in Vietnamese for the confirmation card.
/// </summary>
internal sealed partial class DateContext
{
    public DateContext(DateFact? issuedOn, TextFact? title)
    {
        if (issuedOn is not null)
        {
            // A blank day ("ngày   tháng 3 năm 2023") still fixes the month: compare with its first day.
            IssuedOn = issuedOn.Precision == DatePrecision.Day ? issuedOn.Date : new DateOnly(issuedOn.Date.Year, issuedOn.Date.Month, 1);
        }

        if (title is not null)
        {
            var years = TitleYear().Matches(VietnameseText.Fold(title.Value));
            if (years.Count > 0)
            {
                TitleYearValue = int.Parse(years[^1].Groups["y"].Value, CultureInfo.InvariantCulture);
            }
        }
    }

    public static DateContext None { get; } = new(null, null);

    public DateOnly? IssuedOn { get; }

    /// <summary>The last "năm YYYY" of the title; "nhiệm kỳ 2020 - 2025" names a term, not the plan's year.</summary>
    public int? TitleYearValue { get; }

    public int? IssueYear => IssuedOn?.Year;

    /// <summary>The year to give a day and month written without one.</summary>
    public int? DefaultYear(int? lastSeenYear) => IssueYear ?? TitleYearValue ?? lastSeenYear;

    /// <summary>
    /// A deadline date as the plan means it, and why SoKet is unsure of it (null when written in full): a year
    /// supplied, or moved to the next year when the day had already passed at issue ("trước 10/01" in a plan
    /// issued on 20/12/2023 is 10/01/2024), or a month or quarter standing for its last day.
    /// </summary>
    public (DateMention Mention, Unsure? Unsure) Settle(DateMention mention, string source, int? lastSeenYear)
    {
        var text = mention.Text.Trim();
        if (mention.YearInferred)
        {
            var year = mention.Date.Year.ToString(CultureInfo.InvariantCulture);
            if (IssuedOn is { } issued)
            {
                if (mention.Date < issued)
                {
                    var next = mention with { Date = mention.Date.AddYears(1) };
                    return (next, new Unsure(
                        $"Kế hoạch ghi «{text}», không ghi năm; ngày này của năm {year} đã qua khi kế hoạch ban hành ({Day(issued)}), nên SoKet lấy năm {next.Date.Year.ToString(CultureInfo.InvariantCulture)}.",
                        source));
                }

                return (mention, new Unsure($"Kế hoạch ghi «{text}», không ghi năm; SoKet lấy năm {year} theo ngày ban hành kế hoạch ({Day(issued)}).", source));
            }

            return (mention, TitleYearValue == mention.Date.Year
                ? new Unsure($"Kế hoạch ghi «{text}», không ghi năm và không ghi ngày ban hành; SoKet lấy năm {year} theo trích yếu của kế hoạch.", source)
                : new Unsure($"Kế hoạch ghi «{text}», không ghi năm; SoKet lấy năm {year} theo mốc thời gian gần nhất trong kế hoạch.", source));
        }

        return mention.Precision switch
        {
            DatePrecision.Day => (mention, null),
            DatePrecision.Quarter => (mention, new Unsure(
                $"Kế hoạch chỉ ghi «{text}» (từ {Day(mention.RangeStart ?? mention.Date)} đến {Day(mention.Date)}); SoKet tạm lấy ngày cuối quý ({Day(mention.Date)}).", source)),
            DatePrecision.Month or DatePrecision.LateMonth => (mention, new Unsure(
                $"Kế hoạch chỉ ghi «{text}», không ghi ngày cụ thể; SoKet tạm lấy ngày cuối tháng ({Day(mention.Date)}).", source)),
            _ => (mention, new Unsure($"Kế hoạch chỉ ghi «{text}», không ghi ngày cụ thể; SoKet tạm lấy ngày {Day(mention.Date)}.", source)),
        };
    }

    public static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bnam (?<y>(19|20)\d\d)\b", RegexOptions.NonBacktracking)]
    private static partial Regex TitleYear();
}
