using SoKet.Bot.Dialogs;
using SoKet.Bot.Dialogs.Prompts;

namespace SoKet.Bot.Tests.Dialogs;

public sealed class DialogFlowTests : IDisposable
{
    private readonly DialogTestHarness _harness = SampleDialogHarness.Create();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Two_step_dialog_asks_each_question_and_ends_with_a_summary()
    {
        var start = await _harness.StartAsync(UnitProfileDialog.DialogId);
        Assert.Equal([UnitProfileDialog.AskName], start.Texts);

        var name = await _harness.SendAsync("  Chi bộ Văn phòng Thành ủy ");
        Assert.True(name.Handled);
        Assert.Equal([UnitProfileDialog.AskMembers], name.Texts);

        var members = await _harness.SendAsync("25");
        Assert.Equal(["Đã ghi nhận: Chi bộ Văn phòng Thành ủy, 25 đảng viên."], members.Texts);
        Assert.Null(_harness.StoredStack);

        // Idle again: the bot's own command routing gets the next message.
        Assert.False((await _harness.SendAsync("25")).Handled);
    }

    [Fact]
    public async Task Invalid_answer_gets_a_vietnamese_reason_and_the_question_again_on_the_same_step()
    {
        await _harness.StartAsync(UnitProfileDialog.DialogId);
        await _harness.SendAsync("Chi bộ Trường THPT Lê Quý Đôn");

        var notANumber = await _harness.SendAsync("khoảng hai mươi");
        Assert.Equal(
            ["«khoảng hai mươi» chưa phải là số hợp lệ. Đồng chí nhập số theo cách viết thông thường, ví dụ 1.234,5 hoặc 95,5%. " + UnitProfileDialog.AskMembers],
            notANumber.Texts);

        var fraction = await _harness.SendAsync("12,5");
        Assert.Equal(["Đồng chí vui lòng nhập số nguyên, ví dụ 12. " + UnitProfileDialog.AskMembers], fraction.Texts);

        var tooSmall = await _harness.SendAsync("0");
        Assert.StartsWith("Giá trị không được nhỏ hơn 1.", tooSmall.Texts.Single());
        Assert.Equal("prompt.number", _harness.StoredStack![^1]!["id"]!.GetValue<string>());

        var ok = await _harness.SendAsync("18");
        Assert.Equal(["Đã ghi nhận: Chi bộ Trường THPT Lê Quý Đôn, 18 đảng viên."], ok.Texts);
    }

    [Fact]
    public async Task Empty_and_too_long_text_are_refused()
    {
        await _harness.StartAsync(UnitProfileDialog.DialogId);

        var empty = await _harness.SendAsync("   ");
        Assert.Equal(["Đồng chí chưa nhập nội dung. " + UnitProfileDialog.AskName], empty.Texts);

        var tooLong = await _harness.SendAsync(new string('a', 201));
        Assert.Equal(["Nội dung dài 201 ký tự, vượt quá giới hạn 200 ký tự. " + UnitProfileDialog.AskName], tooLong.Texts);
    }

    [Fact]
    public async Task After_max_attempts_the_prompt_pauses_politely_and_the_whole_flow_ends()
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        await _harness.SendAsync("Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ");

        await _harness.SendAsync("nhiều");
        await _harness.SendAsync("rất nhiều");
        var third = await _harness.SendAsync("không rõ");

