namespace SoKet.Bot.Tests.Dialogs;

public sealed class DialogInterruptTests : IDisposable
{
    private readonly DialogTestHarness _harness = SampleDialogHarness.Create();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Help_mid_flow_answers_then_asks_the_current_question_again_and_the_flow_resumes()
    {
        await _harness.StartAsync(UnitProfileDialog.DialogId);
        await _harness.SendAsync("Chi bộ Khu phố 3");

        var help = await _harness.SendAsync("Trợ giúp!");

        Assert.True(help.Handled);
        Assert.Equal([TestHelpCommand.Reply, UnitProfileDialog.AskMembers], help.Texts);
        var done = await _harness.SendAsync("31");
        Assert.Equal(["Đã ghi nhận: Chi bộ Khu phố 3, 31 đảng viên."], done.Texts);
    }

    [Fact]
    public async Task A_deadline_question_mid_flow_is_answered_without_losing_the_place_or_an_attempt()
    {
        await _harness.StartAsync(UnitProfileDialog.DialogId);
        await _harness.SendAsync("Chi bộ Khu phố 3");
        await _harness.SendAsync("ba mươi");
        await _harness.SendAsync("ba mốt");

        var question = await _harness.SendAsync("hạn nộp báo cáo khi nào?");
        Assert.Equal([DeadlineQuestionInterrupt.Reply, UnitProfileDialog.AskMembers], question.Texts);

        // Two wrong answers so far: a question in between is not counted as the third.
        var done = await _harness.SendAsync("31");
        Assert.Equal(["Đã ghi nhận: Chi bộ Khu phố 3, 31 đảng viên."], done.Texts);
    }

    [Fact]
    public async Task Help_while_a_card_is_waiting_shows_the_card_again_and_the_first_card_still_works()
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        foreach (var answer in new[] { "Tỷ lệ đảng viên được đánh giá", "95", "96", "không", "30/06/2023" })
            await _harness.SendAsync(answer);
        var stateBefore = _harness.StoredStack!.ToJsonString();

        var help = await _harness.SendAsync("tro giup");

        Assert.Equal(TestHelpCommand.Reply, help.Texts.Single());
        Assert.Single(help.Cards);
        Assert.Equal(stateBefore, _harness.StoredStack!.ToJsonString());
    }

    [Theory]
    [InlineData("hủy")]
    [InlineData("huy")]
    [InlineData("Thôi")]
    [InlineData("Hủy bỏ!")]
    [InlineData("dừng lại")]
    public async Task Cancel_words_drop_the_whole_stack_with_a_confirmation(string text)
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        await _harness.SendAsync("Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ");

        var cancelled = await _harness.SendAsync(text);

        Assert.Equal(["Đã hủy thao tác đang thực hiện. Khi cần, đồng chí gõ «trợ giúp» để xem các việc tôi có thể làm."], cancelled.Texts);
        Assert.Null(_harness.StoredStack);
        Assert.False((await _harness.SendAsync("80")).Handled);
    }

    [Fact]
    public async Task Cancel_with_nothing_in_progress_says_so()
    {
        var reply = await _harness.SendAsync("huỷ");

        Assert.True(reply.Handled);
        Assert.Equal(["Hiện không có thao tác nào đang thực hiện để hủy."], reply.Texts);
    }

    [Fact]
    public async Task Help_with_nothing_in_progress_is_left_to_the_bots_command_routing()
    {
        var reply = await _harness.SendAsync("trợ giúp");

        Assert.False(reply.Handled);
        Assert.Empty(reply.Activities);
    }

    [Fact]
    public async Task A_long_answer_that_mentions_a_command_word_is_an_answer_not_an_interrupt()
    {
        await _harness.StartAsync(DraftDialog.DialogId);
        const string paragraph =
            "Hạn nộp báo cáo sơ kết được chi bộ quán triệt đầy đủ; các đồng chí đảng viên đã chủ động hoàn thành nhiệm vụ được giao đúng thời hạn.";

        var reply = await _harness.SendAsync(paragraph);

        Assert.Equal(["Nội dung: " + paragraph], reply.Texts);
    }
}
