using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Tests.Reports;

public sealed class IndicatorAssessmentTests
{
    [Theory]
    [InlineData(60, 28, "Không đạt", "46,6%")]   // new members: 46,666…% is shown rounded down, never up to a better figure
    [InlineData(60, 62.4, "Vượt", "104%")]
    [InlineData(95, 95, "Đạt", "100%")]
    [InlineData(100, 99.96, "Không đạt", "99,9%")] // a miss never reads "100%"
    [InlineData(100, 100.04, "Vượt", "100,1%")]    // an excess never reads "100%"
    [InlineData(12500, 11250.5, "Không đạt", "90%")]
    public void Higher_is_better_compares_the_figure_with_the_target(double target, double value, string verdict, string percent)
    {
        var assessment = IndicatorAssessment.Assess((decimal)target, resultSoFar: null, fullYearEstimate: (decimal)value, lowerIsBetter: false);

        Assert.Equal(verdict, assessment.VerdictLabel);
        Assert.Equal(percent, assessment.AchievementText);
    }

    [Theory]
    [InlineData(1.5, 1.8, "Không đạt", "83,3%")] // poverty rate above its ceiling
    [InlineData(1.5, 1.2, "Vượt", "125%")]
    [InlineData(1.5, 1.5, "Đạt", "100%")]
    public void Lower_is_better_inverts_the_comparison_and_the_ratio(double target, double value, string verdict, string percent)
    {
        var assessment = IndicatorAssessment.Assess((decimal)target, (decimal)value, fullYearEstimate: null, lowerIsBetter: true);

        Assert.Equal(verdict, assessment.VerdictLabel);
        Assert.Equal(percent, assessment.AchievementText);
    }

    [Fact]
    public void The_full_year_estimate_is_the_basis_when_given_else_the_result_so_far()
    {
        var withEstimate = IndicatorAssessment.Assess(90m, 85.5m, 87m, lowerIsBetter: false);
        var resultOnly = IndicatorAssessment.Assess(90m, 85.5m, null, lowerIsBetter: false);

        Assert.Equal((AchievementBasis.FullYearEstimate, 87m, "96,6%"), (withEstimate.Basis, withEstimate.BasisValue!.Value, withEstimate.AchievementText));
        Assert.Equal((AchievementBasis.ResultSoFar, 85.5m, "95%"), (resultOnly.Basis, resultOnly.BasisValue!.Value, resultOnly.AchievementText));
    }

    [Theory]
    [InlineData(null, 5.0, null)]
    [InlineData(12.0, null, null)]
    public void Without_a_target_or_any_figure_there_is_not_enough_data(double? target, double? result, double? estimate)
    {
        var assessment = IndicatorAssessment.Assess((decimal?)target, (decimal?)result, (decimal?)estimate, lowerIsBetter: false);

        Assert.Equal(IndicatorVerdict.NotEnoughData, assessment.Verdict);
        Assert.Equal("Chưa đủ số liệu", assessment.VerdictLabel);
        Assert.Null(assessment.AchievementText);
    }

    [Fact]
    public void A_zero_target_has_a_verdict_but_no_ratio()
    {
        // "Không để xảy ra vụ việc phức tạp": target 0, lower is better.
        var none = IndicatorAssessment.Assess(0m, 0m, null, lowerIsBetter: true);
        var two = IndicatorAssessment.Assess(0m, 2m, null, lowerIsBetter: true);

        Assert.Equal((IndicatorVerdict.Met, (string?)null), (none.Verdict, none.AchievementText));
        Assert.Equal((IndicatorVerdict.Missed, (string?)null), (two.Verdict, two.AchievementText));
    }

    [Fact]
    public void A_negative_result_misses_without_a_meaningless_ratio()
    {
        var growth = IndicatorAssessment.Assess(8m, -1.2m, null, lowerIsBetter: false);

        Assert.Equal(IndicatorVerdict.Missed, growth.Verdict);
        Assert.Null(growth.AchievementPercent);
    }

    [Theory]
    [InlineData(1234.5, "1.234,5")]
    [InlineData(12500, "12.500")]
    [InlineData(45.678, "45,678")]
    [InlineData(0.5, "0,5")]
    [InlineData(1234567, "1.234.567")]
    public void Numbers_are_written_the_Vietnamese_way_without_losing_digits(double value, string expected) =>
        Assert.Equal(expected, VietnameseNumbers.FormatNumber((decimal)value));

    [Theory]
    [InlineData(95.5, "%", "95,5%")]
    [InlineData(28, "đảng viên", "28 đảng viên")]
    [InlineData(62.4, "triệu đồng/người/năm", "62,4 triệu đồng/người/năm")]
    [InlineData(7, "", "7")]
    public void Quantities_carry_their_unit(double value, string unit, string expected) =>
        Assert.Equal(expected, VietnameseNumbers.FormatQuantity((decimal)value, unit));

    [Theory]
    [InlineData("1.234,5", new[] { 1234.5 })]
    [InlineData("1,234.5", new[] { 1234.5 })]
    [InlineData("95,5", new[] { 95.5 })]
    [InlineData("95.5", new[] { 95.5 })]
    [InlineData("1.234", new[] { 1.234, 1234 })]
    [InlineData("12.500.000", new[] { 12500000.0 })]
    public void Written_figures_parse_to_every_value_they_can_stand_for(string written, double[] expected) =>
        Assert.Equal(expected.Select(e => (decimal)e), VietnameseNumbers.ParseCandidates(written));
}
