using SoKet.Bot.Campaigns;
using System.Globalization;
using System.Text;
using SoKet.Bot.Drafting;
using SoKet.Bot.Drafting.Grounding;

namespace SoKet.Bot.Tests.Drafting;

public sealed class DeterministicDrafterTests
{
    private static readonly string[] Praise = ["xuất sắc", "toàn diện", "nổi bật", "to lớn", "rất tốt", "vượt bậc"];

    private readonly DeterministicDrafter drafter = new();

    [Fact]
    public void Shortcomings_name_every_missed_target_with_its_figures()
    {
        var draft = drafter.Draft(SampleUnit.Request(SectionPurpose.Shortcomings));

        Assert.Equal(
            """
            Bên cạnh kết quả đạt được, việc thực hiện nghị quyết của Đảng bộ phường Tân Phong còn một số hạn chế, khuyết điểm:
            - Chỉ tiêu “Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên hằng năm” không đạt: nghị quyết đề ra 90%; kết quả thực hiện đến nay 85,5%; dự ước cả năm 87%, bằng 96,6% chỉ tiêu.
            - Chỉ tiêu “Kết nạp đảng viên mới trong nhiệm kỳ” không đạt: nghị quyết đề ra 60 đảng viên; kết quả thực hiện đến nay 21 đảng viên; dự ước cả năm 28 đảng viên, bằng 46,6% chỉ tiêu.
            - Chỉ tiêu “Tỷ lệ hộ nghèo” không đạt: nghị quyết đề ra không quá 1,5%; kết quả thực hiện đến nay 2,1%; dự ước cả năm 1,8%, mức độ hoàn thành 83,3%.
            - Chỉ tiêu “Thu ngân sách nhà nước trên địa bàn” không đạt: nghị quyết đề ra 12.500 triệu đồng; kết quả thực hiện đến nay 6.130 triệu đồng; dự ước cả năm 11.250,5 triệu đồng, bằng 90% chỉ tiêu.
            """.ReplaceLineEndings("\n"),
            string.Join('\n', draft.Text.Split('\n').Take(5)));
        // The unit's own words about its shortcomings follow, quoted as written.
        Assert.Contains("- Công tác phát triển đảng viên còn gặp khó khăn do thanh niên đi làm ăn xa, nguồn quần chúng ưu tú còn ít.", draft.Text);
        Assert.Contains("- Một số chi bộ chưa thực hiện nghiêm chế độ sinh hoạt định kỳ.\n- Chất lượng sinh hoạt chi bộ chưa cao.", draft.Text);
        // Targets met or exceeded are not shortcomings.
        Assert.DoesNotContain("Thu nhập bình quân", draft.Text);
        Assert.DoesNotContain("bảo hiểm y tế", draft.Text);
        Assert.Contains(draft.Notices, n => n.Contains("“Số tổ dân phố đạt chuẩn văn hóa”", StringComparison.Ordinal) && n.StartsWith("Chưa đủ số liệu", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SectionPurpose.Shortcomings)]
    [InlineData(SectionPurpose.Causes)]
    [InlineData(SectionPurpose.ObjectiveCauses)]
    [InlineData(SectionPurpose.SubjectiveCauses)]
    [InlineData(SectionPurpose.Lessons)]
    [InlineData(SectionPurpose.OverallAssessment)]
    public void Every_section_is_grounded_measured_and_in_composed_Vietnamese(SectionPurpose purpose)
    {
        var request = SampleUnit.Request(purpose);

        var draft = drafter.Draft(request);

        Assert.NotEmpty(draft.Text);
        var report = GroundingChecker.Check(draft.Text, GroundingFacts.From(request));
        Assert.True(report.IsGrounded, string.Join(" | ", report.Ungrounded.Select(u => u.Text)));
        Assert.DoesNotContain(Praise, p => draft.Text.Contains(p, StringComparison.OrdinalIgnoreCase));
        Assert.True(draft.Text.IsNormalized(NormalizationForm.FormC));
        Assert.DoesNotContain("  ", draft.Text);
        Assert.All(draft.Text.Split('\n'), line => Assert.Matches(@"^(- |a\) |b\) )?\p{Lu}", line));
    }

    [Fact]
    public void Causes_separate_the_units_objective_and_subjective_causes_and_point_at_the_missed_targets()
    {
        var draft = drafter.Draft(SampleUnit.Request(SectionPurpose.Causes, "2. Nguyên nhân của những khuyết điểm, yếu kém"));

        var objective = draft.Text[..draft.Text.IndexOf("b) Nguyên nhân chủ quan", StringComparison.Ordinal)];
        var subjective = draft.Text[draft.Text.IndexOf("b) Nguyên nhân chủ quan", StringComparison.Ordinal)..];
        Assert.StartsWith("a) Nguyên nhân khách quan\n", objective);
        Assert.Contains("do giá cả vật tư tăng cao, thời tiết diễn biến bất thường.", objective);
        Assert.Contains("- Việc kiểm tra, giám sát của cấp ủy đối với các chi bộ có lúc chưa thường xuyên.", subjective);
        Assert.Contains("Việc không đạt các chỉ tiêu “Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên hằng năm”, “Kết nạp đảng viên mới trong nhiệm kỳ”, “Tỷ lệ hộ nghèo”, “Thu ngân sách nhà nước trên địa bàn” trước hết có nguyên nhân chủ quan", subjective);
        Assert.DoesNotContain("giá cả vật tư", subjective);
        Assert.Contains(draft.Notices, n => n.Contains("mang tính khung", StringComparison.Ordinal));
    }

    [Fact]
    public void Lessons_start_from_the_units_own_lessons()
    {
        var draft = drafter.Draft(SampleUnit.Request(SectionPurpose.Lessons, "III. Bài học kinh nghiệm"));

        var lines = draft.Text.Split('\n');
        Assert.Equal("Từ thực tiễn lãnh đạo, chỉ đạo thực hiện nghị quyết, Đảng bộ phường Tân Phong rút ra một số bài học kinh nghiệm:", lines[0]);
        Assert.Equal("- " + SampleUnit.Lessons, lines[1]);
        Assert.Contains("nhất là đối với các chỉ tiêu không đạt (“Tỷ lệ tổ chức cơ sở đảng", draft.Text);
    }

    [Fact]
    public void The_overall_assessment_groups_the_indicators_by_verdict()
    {
        var draft = drafter.Draft(SampleUnit.Request(SectionPurpose.OverallAssessment, "Đánh giá chung"));

        Assert.Equal(
            """
            Kết quả thực hiện các chỉ tiêu nghị quyết đề ra:
            - Vượt chỉ tiêu: “Thu nhập bình quân đầu người” (bằng 104% chỉ tiêu).
            - Đạt chỉ tiêu: “Tỷ lệ dân số tham gia bảo hiểm y tế”.
            - Không đạt chỉ tiêu: “Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên hằng năm” (bằng 96,6% chỉ tiêu); “Kết nạp đảng viên mới trong nhiệm kỳ” (bằng 46,6% chỉ tiêu); “Tỷ lệ hộ nghèo” (mức độ hoàn thành 83,3%); “Thu ngân sách nhà nước trên địa bàn” (bằng 90% chỉ tiêu).
            - Chưa đủ số liệu đánh giá: “Số tổ dân phố đạt chuẩn văn hóa”.
            Bên cạnh những kết quả đạt được, việc thực hiện nghị quyết còn hạn chế, nhất là các chỉ tiêu không đạt; cần tập trung lãnh đạo, chỉ đạo khắc phục trong thời gian tới.
            """.ReplaceLineEndings("\n"),
            draft.Text);
    }

    [Fact]
    public void A_unit_that_met_every_target_and_wrote_no_shortcoming_is_not_given_invented_ones()
    {
        var request = SampleUnit.Request(SectionPurpose.Shortcomings) with
        {
            Indicators = [SampleUnit.Income, SampleUnit.HealthInsurance],
            OwnSections = [new OwnSection("I. Kết quả", "Đảng bộ đã tổ chức học tập, quán triệt nghị quyết đại hội đến 100% cán bộ, đảng viên.")],
        };

        var draft = drafter.Draft(request);

        Assert.Equal("Các chỉ tiêu có số liệu đánh giá đều đạt hoặc vượt mục tiêu nghị quyết đề ra.", draft.Text);
        Assert.Contains(draft.Notices, n => n.StartsWith("Chưa tìm thấy hạn chế cụ thể", StringComparison.Ordinal));
    }

    [Fact]
    public void Decomposed_Unicode_input_gives_the_same_composed_draft()
    {
        var composed = SampleUnit.Request(SectionPurpose.Causes);
        static string D(string s) => s.Normalize(NormalizationForm.FormD);
        var decomposed = composed with
        {
            UnitName = D(composed.UnitName),
            SectionHeading = D(composed.SectionHeading),
            OwnSections = [.. composed.OwnSections.Select(s => new OwnSection(D(s.Heading), D(s.Text)))],
            Indicators = [.. composed.Indicators.Select(i => i with { Name = D(i.Name), UnitOfMeasure = D(i.UnitOfMeasure) })],
        };
        Assert.NotEqual(composed.UnitName, decomposed.UnitName);

        var fromDecomposed = drafter.Draft(decomposed);

        Assert.Equal(drafter.Draft(composed).Text, fromDecomposed.Text);
        Assert.True(fromDecomposed.Text.IsNormalized(NormalizationForm.FormC));
        Assert.DoesNotContain(fromDecomposed.Text, c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark);
        Assert.True(GroundingChecker.Check(fromDecomposed.Text, GroundingFacts.From(decomposed)).IsGrounded);
    }

    [Fact]
    public void Text_typed_without_diacritics_is_still_recognised()
    {
        var request = SampleUnit.Request(SectionPurpose.Shortcomings) with
        {
            Indicators = [],
            OwnSections = [new OwnSection("I. Ket qua", "Chi bo da hop du 12 ky. Cong tac kiem tra con han che, chua thuong xuyen.")],
        };

        var draft = drafter.Draft(request);

        Assert.Equal("Việc thực hiện nghị quyết của Đảng bộ phường Tân Phong còn một số hạn chế, khuyết điểm:\n- Cong tac kiem tra con han che, chua thuong xuyen.", draft.Text);
    }
}
