using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// Reads what a clause asks for and where it goes. "hoàn thành việc sơ kết và gửi báo cáo kết quả về
/// Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy)" asks for the conference and the report; sending
/// ("gửi", "nộp") outweighs compiling ("tổng hợp báo cáo ... và gửi về" is a report for the issuer, while
/// "tổng hợp báo cáo trình Ban Thường vụ" is the office's compilation). A purpose clause ("để tổng hợp
/// chung") says why, not what, and is ignored.
/// </summary>
internal static partial class DueClassifier
{
    /// <summary>Due kinds stated in the clause, in the order they appear.</summary>
    public static IReadOnlyList<DueKind> Classify(string clause)
    {
        var folded = VietnameseText.FoldPreservingLength(WithoutPurpose(clause));
        if (DraftForComment().IsMatch(folded))
        {
            return [DueKind.DraftForComment];
        }

        var found = new List<(int Position, DueKind Kind)>();
        if (Conference().Match(folded) is { Success: true } conference)
        {
            found.Add((conference.Index, DueKind.Conference));
        }

        if (Send().Match(folded) is { Success: true } send)
        {
            found.Add((send.Index, DueKind.Report));
        }
        else if (Compile().Match(folded) is { Success: true } compile)
        {
            found.Add((compile.Index, DueKind.Compilation));
        }
        else if (ReportNoun().Match(folded) is { Success: true } report)
        {
            found.Add((report.Index, DueKind.Report));
        }

        return found.OrderBy(f => f.Position).Select(f => f.Kind).ToList();
    }

    /// <summary>True when the clause holds an obligation at all, so that a bare date in it can be a deadline.</summary>
    public static bool HasObligation(string clause) => Classify(clause).Count > 0 || Completion().IsMatch(VietnameseText.FoldPreservingLength(clause));

    /// <summary>"gửi báo cáo về Thành ủy (qua Văn phòng Thành ủy) trước ngày ..." → ("Thành ủy", "Văn phòng Thành ủy").</summary>
    public static (string? Recipient, string? Via) Destination(string clause)
    {
        var folded = VietnameseText.FoldPreservingLength(clause);
        string? via = null;
        var viaMatch = Via().Match(folded);
        if (viaMatch.Success)
        {
            via = Cut(clause, viaMatch.Groups["via"]);
        }

        string? recipient = null;
        var to = SendTo().Match(folded);
        if (to.Success)
        {
            recipient = Cut(clause, to.Groups["to"]);
        }
        else if (AskCommentsOf().Match(folded) is { Success: true } ask)
        {
            recipient = Cut(clause, ask.Groups["to"]);
        }

        return (string.IsNullOrWhiteSpace(recipient) ? null : recipient, string.IsNullOrWhiteSpace(via) ? null : via);
    }

    /// <summary>"Sau khi tổ chức hội nghị sơ kết, gửi về ..." / "chậm nhất 5 ngày sau hội nghị".</summary>
    public static bool IsAfterConference(string clause, out int? offsetDays)
    {
        var folded = VietnameseText.FoldPreservingLength(clause);
        var m = AfterConference().Match(folded);
        offsetDays = m.Success && m.Groups["days"].Success ? int.Parse(m.Groups["days"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return m.Success && Send().IsMatch(folded);
    }

    private static string WithoutPurpose(string clause)
    {
        var m = Purpose().Match(clause);
        return m.Success ? clause[..m.Index] : clause;
    }

    private static string Cut(string clause, Group group) => clause.Substring(group.Index, group.Length).Trim(' ', ',', ':', ';', '.');

    [GeneratedRegex(@"\b(du thao)\b.*\bxin y kien\b|\bxin y kien\b.*\bdu thao\b")]
    private static partial Regex DraftForComment();

    [GeneratedRegex(@"\bhoi nghi\b|\b(hoan thanh|to chuc|tien hanh)( viec)? (so ket|tong ket)\b|^(so ket|tong ket)\b")]
    private static partial Regex Conference();

    [GeneratedRegex(@"\b(gui|nop)\b")]
    private static partial Regex Send();

    [GeneratedRegex(@"\btong hop\b")]
    private static partial Regex Compile();

    [GeneratedRegex(@"\bbao cao\b")]
    private static partial Regex ReportNoun();

    [GeneratedRegex(@"\bhoan thanh\b|\bxong\b")]
    private static partial Regex Completion();

    // "để"/"nhằm" are matched with their diacritics: folded, "để" would also match "đề" (as in "đề cương").
    [GeneratedRegex(@"(,\s*|\s)(để|nhằm)\s")]
    private static partial Regex Purpose();

    [GeneratedRegex(@"[(,]\s*qua\s+(?<via>[^)(,;:]+?)(?=\s*(?:\)|,|;|:|\btruoc\b|\bcham nhat\b|\bmuon nhat\b|\btrong\b|\bde\b|\bvao\b|\bngay\b|$))")]
    private static partial Regex Via();

    [GeneratedRegex(@"\b(?:gui|nop|trinh)\b(?:[^;:]*?\bve\b|)\s+(?<to>(?:ban|thuong truc|dang uy|dang bo|thanh uy|tinh uy|huyen uy|quan uy|thi uy|chi uy|chi bo|van phong|uy ban|ubnd|cap uy|dong chi|bo phan|to )[^(,;:]*?)(?=\s*(?:\(|,|;|:|\btruoc\b|\bcham nhat\b|\bmuon nhat\b|\btrong\b|\bde\b|\bqua\b|\bvao\b|\bsau\b|\bngay\b|$))")]
    private static partial Regex SendTo();

    [GeneratedRegex(@"\bxin y kien\s+(?<to>[^;]+?)(?=\s+va\b|[;.]|$)")]
    private static partial Regex AskCommentsOf();

    [GeneratedRegex(@"\bsau khi\b[^,;]*\bhoi nghi\b|\b(?:ngay\s+)?sau\s+(?:khi\s+)?(?:ket thuc\s+)?hoi nghi\b|(?<days>\d{1,2})\s+ngay\s+(?:lam viec\s+)?(?:ke tu\s+)?(?:sau\s+)?(?:khi\s+)?(?:ket thuc\s+)?(?:to chuc\s+)?hoi nghi\b")]
    private static partial Regex AfterConference();
}
