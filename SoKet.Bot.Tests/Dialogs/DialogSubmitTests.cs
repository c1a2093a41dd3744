using System.Text.Json.Nodes;
using SoKet.Bot.Dialogs;

namespace SoKet.Bot.Tests.Dialogs;

/// <summary>Card buttons: double clicks, replays of old cards, Action.Submit and Action.Execute alike.</summary>
public sealed class DialogSubmitTests : IDisposable
{
    private readonly DialogTestHarness _harness = SampleDialogHarness.Create();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_double_clicked_submit_button_acts_once_and_the_second_click_gets_a_short_notice()
    {
        var card = await StartCardProbeAsync();
        var data = card.ButtonData(CardProbe.Title);
        data["content"] = "Nội dung mục I.";

        var first = await _harness.SubmitAsync(data);
        var second = await _harness.SubmitAsync(data);

        Assert.Equal(["Đã lưu mục I: Nội dung mục I."], first.Texts);
        Assert.True(second.Handled);
        Assert.Equal(["Thao tác này đã được xử lý."], second.Texts);
    }

    [Fact]
    public async Task A_double_clicked_button_in_a_waiting_step_changes_the_state_once()
    {
        var confirm = await ReachConfirmationAsync();
        var data = confirm.ButtonData("Nộp báo cáo");
        // Replayed in the middle of a new run of the same dialog, the old card must not submit it.
        await _harness.SubmitAsync(data);
        await ReachConfirmationAsync();
        var before = _harness.StateJson;

        var replay = await _harness.SubmitAsync(data);

        Assert.Equal(["Thao tác này đã được xử lý."], replay.Texts);
        Assert.Equal(before, _harness.StateJson);
    }

    [Fact]
    public async Task Action_execute_is_routed_like_action_submit_and_a_replay_is_answered_in_the_invoke_response()
    {
        var card = await StartCardProbeAsync();
        var data = card.ButtonData(CardProbe.Title);
        data["content"] = "Nội dung gửi bằng Action.Execute.";

        var first = await _harness.ExecuteAsync(data, verb: "saveSection");
        var second = await _harness.ExecuteAsync(data, verb: "saveSection");

        Assert.Equal(["Đã lưu mục I: Nội dung gửi bằng Action.Execute."], first.Texts);
        Assert.Empty(second.Activities);
        Assert.Equal("application/vnd.microsoft.activity.message", second.InvokeResponse?.Type);
        Assert.Equal("Thao tác này đã được xử lý.", second.InvokeResponse!.Value!.GetValue<string>());
    }

    [Fact]
    public async Task A_card_from_a_finished_dialog_is_ignored_with_the_notice()
    {
        var confirm = await ReachConfirmationAsync();
        await _harness.SubmitAsync(confirm.ButtonData("Nộp báo cáo"));

        var late = await _harness.SubmitAsync(confirm.ButtonData("Nộp báo cáo"));

        Assert.True(late.Handled);
        Assert.Equal(["Thao tác này đã được xử lý."], late.Texts);
    }

    [Fact]
    public async Task A_button_without_a_step_token_is_left_to_command_routing_and_the_dialog_stays()
    {
        await _harness.StartAsync(UnitProfileDialog.DialogId);
        var before = _harness.StateJson;

        var reply = await _harness.SubmitAsync(new { command = "help" });

        Assert.False(reply.Handled);
        Assert.Empty(reply.Activities);
        Assert.Equal(before, _harness.StateJson);
    }

    [Fact]
    public async Task Each_new_step_gets_a_new_token_while_a_retry_keeps_it()
    {
        var card = await StartCardProbeAsync();
        var token = card.ButtonData(CardProbe.Title)[DialogCards.StepTokenField]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{12}$", token);

        var data = card.ButtonData(CardProbe.Title);
        await _harness.SubmitAsync(data);
        Assert.Equal(token, _harness.StoredStack![^1]!["token"]!.GetValue<string>());

        var next = await _harness.StartAsync("test.probe.CardPrompt");
        Assert.NotEqual(token, next.ButtonData(CardProbe.Title)[DialogCards.StepTokenField]!.GetValue<string>());
    }

    [Fact]
    public void Stamp_marks_every_submit_and_execute_action_and_leaves_the_template_alone()
    {
        var card = JsonNode.Parse("""
            {
              "type": "AdaptiveCard", "version": "1.5",
              "body": [
                { "type": "Container", "selectAction": { "type": "Action.Submit" } },
                { "type": "ActionSet", "actions": [ { "type": "Action.Execute", "verb": "save", "data": { "section": "I" } } ] }
              ],
              "actions": [
                { "type": "Action.OpenUrl", "url": "https://example.org" },
                { "type": "Action.ShowCard", "card": { "type": "AdaptiveCard", "actions": [ { "type": "Action.Submit", "data": { "x": 1 } } ] } },
                { "type": "Action.Submit", "data": "legacy string data" }
              ]
            }
            """)!.AsObject();
        var original = card.ToJsonString();

        var stamped = DialogCards.Stamp(card, "abc123");

        Assert.Equal(original, card.ToJsonString());
        Assert.Equal("abc123", stamped["body"]![0]!["selectAction"]!["data"]!["_step"]!.GetValue<string>());
        Assert.Equal("abc123", stamped["body"]![1]!["actions"]![0]!["data"]!["_step"]!.GetValue<string>());
        Assert.Equal("I", stamped["body"]![1]!["actions"]![0]!["data"]!["section"]!.GetValue<string>());
        Assert.Null(stamped["actions"]![0]!["data"]);
        Assert.Equal("abc123", stamped["actions"]![1]!["card"]!["actions"]![0]!["data"]!["_step"]!.GetValue<string>());
        Assert.Equal("legacy string data", stamped["actions"]![2]!["data"]!.GetValue<string>());
    }

    private Task<TurnReplies> StartCardProbeAsync() => _harness.StartAsync("test.probe.CardPrompt");

    private async Task<TurnReplies> ReachConfirmationAsync()
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        TurnReplies last = null!;
        foreach (var answer in new[] { "Tỷ lệ đảng viên được đánh giá", "95", "96", "không", "30/06/2023" })
            last = await _harness.SendAsync(answer);
        return last;
    }
}
