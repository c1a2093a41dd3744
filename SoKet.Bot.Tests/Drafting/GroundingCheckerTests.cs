using SoKet.Bot.Campaigns;
using SoKet.Bot.Drafting;
using SoKet.Bot.Drafting.Grounding;

namespace SoKet.Bot.Tests.Drafting;

public sealed class GroundingCheckerTests
{
    [Theory]
    [InlineData("Tỷ lệ đạt 95,5%.", "đạt 95.5 % kế hoạch")]
    [InlineData("Tỷ lệ đạt 95.5 %.", "đạt 95,5% kế hoạch")]
    [InlineData("Thu ngân sách 1.234 triệu đồng.", "thu 1234 triệu đồng")]
    [InlineData("Thu ngân sách 1234 triệu đồng.", "thu 1.234 triệu đồng")]
    [InlineData("Thu ngân sách 11.250,5 triệu đồng.", "ước 11250.5 triệu đồng")]
    [InlineData("Hoàn thành trước ngày 30/6/2023.", "trước ngày 30 tháng 6 năm 2023")]
    [InlineData("Hoàn thành trước ngày 30 tháng 6 năm 2023.", "hạn 30/06/2023")]
    [InlineData("Số liệu đến tháng 6/2023.", "ước tính đến ngày 30/6/2023")]
    [InlineData("Số liệu đến tháng 6 năm 2023.", "đến tháng 6/2023")]
    [InlineData("Dự ước cả năm 2023.", "đến ngày 30/5/2023")]
    [InlineData("Nhiệm kỳ 2020 - 2025.", "nhiệm kỳ 2020-2025")]
    [InlineData("Kế hoạch ngày 4-5-2018.", "ngày 04/05/2018")]
    [InlineData("Tỷ le ho ngheo con 2,1% vao thang 6/2023.", "Tỷ lệ hộ nghèo còn 2,1% vào tháng 6/2023")]
    public void The_same_figure_in_another_format_is_grounded(string suggestion, string input)
    {
        var report = GroundingChecker.Check(suggestion, GroundingFacts.FromTexts(input));

        Assert.True(report.IsGrounded, string.Join(" | ", report.UnsupportedFigures));
    }

    [Theory]
    [InlineData("Tỷ lệ đạt 97%.", "97%")]
    [InlineData("Hoàn thành trước ngày 15/7/2023.", "15/7/2023")]
    [InlineData("Số liệu đến tháng 5/2023.", "tháng 5/2023")]
    [InlineData("Tăng 1.235 triệu đồng.", "1.235")]
    [InlineData("Hoàn thành trước ngày 30 tháng 7 năm 2023.", "30 tháng 7 năm 2023")]
    public void An_invented_figure_is_reported_with_its_sentence(string suggestion, string figure)
    {
        var report = GroundingChecker.Check("Đảng bộ đã quán triệt nghị quyết. " + suggestion, GroundingFacts.FromTexts("đạt 95,5% đến ngày 30/6/2023, thu 1.234 triệu đồng"));

        var ungrounded = Assert.Single(report.Ungrounded);
        Assert.Equal(suggestion, ungrounded.Text);
        Assert.Equal([figure], ungrounded.UnsupportedFigures);
    }

    [Fact]
    public void List_markers_and_figures_glued_to_words_are_not_figures()
    {
        var text = "1. Về xây dựng Đảng\n2.1. Nguyên nhân chủ quan\n- Diện tích nhà ở bình quân còn thấp (m2/người).\nb) Một số chi bộ chưa sinh hoạt đều.";

        Assert.True(GroundingChecker.Check(text, GroundingFacts.FromTexts("")).IsGrounded);
    }

    [Fact]
    public void Achievement_percentages_derived_from_the_indicator_table_count_as_inputs()
    {
        var facts = GroundingFacts.From(SampleUnit.Request(SectionPurpose.Shortcomings));

        var report = GroundingChecker.Check("Kết nạp 28 đảng viên, bằng 46,6% chỉ tiêu; tỷ lệ hộ nghèo 1,8%, mức độ hoàn thành 83,3%.", facts);

        Assert.True(report.IsGrounded, string.Join(" | ", report.UnsupportedFigures));
        Assert.False(GroundingChecker.Check("Kết nạp 28 đảng viên, bằng 47% chỉ tiêu.", facts).IsGrounded);
    }

    [Fact]
    public void Dropping_ungrounded_sentences_keeps_the_rest_and_removes_emptied_bullets()
    {
        var text = "Còn một số hạn chế:\n- Kết nạp 28 đảng viên, bằng 46,6% chỉ tiêu.\n- Tỷ lệ hộ nghèo còn 3,2%.\n- Sinh hoạt chi bộ chưa đều. Thu nhập tăng 15%.";
        var report = GroundingChecker.Check(text, GroundingFacts.From(SampleUnit.Request(SectionPurpose.Shortcomings)));

        Assert.Equal(["Tỷ lệ hộ nghèo còn 3,2%.", "Thu nhập tăng 15%."], report.Ungrounded.Select(u => u.Text));
        Assert.Equal("Còn một số hạn chế:\n- Kết nạp 28 đảng viên, bằng 46,6% chỉ tiêu.\n- Sinh hoạt chi bộ chưa đều.", report.GroundedText);
    }

    [Fact]
    public void Clauses_separated_by_semicolons_are_dropped_one_by_one()
    {
        var text = "- Tỷ lệ hộ nghèo còn 2,1%; thu nhập tăng 15%; sinh hoạt chi bộ chưa đều.";
        var report = GroundingChecker.Check(text, GroundingFacts.From(SampleUnit.Request(SectionPurpose.Shortcomings)));

        Assert.Equal("- Tỷ lệ hộ nghèo còn 2,1%; sinh hoạt chi bộ chưa đều.", report.GroundedText);
    }
}
