using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns;

/// <summary>What the section to draft is for; decides which outline sections are evaluative, and the drafter's structure and prompt.</summary>
public enum SectionPurpose
{
    /// <summary>"Hạn chế, khuyết điểm".</summary>
    Shortcomings,

    /// <summary>"Nguyên nhân" with both objective and subjective parts.</summary>
    Causes,

    /// <summary>"Nguyên nhân khách quan".</summary>
    ObjectiveCauses,

    /// <summary>"Nguyên nhân chủ quan".</summary>
    SubjectiveCauses,

    /// <summary>"Bài học kinh nghiệm".</summary>
    Lessons,

    /// <summary>"Đánh giá chung": the overall assessment of the indicators.</summary>
    OverallAssessment,
}

/// <summary>Finds the purpose of an outline heading, for callers that only know the heading.</summary>
public static class SectionPurposes
{
    /// <summary>
    /// "I. Hạn chế, khuyết điểm" → Shortcomings; "2.1. Nguyên nhân khách quan" → ObjectiveCauses; "III. BÀI HỌC KINH
    /// NGHIỆM" → Lessons; "Đánh giá chung" → OverallAssessment. Null when the heading is not an evaluative section the
    /// drafter covers, including "Nguyên nhân của những kết quả" (causes of successes). Only the heading is seen: for
    /// "2.1. Nguyên nhân khách quan" under "1. Nguyên nhân của những kết quả" the caller must pass the parent heading.
    /// </summary>
    public static SectionPurpose? FromHeading(string heading)
    {
        var folded = VietnameseText.FoldWords(heading);
        if (folded.Contains("nguyen nhan", StringComparison.Ordinal) && folded.Contains("ket qua", StringComparison.Ordinal))
            return null;
        if (folded.Contains("nguyen nhan khach quan", StringComparison.Ordinal))
            return SectionPurpose.ObjectiveCauses;
        if (folded.Contains("nguyen nhan chu quan", StringComparison.Ordinal))
            return SectionPurpose.SubjectiveCauses;
        if (folded.Contains("nguyen nhan", StringComparison.Ordinal))
            return SectionPurpose.Causes;
        if (folded.Contains("han che", StringComparison.Ordinal) || folded.Contains("khuyet diem", StringComparison.Ordinal) ||
            folded.Contains("yeu kem", StringComparison.Ordinal))
            return SectionPurpose.Shortcomings;
        if (folded.Contains("bai hoc", StringComparison.Ordinal))
            return SectionPurpose.Lessons;
        if (folded.Contains("danh gia chung", StringComparison.Ordinal))
            return SectionPurpose.OverallAssessment;
        return null;
    }
}