        Assert.Equal(
            ["Đồng chí đã nhập chưa đúng 3 lần nên tôi tạm dừng bước này. Khi sẵn sàng, đồng chí có thể bắt đầu lại; gõ «trợ giúp» nếu cần hướng dẫn."],
            third.Texts);
        Assert.Null(_harness.StoredStack);
        Assert.False((await _harness.SendAsync("95")).Handled);
    }

    [Fact]
    public async Task Nested_dialog_returns_its_result_to_the_parent_which_loops_and_finishes()
    {
        var start = await _harness.StartAsync(ReportDialog.DialogId);
        Assert.Equal([IndicatorRowDialog.AskName], start.Texts);
        Assert.Equal(["test.report", "test.indicatorRow", "prompt.text"], StackIds());

        await _harness.SendAsync("Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ");
        await _harness.SendAsync("80%");
        var firstRow = await _harness.SendAsync("85,5%");
        Assert.Equal(
            ["Đã thêm chỉ tiêu «Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ»: chỉ tiêu 80%, đạt 85,5%.", ReportDialog.AskMore + "\n\n1. Có · 2. Không"],
            firstRow.Texts);
        Assert.Equal(["test.report", "prompt.choice"], StackIds());

        Assert.Equal([IndicatorRowDialog.AskName], (await _harness.SendAsync("có ạ")).Texts);
        await _harness.SendAsync("Kết nạp đảng viên mới");
        await _harness.SendAsync("1.200");
        await _harness.SendAsync("1.254");
        Assert.Equal([ReportDialog.AskDue], (await _harness.SendAsync("khong")).Texts);

        var due = await _harness.SendAsync("ngày 25 tháng 6 năm 2023");
        Assert.Equal(ReportDialog.ConfirmTitle, due.Activities.Single().Summary);

        var submitted = await _harness.SubmitAsync(due.ButtonData("Nộp báo cáo"));
        Assert.Equal(["Đã nộp báo cáo gồm 2 chỉ tiêu, hạn dự thảo 25/06/2023."], submitted.Texts);
        Assert.Null(_harness.StoredStack);
    }

    [Fact]
    public async Task A_step_waiting_on_its_card_accepts_the_submit_and_validates_typed_text_itself()
    {
        await ReachConfirmationAsync();

        var typed = await _harness.SendAsync("nộp");
        Assert.Equal(["Đồng chí bấm «Nộp báo cáo» trên thẻ để nộp."], typed.Texts);
        Assert.Equal("confirm", _harness.StoredStack![^1]!["step"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dialog_state_survives_a_restart_between_every_turn()
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        string[] answers = ["Tỷ lệ tổ chức cơ sở đảng trong sạch, vững mạnh", "90%", "92,75%", "không", "30/6/2023"];
        foreach (var answer in answers)
        {
            // A new container each turn: only the stored JSON string carries over, as after a process restart.
            _harness.Restart();
            Assert.True((await _harness.SendAsync(answer)).Handled);
        }

        _harness.Restart();
        var confirm = await _harness.SendAsync("trợ giúp");
        _harness.Restart();
        var submitted = await _harness.SubmitAsync(confirm.ButtonData("Nộp báo cáo"));

        Assert.Equal(["Đã nộp báo cáo gồm 1 chỉ tiêu, hạn dự thảo 30/06/2023."], submitted.Texts);
    }

    [Fact]
    public async Task Card_prompt_accepts_its_card_or_typed_text_and_names_missing_fields()
    {
        var start = await _harness.StartAsync("test.probe.CardPrompt");
        var data = start.ButtonData(CardProbe.Title);

        data["content"] = " ";
        var missing = await _harness.SubmitAsync(data);
        Assert.Equal(["Đồng chí vui lòng điền: Nội dung mục."], missing.Texts);

        data["content"] = "Chi bộ đã lãnh đạo hoàn thành 100% chỉ tiêu.";
        var saved = await _harness.SubmitAsync(data);
        Assert.Equal(["Đã lưu mục I: Chi bộ đã lãnh đạo hoàn thành 100% chỉ tiêu."], saved.Texts);

        await _harness.StartAsync("test.probe.CardPrompt");
        var typed = await _harness.SendAsync("Dòng một.\nDòng hai.");
        Assert.Equal(["Đã lưu nội dung gõ: Dòng một.\nDòng hai."], typed.Texts);
    }

    [Fact]
    public async Task Starting_a_dialog_replaces_the_unfinished_one()
    {
        await _harness.StartAsync(UnitProfileDialog.DialogId);
        await _harness.SendAsync("Chi bộ Phòng Nội vụ");

        await _harness.StartAsync(DraftDialog.DialogId);

        Assert.Equal(["test.draft", "prompt.text"], StackIds());
    }

    [Fact]
    public async Task Prompt_options_of_the_wrong_type_fail_loudly_for_the_developer()
    {
        using var harness = new DialogTestHarness(s => s.AddDialog<MisusedPromptDialog>());

        await Assert.ThrowsAsync<ArgumentException>(() => harness.StartAsync("test.misused"));
    }

    [Fact]
    public async Task A_step_that_loops_on_itself_fails_the_turn_instead_of_overflowing_the_stack()
    {
        using var harness = new DialogTestHarness(s => s.AddDialog<LoopingDialog>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.StartAsync("test.looping"));
        Assert.Contains("loop", error.Message, StringComparison.Ordinal);
    }

    private async Task ReachConfirmationAsync()
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        foreach (var answer in new[] { "Tỷ lệ đảng viên được đánh giá", "95", "96", "2", "30/06/2023" })
            await _harness.SendAsync(answer);
    }

    private List<string> StackIds() => _harness.StoredStack!.Select(f => f!["id"]!.GetValue<string>()).ToList();

    private sealed class MisusedPromptDialog : WaterfallDialog<ProbeState>
    {
        public override string Id => "test.misused";

        public MisusedPromptDialog() => AddStep("ask", s => s.PromptAsync<NumberPrompt>(new TextPromptOptions { Text = "?" }));
    }

    private sealed class LoopingDialog : WaterfallDialog<ProbeState>
    {
        public override string Id => "test.looping";

        public LoopingDialog() => AddStep("again", s => s.RepeatAsync());
    }
}
