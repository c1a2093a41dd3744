using SoKet.Bot.Export;

namespace SoKet.Bot.Tests.Export;

public sealed class IndicatorConsolidationTests
{
    [Fact]
    public void Counts_are_summed_across_units_even_when_typed_without_diacritics()
    {
        var result = IndicatorConsolidation.Combine(
        [
            Unit("Đảng bộ xã San Thàng", new IndicatorRow("Kết nạp đảng viên mới", "đảng viên") { Target = 12, Result = 10, Estimate = 12 }),
            Unit("Chi bộ bản Tả Sin Chải", new IndicatorRow("ket nap dang vien moi", "dang vien") { Target = 3, Result = 4, Estimate = 4 }),
        ]);

        var row = Assert.Single(result.Table.Rows);
        Assert.Equal("Kết nạp đảng viên mới", row.Name);
        Assert.Equal((15m, 14m, 16m), (row.Target, row.Result, row.Estimate));
        Assert.Equal(14m / 15m * 100, row.AchievementPercent);
        Assert.Equal("", row.Verdict);
    }

    [Fact]
    public void Rates_are_averaged_and_marked_not_summed()
    {
        var result = IndicatorConsolidation.Combine(
        [
            Unit("A", new IndicatorRow("Tỷ lệ hộ nghèo", "%") { Target = 4, Result = 3 }),
            Unit("B", new IndicatorRow("Tỷ lệ hộ nghèo", "%") { Target = 4, Result = 5 }),
            Unit("C", new IndicatorRow("Thu nhập bình quân đầu người", "triệu đồng/người") { Target = 50, Result = 55 }),
        ]);

        Assert.Equal(("Tỷ lệ hộ nghèo (bình quân) (2/3 đơn vị)", 4m, 4m), (result.Table.Rows[0].Name, result.Table.Rows[0].Target, result.Table.Rows[0].Result));
        Assert.Equal("Thu nhập bình quân đầu người (bình quân) (1/3 đơn vị)", result.Table.Rows[1].Name);
        Assert.Contains(result.Notes, n => n.Contains("không cộng dồn", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("(x/3 đơn vị)", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_name_under_different_units_of_measure_is_kept_apart_and_explained()
    {
        var result = IndicatorConsolidation.Combine(
        [
            Unit("A", new IndicatorRow("Thu ngân sách", "tỷ đồng") { Target = 18, Result = 20 }),
            Unit("B", new IndicatorRow("Thu ngân sách", "triệu đồng") { Target = 900, Result = 950 }),
        ]);

        Assert.Equal(2, result.Table.Rows.Count);
        Assert.Contains(result.Notes, n => n == "Chỉ tiêu “Thu ngân sách” được các đơn vị báo cáo theo các đơn vị tính khác nhau (tỷ đồng, triệu đồng) nên được tổng hợp riêng theo từng đơn vị tính.");
    }

    [Fact]
    public void Achievement_is_left_blank_when_targets_and_results_come_from_different_units()
    {
        var result = IndicatorConsolidation.Combine(
        [
            Unit("A", new IndicatorRow("Tạo việc làm mới", "lao động") { Target = 100 }),
            Unit("B", new IndicatorRow("Tạo việc làm mới", "lao động") { Target = 50, Result = 60 }),
        ]);

        var row = Assert.Single(result.Table.Rows);
        Assert.Equal((150m, 60m, (decimal?)null), (row.Target, row.Result, row.AchievementPercent));
    }

    [Fact]
    public void Lower_is_better_rows_are_achieved_below_the_target_and_a_disputed_direction_is_left_blank()
    {
        var result = IndicatorConsolidation.Combine(
        [
            Unit("A", new IndicatorRow("Tỷ lệ hộ nghèo", "%") { Target = 4, Result = 2, LowerIsBetter = true }, new IndicatorRow("Số vụ vi phạm", "vụ") { Target = 10, Result = 8, LowerIsBetter = true }),
            Unit("B", new IndicatorRow("Tỷ lệ hộ nghèo", "%") { Target = 4, Result = 3, LowerIsBetter = true }, new IndicatorRow("Số vụ vi phạm", "vụ") { Target = 10, Result = 12 }),
        ]);

        Assert.Equal(4m / 2.5m * 100, result.Table.Rows[0].AchievementPercent);
        Assert.Null(result.Table.Rows[1].AchievementPercent);
    }

    [Fact]
    public void Units_that_have_not_submitted_are_left_out()
    {
        var result = IndicatorConsolidation.Combine(
        [
            Unit("A", new IndicatorRow("Tạo việc làm mới", "lao động") { Target = 100, Result = 90 }),
            Unit("B", new IndicatorRow("Tạo việc làm mới", "lao động") { Target = 50, Result = 60 }) with { Submitted = false },
        ]);

        Assert.Equal(90m, Assert.Single(result.Table.Rows).Result);
    }

    private static UnitReport Unit(string name, params IndicatorRow[] rows) => new(name) { Submitted = true, Indicators = rows };
}
