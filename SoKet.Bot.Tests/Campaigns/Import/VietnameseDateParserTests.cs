using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

public sealed class VietnameseDateParserTests
{
    [Theory]
    [InlineData("ngày 21 tháng 3 năm 2023", 2023, 3, 21)]
    [InlineData("Hà Tĩnh, ngày 27 tháng 02 năm 2023", 2023, 2, 27)]
    [InlineData("ngày 27/02/2023 của Ban Thường vụ", 2023, 2, 27)]
    [InlineData("Kế hoạch số 316-KH/TU, ngày 4-5-2018", 2018, 5, 4)]
    [InlineData("trước ngày 30.6.2023", 2023, 6, 30)]
    [InlineData("ngày 30/6/23", 2023, 6, 30)]
    [InlineData("30 tháng 6 năm 2023", 2023, 6, 30)]
    [InlineData("ngày 21 tháng 3, năm 2023", 2023, 3, 21)]
    public void Parses_day_dates(string text, int year, int month, int day)
    {
        var date = VietnameseDateParser.Parse(text);
        Assert.NotNull(date);
        Assert.Equal(new DateOnly(year, month, day), date.Date);
        Assert.Equal(DatePrecision.Day, date.Precision);
        Assert.False(date.IsMonthOnly);
    }

    [Theory]
    [InlineData("trước ngày 30/6/2023", DateQualifier.Before)]
    [InlineData("chậm nhất vào ngày 9-6-2018", DateQualifier.NoLaterThan)]
    [InlineData("chậm nhất là ngày 9-6-2018", DateQualifier.NoLaterThan)]
    [InlineData("hạn chót ngày 9/6/2018", DateQualifier.NoLaterThan)]
    [InlineData("số liệu ước tính đến ngày 30/5/2023", DateQualifier.Until)]
    [InlineData("tính đến hết ngày 31/3/2024", DateQualifier.Until)]
    [InlineData("từ ngày 01/01/2023", DateQualifier.From)]
    [InlineData("tổ chức vào ngày 15/7/2023", DateQualifier.On)]
    [InlineData("hoàn thành trong tháng 6-2018", DateQualifier.Within)]
    [InlineData("(Đầu tháng 7-2018)", DateQualifier.None)]
    public void Reads_the_words_in_front_of_a_date(string text, DateQualifier qualifier)
    {
        Assert.Equal(qualifier, VietnameseDateParser.Parse(text)?.Qualifier);
    }

    [Theory]
    [InlineData("trong tháng 7 năm 2023", 2023, 7, 31, DatePrecision.Month)]
    [InlineData("hoàn thành trong tháng 6-2018", 2018, 6, 30, DatePrecision.Month)]
    [InlineData("đến tháng 6/2023", 2023, 6, 30, DatePrecision.Month)]
    [InlineData("trong tháng 2 năm 2024", 2024, 2, 29, DatePrecision.Month)]
    [InlineData("Đầu tháng 7-2018", 2018, 7, 10, DatePrecision.EarlyMonth)]
    [InlineData("giữa tháng 8/2023", 2023, 8, 20, DatePrecision.MidMonth)]
    [InlineData("cuối tháng 9 năm 2023", 2023, 9, 30, DatePrecision.LateMonth)]
    [InlineData("thượng tuần tháng 7/2023", 2023, 7, 10, DatePrecision.EarlyMonth)]
    [InlineData("trung tuần tháng 7 năm 2023", 2023, 7, 20, DatePrecision.MidMonth)]
    [InlineData("hạ tuần tháng 7-2023", 2023, 7, 31, DatePrecision.LateMonth)]
    [InlineData("trong quý III/2023", 2023, 9, 30, DatePrecision.Quarter)]
    [InlineData("quý 4 năm 2023", 2023, 12, 31, DatePrecision.Quarter)]
    public void Resolves_month_only_dates_to_a_day(string text, int year, int month, int day, DatePrecision precision)
    {
        var date = VietnameseDateParser.Parse(text);
        Assert.NotNull(date);
        Assert.Equal(new DateOnly(year, month, day), date.Date);
        Assert.Equal(precision, date.Precision);
        Assert.True(date.IsMonthOnly);
    }

