using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>Section kinds and the evaluative flag, read from a heading's words.</summary>
internal static partial class SectionClassifier
{
    public static SectionKind Kind(string heading)
    {
        var folded = VietnameseText.Fold(heading);
        if (Appendix().IsMatch(folded))
        {
            return SectionKind.IndicatorTable;
        }

        return SelfReview().IsMatch(folded) ? SectionKind.LeadershipSelfReview : SectionKind.FreeText;
    }

    /// <summary>Shortcomings, causes, lessons, the overall assessment: judgement rather than facts, where AI drafting helps.</summary>
    public static bool IsEvaluative(string heading) => Evaluative().IsMatch(VietnameseText.Fold(heading));

    /// <summary>A sentence announcing the indicator appendix ("Có phụ lục so sánh kết quả ... chỉ tiêu ...").</summary>
    public static bool AnnouncesIndicatorAppendix(string sentence)
    {
        var folded = VietnameseText.Fold(sentence);
        return Appendix().IsMatch(folded) && Indicators().IsMatch(folded);
    }

    [GeneratedRegex(@"\b(phu luc|phu bieu)\b|^bieu\b|\bbieu (tong hop|thong ke|chi tieu)\b")]
    private static partial Regex Appendix();

    [GeneratedRegex(@"\bchi tieu\b")]
    private static partial Regex Indicators();

    [GeneratedRegex(@"\bkiem diem\b")]
    private static partial Regex SelfReview();

    [GeneratedRegex(@"\b(han che|khuyet diem|yeu kem|ton tai|nguyen nhan|bai hoc|danh gia chung)\b")]
    private static partial Regex Evaluative();
}
