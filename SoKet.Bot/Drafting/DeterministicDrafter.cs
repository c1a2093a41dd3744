using SoKet.Bot.Campaigns;
using System.Text;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>A draft and what the user should know about it (Vietnamese, one line each).</summary>
public sealed record DraftText(string Text, IReadOnlyList<string> Notices);

/// <summary>
/// Writes an evaluative section from the indicator rows and the unit's own sentences alone, so the feature works with
/// no model. Measured, not flattering: every missed target is named with its figures, nothing is praised that the
/// figures do not show, and every figure comes from the request (the unit's rows, the achievement
/// <see cref="IndicatorAssessment"/> derives, or the unit's own sentences quoted as written). General framing is
/// worded without figures and flagged to the user as framing.
/// </summary>
public sealed class DeterministicDrafter
{
    private const int MaxQuotedSentences = 8;

    private const string FramingNotice = "Các nhận định chung trong gợi ý chỉ mang tính khung; đồng chí cần cụ thể hóa theo thực tế của đơn vị.";

    public DraftText Draft(DraftingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = request.Normalized();
        var rows = input.Indicators.Select(i => new Row(i, i.Assess())).ToList();
        var notices = new List<string>();

        var text = input.Purpose switch
        {
            SectionPurpose.Shortcomings => Shortcomings(input, rows, notices),
            SectionPurpose.Causes => Causes(input, rows, notices, objective: true, subjective: true),
            SectionPurpose.ObjectiveCauses => Causes(input, rows, notices, objective: true, subjective: false),
            SectionPurpose.SubjectiveCauses => Causes(input, rows, notices, objective: false, subjective: true),
            SectionPurpose.Lessons => Lessons(input, rows, notices),
            _ => OverallAssessment(rows),
        };

        var undetermined = rows.Where(r => r.Assessment.Verdict == IndicatorVerdict.NotEnoughData).ToList();
        if (undetermined.Count > 0)
            notices.Add($"Chưa đủ số liệu để đánh giá các chỉ tiêu: {Names(undetermined)}; đồng chí bổ sung vào bảng chỉ tiêu.");

        return new DraftText(text, notices);
    }

    private static string Shortcomings(DraftingRequest input, List<Row> rows, List<string> notices)
    {
        var missed = rows.Where(r => r.Assessment.Verdict == IndicatorVerdict.Missed).ToList();
        // A sentence about a missed indicator is already covered, with its figures, by that indicator's line.
        var ownShortcomings = UnitStatements.Shortcomings(input.OwnSections.Select(s => s.Text))
            .Where(s => !missed.Any(r => UnitStatements.Mentions(s, r.Indicator.Name)))
            .Take(MaxQuotedSentences)
            .ToList();
        var anyAchieved = rows.Any(r => r.Assessment.Verdict is IndicatorVerdict.Met or IndicatorVerdict.Exceeded);

        if (missed.Count == 0 && ownShortcomings.Count == 0)
        {
            notices.Add("Chưa tìm thấy hạn chế cụ thể trong số liệu và nội dung của đơn vị; đồng chí bổ sung những hạn chế trong lãnh đạo, chỉ đạo (nếu có).");
            return rows.Any(r => r.Assessment.Verdict != IndicatorVerdict.NotEnoughData)
                ? "Các chỉ tiêu có số liệu đánh giá đều đạt hoặc vượt mục tiêu nghị quyết đề ra."
                : "";
        }

        var text = new StringBuilder();
        text.Append(anyAchieved ? "Bên cạnh kết quả đạt được, việc thực hiện nghị quyết của " : "Việc thực hiện nghị quyết của ")
            .Append(input.UnitName).Append(" còn một số hạn chế, khuyết điểm:\n");
        foreach (var row in missed)
            text.Append("- ").Append(MissedTargetSentence(row)).Append('\n');
        foreach (var sentence in ownShortcomings)
            text.Append("- ").Append(sentence).Append('\n');
        return text.ToString().TrimEnd();
    }

