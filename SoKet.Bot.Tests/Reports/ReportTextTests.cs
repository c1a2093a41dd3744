using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Reports;

public sealed class ReportTextTests
{
    [Fact]
    public void An_indicator_line_without_an_estimate_reads_without_a_double_dash()
    {
        var row = new IndicatorRow { Name = "Kết nạp đảng viên mới", UnitOfMeasure = "đảng viên", Target = 30, Result = 31 };

        var line = ReportText.IndicatorTable([row]);

        Assert.Equal("1. Kết nạp đảng viên mới: Chỉ tiêu: 30 đảng viên · Kết quả đến nay: 31 đảng viên · Dự ước cả năm: — · Đánh giá: Vượt (103,4%)", line);
        Assert.DoesNotContain("— —", line);
    }
}
