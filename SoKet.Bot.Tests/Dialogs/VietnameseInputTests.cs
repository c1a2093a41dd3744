using SoKet.Bot.Dialogs.Prompts;

namespace SoKet.Bot.Tests.Dialogs;

/// <summary>Numbers, dates and choices as Vietnamese users type them, with or without diacritics.</summary>
public sealed class VietnameseInputTests : IDisposable
{
    private readonly DialogTestHarness _harness = SampleDialogHarness.Create();

    public void Dispose() => _harness.Dispose();

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
    [InlineData("1.234,5", "Nhận: 1.234,5")]
    [InlineData("95,5%", "Nhận: 95,5")]
    [InlineData("1.000.000", "Nhận: 1.000.000")]
    public async Task Number_prompt_accepts_vietnamese_numbers(string typed, string reply)
    {
        await _harness.StartAsync("test.probe.NumberPrompt");
        Assert.Equal([reply], (await _harness.SendAsync(typed)).Texts);
    }

    [Fact]
    public async Task Number_prompt_takes_a_json_number_from_a_card_input_as_is()
    {
        await _harness.StartAsync("test.probe.NumberPrompt");
        // Not stamped: the prompt sent text, so this stands in for a card the feature stamped itself.
        var token = _harness.StoredStack![^1]!["token"]!.GetValue<string>();
        var reply = await _harness.SubmitAsync(new System.Text.Json.Nodes.JsonObject { ["value"] = 1.234, ["_step"] = token });
        Assert.Equal(["Nhận: 1,234"], reply.Texts);
    }

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

    [Fact]
    public async Task Date_prompt_explains_an_impossible_date_and_accepts_a_corrected_one()
    {
        await _harness.StartAsync("test.probe.DatePrompt");

        var wrong = await _harness.SendAsync("31/6/2023");
        Assert.Equal(["Ngày «31/6/2023» không có trên lịch. Đồng chí vui lòng kiểm tra lại ngày và tháng. Hạn nộp?"], wrong.Texts);

        Assert.Equal(["Nhận: 30/06/2023"], (await _harness.SendAsync("ngay 30 thang 6 nam 2023")).Texts);
    }

    [Fact]
    public async Task Date_prompt_enforces_its_range()
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        foreach (var answer in new[] { "Chỉ tiêu A", "1", "1", "không" })
            await _harness.SendAsync(answer);

        var tooEarly = await _harness.SendAsync("31/12/2022");

        Assert.Equal(["Ngày không được trước 01/01/2023. " + ReportDialog.AskDue], tooEarly.Texts);
    }

    [Theory]
    [InlineData("có", "yes")]
    [InlineData("co", "yes")]
    [InlineData("Có ạ", "yes")]
    [InlineData("CÓ.", "yes")]
    [InlineData("đồng ý", "yes")]
    [InlineData("dong y", "yes")]
    [InlineData("vâng", "yes")]
    [InlineData("dạ có", "yes")]
    [InlineData("1", "yes")]
    [InlineData("không", "no")]
    [InlineData("khong", "no")]
    [InlineData("ko", "no")]
    [InlineData("Dạ không ạ", "no")]
    [InlineData("2", "no")]
    public async Task Yes_no_choice_is_matched_on_folded_text(string typed, string value)
    {
        await _harness.StartAsync("test.probe.ChoicePrompt");
        Assert.Equal([$"Nhận: {value}"], (await _harness.SendAsync(typed)).Texts);
    }

    [Fact]
    public async Task Choice_typed_in_decomposed_unicode_is_matched()
    {
        await _harness.StartAsync("test.probe.ChoicePrompt");
        Assert.Equal(["Nhận: yes"], (await _harness.SendAsync("đồng ý".Normalize(System.Text.NormalizationForm.FormD))).Texts);
    }

    [Fact]
    public async Task An_unrecognised_choice_lists_the_options()
    {
        var start = await _harness.StartAsync("test.probe.ChoicePrompt");
        Assert.Equal(["Đồng chí xác nhận?\n\n1. Có · 2. Không"], start.Texts);

        var reply = await _harness.SendAsync("có lẽ");

        Assert.Equal(
            ["Tôi chưa nhận ra lựa chọn «có lẽ». Đồng chí vui lòng chọn một trong các phương án: Có, Không (hoặc gõ số thứ tự). Đồng chí xác nhận?\n\n1. Có · 2. Không"],
            reply.Texts);
    }
}