    private static string Causes(DraftingRequest input, List<Row> rows, List<string> notices, bool objective, bool subjective)
    {
        var ownCauses = UnitStatements.Causes(input.OwnSections.Select(s => s.Text));
        var missed = rows.Where(r => r.Assessment.Verdict == IndicatorVerdict.Missed).ToList();
        var text = new StringBuilder();

        if (objective)
        {
            if (subjective)
                text.Append("a) Nguyên nhân khách quan\n");
            foreach (var sentence in ownCauses.Where(UnitStatements.IsObjective).Take(MaxQuotedSentences))
                text.Append("- ").Append(sentence).Append('\n');
            text.Append("- Một số nhiệm vụ, chỉ tiêu chịu tác động của những yếu tố khách quan nằm ngoài phạm vi lãnh đạo, chỉ đạo trực tiếp của ")
                .Append(input.UnitName).Append("; điều kiện, nguồn lực để thực hiện còn hạn chế.\n");
        }

        if (subjective)
        {
            if (objective)
                text.Append("b) Nguyên nhân chủ quan\n");
            foreach (var sentence in ownCauses.Where(s => !UnitStatements.IsObjective(s)).Take(MaxQuotedSentences))
                text.Append("- ").Append(sentence).Append('\n');
            if (missed.Count > 0)
            {
                text.Append("- Việc không đạt các chỉ tiêu ").Append(Names(missed))
                    .Append(" trước hết có nguyên nhân chủ quan từ công tác lãnh đạo, chỉ đạo và tổ chức thực hiện; cần làm rõ trách nhiệm của tập thể, cá nhân liên quan.\n");
            }

            text.Append("- Công tác lãnh đạo, chỉ đạo, tổ chức thực hiện có mặt chưa quyết liệt; việc cụ thể hóa nghị quyết thành chương trình, kế hoạch, giải pháp ở một số nhiệm vụ chưa sát với thực tiễn; công tác kiểm tra, giám sát, đôn đốc chưa thường xuyên.\n");
        }

        notices.Add(FramingNotice);
        return text.ToString().TrimEnd();
    }

    private static string Lessons(DraftingRequest input, List<Row> rows, List<string> notices)
    {
        var missed = rows.Where(r => r.Assessment.Verdict == IndicatorVerdict.Missed).ToList();
        var text = new StringBuilder();
        text.Append("Từ thực tiễn lãnh đạo, chỉ đạo thực hiện nghị quyết, ").Append(input.UnitName).Append(" rút ra một số bài học kinh nghiệm:\n");
        foreach (var sentence in UnitStatements.Lessons(input.OwnSections.Select(s => s.Text)).Take(MaxQuotedSentences))
            text.Append("- ").Append(sentence).Append('\n');

        text.Append("- Phải quán triệt sâu sắc, cụ thể hóa kịp thời nghị quyết thành chương trình, kế hoạch sát với thực tiễn; phân công rõ người, rõ việc, rõ trách nhiệm, rõ thời hạn hoàn thành.\n");
        text.Append("- Phải thường xuyên kiểm tra, giám sát, đôn đốc, đánh giá việc thực hiện các chỉ tiêu; kịp thời phát hiện và khắc phục hạn chế");
        if (missed.Count > 0)
            text.Append(", nhất là đối với các chỉ tiêu không đạt (").Append(Names(missed)).Append(')');
        text.Append(".\n");
        text.Append("- Phải phát huy vai trò nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu; giữ vững sự đoàn kết, thống nhất trong cấp ủy, chi bộ.\n");
        text.Append("- Phải đánh giá đúng thực chất, khách quan kết quả thực hiện nhiệm vụ, không chạy theo thành tích.");

        notices.Add(FramingNotice);
        return text.ToString();
    }

