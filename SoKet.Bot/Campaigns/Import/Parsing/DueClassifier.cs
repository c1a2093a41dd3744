using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// Reads what a clause asks for and where it goes. "hoàn thành việc sơ kết và gửi báo cáo kết quả về
/// Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy)" asks for the conference and the report; sending
/// ("gửi", "nộp") outweighs compiling ("tổng hợp báo cáo ... và gửi về" is a report for the issuer, while
/// "tổng hợp báo cáo trình Ban Thường vụ" is the office's compilation). A purpose clause ("để tổng hợp
/// chung") says why, not what, and is ignored. A conference is asked for only when the clause organises one
/// ("tổ chức hội nghị", "hoàn thành việc sơ kết") or opens with it ("Hội nghị tổng kết tổ chức vào ngày ...",
/// "Sơ kết lồng ghép trong Hội nghị ..."); a conference named as what is compiled or reported ("tổng hợp kết quả
/// hội nghị sơ kết", "tình hình tổ chức hội nghị"), where a report is presented ("trình ... tại hội nghị") or
/// what it serves ("phục vụ hội nghị") is not one.
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
        if (ConferencePosition(clause, folded) is { } conference)
        {
            found.Add((conference, DueKind.Conference));
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

    /// <summary>"hoàn thành trước ngày ...", "Thời gian hoàn thành: ...": completion of a task the clause itself does not name.</summary>
    public static bool IsBareCompletion(string clause) =>
        Classify(clause).Count == 0 && Completion().IsMatch(VietnameseText.FoldPreservingLength(clause));

    /// <summary>Where the clause asks for a conference, or null; see the class summary for what counts.</summary>
    private static int? ConferencePosition(string clause, string folded)
    {
        foreach (Match m in OrganiseConference().Matches(folded))
        {
            if (!ObjectMarkerBefore().IsMatch(folded[Math.Max(0, m.Index - 24)..m.Index]))
            {
                return m.Index;
            }
        }

        // What follows the subject or label: "Hội nghị tổng kết tổ chức vào ...", "[Đảng ủy Khối] sơ kết lồng ghép ...".
        var rest = UnitPhrases.StripConnectors(UnitPhrases.AfterLeadingLabel(clause));
        if (UnitPhrases.Subject(rest) is { } subject && rest.IndexOf(subject, StringComparison.Ordinal) is var at and >= 0)
        {
            rest = rest[(at + subject.Length)..];
        }

        return OpensWithConference().IsMatch(VietnameseText.FoldPreservingLength(rest.TrimStart(' ', ',', ':', '-', '+', '–'))) ? 0 : null;
    }

    /// <summary>True when the clause holds an obligation at all, so that a bare date in it can be a deadline.</summary>
    public static bool HasObligation(string clause) => Classify(clause).Count > 0 || Completion().IsMatch(VietnameseText.FoldPreservingLength(clause));

    /// <summary>"gửi báo cáo về Thành ủy (qua Văn phòng Thành ủy) trước ngày ..." → ("Thành ủy", "Văn phòng Thành ủy").</summary>
    /// <remarks>
    /// The patterns take the longest run of words up to the next punctuation (NonBacktracking, linear); the name is
    /// then cut in code where the words that follow a name begin ("trước", "chậm nhất", "cho ý kiến", ...).
    /// </remarks>
    public static (string? Recipient, string? Via) Destination(string clause)
    {
        var folded = VietnameseText.FoldPreservingLength(clause);
        string? via = null;
        var viaMatch = Via().Match(folded);
        if (viaMatch.Success)
        {
            via = Cut(clause, folded, viaMatch.Groups["via"]);
        }

        string? recipient = null;
        var to = SendTo().Match(folded);
        if (to.Success)
        {
            recipient = Cut(clause, folded, to.Groups["to"]);
        }
        else if (AskCommentsOf().Match(folded) is { Success: true } ask)
        {
            recipient = Cut(clause, folded, ask.Groups["to"], AfterComments());
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

    /// <summary>The group's words up to where a name ends (<see cref="AfterName"/> by default).</summary>
    private static string Cut(string clause, string folded, Group group, Regex? end = null)
    {
        var length = group.Length;
        var stop = (end ?? AfterName()).Match(folded.Substring(group.Index, group.Length));
        if (stop.Success)
        {
            length = stop.Index;
        }

        return clause.Substring(group.Index, length).Trim(' ', ',', ':', ';', '.');
    }

    [GeneratedRegex(@"\b(du thao)\b.*\bxin y kien\b|\bxin y kien\b.*\bdu thao\b", RegexOptions.NonBacktracking)]
    private static partial Regex DraftForComment();

    [GeneratedRegex(@"\b(to chuc|tien hanh|hop|trieu tap|hoan thanh|long ghep)\s+(xong\s+)?(viec\s+|cac\s+)?(hoi nghi|so ket|tong ket)\b", RegexOptions.NonBacktracking)]
    private static partial Regex OrganiseConference();

    /// <summary>Words that make the organising verb after them part of an object: "tình hình [tổ chức hội nghị]", "phục vụ", "tại", "sau khi".</summary>
    [GeneratedRegex(@"\b(tinh hinh|ket qua|phuc vu|cho|tai|sau khi|truoc khi|sau|lich|ke hoach|noi dung|dieu kien|du|tham du)\s*,?\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex ObjectMarkerBefore();

    [GeneratedRegex(@"^(hoi nghi|so ket|tong ket)\b", RegexOptions.NonBacktracking)]
    private static partial Regex OpensWithConference();

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

    [GeneratedRegex(@"[(,]\s*qua\s+(?<via>[^)(,;:]+)", RegexOptions.NonBacktracking)]
    private static partial Regex Via();

    // "báo cáo Thường trực Tỉnh ủy" (report to) counts as sending only with the recipient right after it.
    [GeneratedRegex(@"(?:\b(?:gui|nop|trinh)\b(?:[^;:]*?\bve\b)?|\bbao cao)\s+(?<to>(?:ban|thuong truc|dang uy|dang bo|thanh uy|tinh uy|huyen uy|quan uy|thi uy|chi uy|chi bo|van phong|uy ban|ubnd|cap uy|dong chi|bo phan|to )[^(,;:]*)", RegexOptions.NonBacktracking)]
    private static partial Regex SendTo();

    /// <summary>
    /// Where a recipient's name ends: a time word ("trước", "chậm nhất", "trong", "vào", "sau", "ngày", "xong trước",
    /// "hạn chót", "hạn cuối"), a purpose ("để"), "qua" (the channel), or "cho ý kiến tại hội nghị" (what happens
    /// there, not part of the name).
    /// </summary>
    [GeneratedRegex(@"\s(truoc|cham nhat|muon nhat|trong|de|qua|vao|sau|ngay|cho|tai|xong|han chot|han cuoi)\b", RegexOptions.NonBacktracking)]
    private static partial Regex AfterName();

    [GeneratedRegex(@"\bxin y kien\s+(?<to>[^;.]+)", RegexOptions.NonBacktracking)]
    private static partial Regex AskCommentsOf();

    [GeneratedRegex(@"\s+va\b", RegexOptions.NonBacktracking)]
    private static partial Regex AfterComments();

    [GeneratedRegex(@"\bsau khi\b[^,;]*\bhoi nghi\b|\b(?:ngay\s+)?sau\s+(?:khi\s+)?(?:ket thuc\s+)?hoi nghi\b|(?<days>\d{1,2})\s+ngay\s+(?:lam viec\s+)?(?:ke tu\s+)?(?:sau\s+)?(?:khi\s+)?(?:ngay\s+)?(?:ket thuc\s+)?(?:to chuc\s+)?hoi nghi\b", RegexOptions.NonBacktracking)]
    private static partial Regex AfterConference();
}
