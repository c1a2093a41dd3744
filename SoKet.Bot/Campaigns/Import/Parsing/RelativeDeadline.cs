using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>What a relative deadline counts from.</summary>
internal enum RelativeAnchor
{
    /// <summary>"kể từ ngày tổ chức hội nghị": each unit's own conference, dated by nobody in advance.</summary>
    Conference,

    /// <summary>"kể từ ngày ban hành Kế hoạch này", "kể từ khi nhận được kế hoạch".</summary>
    Issue,

    /// <summary>"kể từ hạn gửi báo cáo của các chi bộ", "sau thời hạn nêu trên", "kể từ ngày hết hạn nhận báo cáo".</summary>
    OtherDeadline,

    /// <summary>"kể từ ngày 30/6/2023".</summary>
    Date,

    /// <summary>"kể từ ngày kết thúc đợt sinh hoạt chính trị": an event the plan does not date.</summary>
    Unknown,
}

/// <summary>
/// "sau 10 ngày kể từ hạn nộp báo cáo của các chi, đảng bộ cơ sở", "chậm nhất 15 ngày sau thời hạn nêu trên",
/// "trong vòng 07 ngày làm việc kể từ ngày hết hạn nhận báo cáo", "trong thời hạn 20 ngày kể từ ngày ban hành
/// Kế hoạch này": a number of days counted from something else. Found on folded text with a bounded pattern
/// (NonBacktracking), so the cost stays linear whatever the upload.
/// </summary>
internal static partial class RelativeDeadline
{
    /// <param name="Start">Where the phrase starts in the clause, its lead word ("sau", "trong vòng") included.</param>
    /// <param name="End">Where it ends: the clause goes on after it ("..., các chi bộ gửi báo cáo ...").</param>
    /// <param name="AnchorText">The words after "kể từ" / "sau", as written.</param>
    /// <param name="Owner">For <see cref="RelativeAnchor.OtherDeadline"/>, the units whose deadline it is ("các chi, đảng bộ cơ sở"), when named.</param>
    public sealed record Found(int Days, bool WorkingDays, int Start, int End, string Phrase, RelativeAnchor Anchor, string AnchorText, string? Owner);

    public static Found? Find(string clause)
    {
        var folded = VietnameseText.FoldPreservingLength(clause);
        var m = Relative().Match(folded);
        if (!m.Success || !int.TryParse(m.Groups["days"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is 0 or > 366)
        {
            return null;
        }

        // The anchor may hold commas ("hạn nộp báo cáo của các chi, đảng bộ cơ sở") but ends where a new clause
        // with its own verb begins ("... ban hành Kế hoạch này, các chi bộ gửi báo cáo ...").
        var anchorGroup = m.Groups["anchor"];
        var anchorLength = anchorGroup.Length;
        for (var comma = folded.IndexOf(',', anchorGroup.Index, anchorGroup.Length); comma >= 0;
             comma = folded.IndexOf(',', comma + 1, anchorGroup.Index + anchorLength - comma - 1))
        {
            if (UnitPhrases.FirstVerb(folded[(comma + 1)..(anchorGroup.Index + anchorGroup.Length)]) >= 0)
            {
                anchorLength = comma - anchorGroup.Index;
                break;
            }
        }

        var anchorText = clause.Substring(anchorGroup.Index, anchorLength).Trim();
        var anchorFolded = folded.Substring(anchorGroup.Index, anchorLength);
        var anchor = Classify(anchorFolded);
        string? owner = null;
        if (anchor == RelativeAnchor.OtherDeadline && OwnerOf().Match(anchorFolded) is { Success: true } of)
        {
            owner = clause.Substring(anchorGroup.Index + of.Groups["owner"].Index, of.Groups["owner"].Length).Trim();
        }

        var phrase = clause[m.Index..(anchorGroup.Index + anchorLength)].Trim().TrimEnd('.', ',', ';');
        return new Found(days, m.Groups["work"].Success, m.Index, anchorGroup.Index + anchorLength, phrase, anchor, anchorText, owner);
    }

    /// <summary>Adds days, or working days (Monday to Friday; public holidays are not known here and the note says so).</summary>
    public static DateOnly Add(DateOnly from, int days, bool workingDays)
    {
        if (!workingDays)
        {
            return from.AddDays(days);
        }

        var date = from;
        for (var added = 0; added < days;)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                added++;
            }
        }

        return date;
    }

    private static RelativeAnchor Classify(string anchor)
    {
        if (VietnameseDateParser.FindAll(anchor).Any(d => d.Precision == DatePrecision.Day && !d.YearInferred))
        {
            return RelativeAnchor.Date;
        }

        if (ConferenceAnchor().IsMatch(anchor))
        {
            return RelativeAnchor.Conference;
        }

        if (IssueAnchor().IsMatch(anchor))
        {
            return RelativeAnchor.Issue;
        }

        return DeadlineAnchor().IsMatch(anchor) ? RelativeAnchor.OtherDeadline : RelativeAnchor.Unknown;
    }

    [GeneratedRegex(@"(?:\b(?:sau|trong vong|trong thoi han|trong|cham nhat(?: la)?|khong qua|muon nhat)\s+)?(?<days>\d{1,3})\s+ngay(?<work>\s+lam viec)?\s+(?:ke tu|tinh tu|sau)\s+(?<anchor>[^;.()]{1,120})", RegexOptions.NonBacktracking)]
    private static partial Regex Relative();

    [GeneratedRegex(@"\bhoi nghi\b", RegexOptions.NonBacktracking)]
    private static partial Regex ConferenceAnchor();

    [GeneratedRegex(@"\b(ban hanh|ky ban hanh|nhan duoc ke hoach|nhan ke hoach|nhan duoc van ban)\b", RegexOptions.NonBacktracking)]
    private static partial Regex IssueAnchor();

    [GeneratedRegex(@"\b(han|het han|thoi han|han chot|nhan duoc bao cao|nhan bao cao)\b", RegexOptions.NonBacktracking)]
    private static partial Regex DeadlineAnchor();

    [GeneratedRegex(@"\bcua (?<owner>.+)$", RegexOptions.NonBacktracking)]
    private static partial Regex OwnerOf();
}