    private static string OverallAssessment(List<Row> rows)
    {
        if (rows.Count == 0)
            return "";

        var text = new StringBuilder("Kết quả thực hiện các chỉ tiêu nghị quyết đề ra:\n");
        AppendGroup(text, "Vượt chỉ tiêu", rows, IndicatorVerdict.Exceeded, withPercent: true);
        AppendGroup(text, "Đạt chỉ tiêu", rows, IndicatorVerdict.Met, withPercent: false);
        AppendGroup(text, "Không đạt chỉ tiêu", rows, IndicatorVerdict.Missed, withPercent: true);
        AppendGroup(text, "Chưa đủ số liệu đánh giá", rows, IndicatorVerdict.NotEnoughData, withPercent: false);

        var missed = rows.Any(r => r.Assessment.Verdict == IndicatorVerdict.Missed);
        var achieved = rows.Any(r => r.Assessment.Verdict is IndicatorVerdict.Met or IndicatorVerdict.Exceeded);
        if (missed)
        {
            text.Append(achieved
                ? "Bên cạnh những kết quả đạt được, việc thực hiện nghị quyết còn hạn chế, nhất là các chỉ tiêu không đạt; cần tập trung lãnh đạo, chỉ đạo khắc phục trong thời gian tới."
                : "Các chỉ tiêu có số liệu đánh giá đều không đạt mục tiêu nghị quyết đề ra; cần tập trung lãnh đạo, chỉ đạo khắc phục trong thời gian tới.");
        }
        else if (achieved)
        {
            text.Append("Các chỉ tiêu có số liệu đánh giá đều đạt hoặc vượt mục tiêu nghị quyết đề ra.");
        }

        return text.ToString().TrimEnd();
    }

    private static void AppendGroup(StringBuilder text, string label, List<Row> rows, IndicatorVerdict verdict, bool withPercent)
    {
        var group = rows.Where(r => r.Assessment.Verdict == verdict).ToList();
        if (group.Count == 0)
            return;
        var items = group.Select(r => withPercent && PercentPhrase(r) is { } percent ? $"{Quoted(r)} ({percent})" : Quoted(r));
        text.Append("- ").Append(label).Append(": ").AppendJoin("; ", items).Append(".\n");
    }

    /// <summary>"Chỉ tiêu “Kết nạp đảng viên mới” không đạt: nghị quyết đề ra 20 đảng viên; kết quả thực hiện đến nay 8 đảng viên; dự ước cả năm 12 đảng viên, bằng 60% chỉ tiêu."</summary>
    private static string MissedTargetSentence(Row row)
    {
        var indicator = row.Indicator;
        var clauses = new List<string>
        {
            (indicator.LowerIsBetter ? "nghị quyết đề ra không quá " : "nghị quyết đề ra ") + Quantity(indicator.Target!.Value, indicator),
        };
        if (indicator.Result is { } result)
            clauses.Add("kết quả thực hiện đến nay " + Quantity(result, indicator));
        if (indicator.FullYearEstimate is { } estimate)
            clauses.Add("dự ước cả năm " + Quantity(estimate, indicator));

        var sentence = $"Chỉ tiêu {Quoted(row)} không đạt: " + string.Join("; ", clauses);
        return PercentPhrase(row) is { } percent ? $"{sentence}, {percent}." : sentence + ".";
    }

    /// <summary>"bằng 60% chỉ tiêu"; for a lower-is-better row "mức độ hoàn thành 71,4%", since "bằng" would read as the rate itself.</summary>
    private static string? PercentPhrase(Row row) => row.Assessment.AchievementText is not { } percent
        ? null
        : row.Indicator.LowerIsBetter ? "mức độ hoàn thành " + percent : $"bằng {percent} chỉ tiêu";

    private static string Quantity(decimal value, IndicatorInput indicator) => VietnameseNumbers.FormatQuantity(value, indicator.UnitOfMeasure);

    private static string Quoted(Row row) => "“" + row.Indicator.Name + "”";

    private static string Names(IEnumerable<Row> rows) => string.Join(", ", rows.Select(Quoted));

    private sealed record Row(IndicatorInput Indicator, IndicatorAssessment Assessment);
}