    [Theory]
    [InlineData("gửi về Thành ủy **trước ngày 30/6/2023**")]
    [InlineData("gửi về Thành ủy trước ngày **30/6/2023**")]
    [InlineData("gửi về Thành ủy trước ngày 30/ 6/2023")]
    [InlineData("gửi về Thành ủy trước ngày 30 / 6 / 2023")]
    [InlineData("gửi về Thành ủy trước\u00A0ngày\u00A030/6/2023")]
    [InlineData("gui ve Thanh uy truoc ngay 30/6/2023")]
    [InlineData("GỬI VỀ THÀNH ỦY TRƯỚC NGÀY 30/6/2023")]
    public void Tolerates_bold_markers_stray_spaces_and_missing_diacritics(string text)
    {
        var date = VietnameseDateParser.Parse(text);
        Assert.NotNull(date);
        Assert.Equal(new DateOnly(2023, 6, 30), date.Date);
        Assert.Equal(DateQualifier.Before, date.Qualifier);
    }

    [Fact]
    public void Parses_decomposed_unicode()
    {
        var decomposed = "trước ngày 21 tháng 3 năm 2023".Normalize(System.Text.NormalizationForm.FormD);
        var date = VietnameseDateParser.Parse(decomposed);
        Assert.Equal(new DateOnly(2023, 3, 21), date?.Date);
        Assert.Equal(DateQualifier.Before, date?.Qualifier);
    }

    [Theory]
    [InlineData("tổ chức hội nghị từ ngày 20 đến 25/6/2023", 20, 6, 25, 6)]
    [InlineData("từ ngày 20 - 25/6/2023", 20, 6, 25, 6)]
    [InlineData("từ ngày 28/5 đến ngày 3/6/2023", 28, 5, 3, 6)]
    public void Reads_ranges_that_write_the_year_once(string text, int startDay, int startMonth, int endDay, int endMonth)
    {
        var date = VietnameseDateParser.Parse(text);
        Assert.NotNull(date);
        Assert.Equal(new DateOnly(2023, endMonth, endDay), date.Date);
        Assert.Equal(new DateOnly(2023, startMonth, startDay), date.RangeStart);
    }

    [Fact]
    public void Borrows_the_year_for_a_day_without_one()
    {
        Assert.Equal(new DateOnly(2023, 6, 10), VietnameseDateParser.Parse("gửi trước ngày 10/6", defaultYear: 2023)?.Date);

        var both = VietnameseDateParser.FindAll("báo cáo trước ngày 10/6, hội nghị trước ngày 30/6/2023");
        Assert.Equal([new DateOnly(2023, 6, 10), new DateOnly(2023, 6, 30)], both.Select(d => d.Date));
    }

    [Theory]
    [InlineData("nhiệm kỳ 2020 - 2025")]
    [InlineData("6 tháng đầu năm 2023")]
    [InlineData("Kế hoạch số 125-KH/ThU")]
    [InlineData("2.1. Cấp cơ sở")]
    [InlineData("ngày 31/2/2023")]
    [InlineData("tháng 13/2023")]
    [InlineData("1.2.12")]
    [InlineData("")]
    public void Finds_no_date_where_there_is_none(string text)
    {
        Assert.Empty(VietnameseDateParser.FindAll(text));
        Assert.False(VietnameseDateParser.TryParse(text, out _));
    }

    [Fact]
    public void Finds_every_date_in_order_with_positions_in_the_text()
    {
        const string text = "Quy định số 55-QĐ/TW ngày 19-12-2016; gửi báo cáo trước ngày 30/6/2023 và tổ chức hội nghị trong tháng 7 năm 2023.";
        var dates = VietnameseDateParser.FindAll(text);
        Assert.Equal([new DateOnly(2016, 12, 19), new DateOnly(2023, 6, 30), new DateOnly(2023, 7, 31)], dates.Select(d => d.Date));
        Assert.All(dates, d => Assert.Equal(d.Text, text.Substring(d.Start, d.Length)));
        Assert.Equal("ngày 30/6/2023", dates[1].Text);
    }
}
