using SoKet.Bot.Text;

namespace SoKet.Bot.Tests.Input;

/// <summary>Numbers and dates as Vietnamese users type them, with or without diacritics.</summary>
public sealed class VietnameseInputTests
{
    [Theory]
    [InlineData("1.234,5", "1234.5", false)]
    [InlineData("95,5%", "95.5", true)]
    [InlineData("95,5 %", "95.5", true)]
    [InlineData("95.5", "95.5", false)]
    [InlineData("1.234", "1234", false)]
    [InlineData("12.500", "12500", false)]
    [InlineData("1.234.567", "1234567", false)]
    [InlineData("1,5", "1.5", false)]
    [InlineData("0.125", "0.125", false)]
    [InlineData("1234.567", "1234.567", false)]
    [InlineData("1 234,5", "1234.5", false)]
    [InlineData("1,234.5", "1234.5", false)]
    [InlineData("-2,5", "-2.5", false)]
    [InlineData("100%", "100", true)]
    public void Numbers_are_read_the_vietnamese_way(string text, string expected, bool percent)
    {
        Assert.True(VietnameseNumber.TryParse(text, out var value, out var isPercent));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(percent, isPercent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("%")]
    [InlineData("abc")]
    [InlineData("1.23.4")]
    [InlineData("1,2,3")]
    [InlineData("5,")]
    [InlineData("1,2.3,4")]
    [InlineData("12 đảng viên")]
    public void Things_that_are_not_numbers_are_refused(string text) =>
        Assert.False(VietnameseNumber.TryParse(text, out _, out _));

    [Theory]
    [InlineData("30/6/2023", 2023, 6, 30)]
    [InlineData("30/06/2023", 2023, 6, 30)]
    [InlineData("1-7-2023", 2023, 7, 1)]
    [InlineData("30.06.2023", 2023, 6, 30)]
    [InlineData("30/6/23", 2023, 6, 30)]
    [InlineData("ngày 25 tháng 6 năm 2023", 2023, 6, 25)]
    [InlineData("ngay 25 thang 6 nam 2023", 2023, 6, 25)]
    [InlineData("Ngày 29/02/2024", 2024, 2, 29)]
    [InlineData("2023-06-30", 2023, 6, 30)]
    public void Dates_are_read_day_first(string text, int year, int month, int day)
    {
        Assert.Equal(DateParseOutcome.Parsed, VietnameseDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("31/2/2023", DateParseOutcome.NoSuchDay)]
    [InlineData("29/02/2023", DateParseOutcome.NoSuchDay)]
    [InlineData("13/13/2023", DateParseOutcome.NotADate)]
    [InlineData("30/6", DateParseOutcome.NotADate)]
    [InlineData("hôm qua", DateParseOutcome.NotADate)]
    [InlineData("30/6/1850", DateParseOutcome.NotADate)]
    public void Impossible_dates_are_refused(string text, DateParseOutcome outcome) =>
        Assert.Equal(outcome, VietnameseDate.TryParse(text, out _));
}
