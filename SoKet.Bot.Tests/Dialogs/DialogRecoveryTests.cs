using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace SoKet.Bot.Tests.Dialogs;

/// <summary>A deploy changes or removes a dialog while people are in the middle of it.</summary>
public sealed class DialogRecoveryTests : IDisposable
{
    private const string ResetStartAgain =
        "Bước đồng chí đang thực hiện dở đã được đặt lại do hệ thống vừa được cập nhật. Đồng chí vui lòng thực hiện lại thao tác.";
    private const string Reset = "Bước đồng chí đang thực hiện dở đã được đặt lại do hệ thống vừa được cập nhật.";

    private readonly DialogTestHarness _harness = SampleDialogHarness.Create();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_frame_of_a_dialog_that_no_longer_exists_is_dropped_with_a_notice()
    {
        Store(Frame("reports.removedInThisRelease", 1, "write", new JsonObject { ["text"] = "…" }));

        var reply = await _harness.SendAsync("Nội dung mục II");

        Assert.True(reply.Handled);
        Assert.Equal([ResetStartAgain], reply.Texts);
        Assert.Null(_harness.StoredStack);
        var log = Assert.Single(_harness.Logs.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("Dropped dialog frame reports.removedInThisRelease (schema version 1)", log.Message);
        Assert.Contains("no dialog with this id is registered", log.Message);
    }

    [Fact]
    public async Task A_frame_stored_by_an_older_schema_without_a_migration_is_reset()
    {
        Store(Frame(UnitProfileDialog.DialogId, 1, "members", new JsonObject { ["unitName"] = "Chi bộ 1" }));

        var reply = await _harness.SendAsync("25");

        Assert.Equal([ResetStartAgain], reply.Texts);
        Assert.Contains(_harness.Logs.Lines, l => l.Message.Contains("there is no migration to schema version 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_frame_stored_by_an_older_schema_with_a_migration_carries_on_where_it_was()
    {
        Store(
            Frame(DraftDialog.DialogId, 1, "write", new JsonObject { ["text"] = "Phần mở đầu." }),
            Frame("prompt.text", 1, null, new JsonObject { ["options"] = new JsonObject { ["text"] = "Đồng chí viết thêm nội dung:" } }));

        var reply = await _harness.SendAsync("Phần tiếp theo.");

        Assert.Equal(["Nội dung: Phần mở đầu. Phần tiếp theo."], reply.Texts);
        Assert.DoesNotContain(_harness.Logs.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_frame_from_a_newer_build_after_a_rollback_is_reset()
    {
        Store(Frame(DraftDialog.DialogId, 3, "compose", new JsonObject { ["body"] = "x" }));

        Assert.Equal([ResetStartAgain], (await _harness.SendAsync("y")).Texts);
        Assert.Contains(_harness.Logs.Lines, l => l.Message.Contains("newer schema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_frame_on_a_step_that_was_removed_is_reset()
    {
        Store(Frame(UnitProfileDialog.DialogId, 2, "address", new JsonObject { ["name"] = "Chi bộ 1", ["members"] = 0 }));

        Assert.Equal([ResetStartAgain], (await _harness.SendAsync("Số 1 Lê Lợi")).Texts);
        Assert.Contains(_harness.Logs.Lines, l => l.Message.Contains("step 'address' no longer exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task State_that_does_not_deserialize_is_reset()
    {
        Store(Frame(UnitProfileDialog.DialogId, 2, "members", new JsonObject { ["name"] = "Chi bộ 1", ["members"] = "nhiều" }));

        Assert.Equal([ResetStartAgain], (await _harness.SendAsync("25")).Texts);
        Assert.Contains(_harness.Logs.Lines, l => l.Message.Contains("could not be restored: JsonException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrupt_child_is_dropped_and_the_parent_asks_its_question_again()
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        await _harness.SendAsync("Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ");
        var stack = _harness.StoredStack!;
        Assert.Equal("prompt.number", stack[2]!["id"]!.GetValue<string>());
        stack[2]!["state"] = new JsonObject { ["options"] = "không phải đối tượng" };
        Store(stack.Select(f => f!.DeepClone()).ToArray());

        var reply = await _harness.SendAsync("80%");

        Assert.Equal([Reset, IndicatorRowDialog.AskTarget], reply.Texts);
        await _harness.SendAsync("80%");
        var row = await _harness.SendAsync("82%");
        Assert.StartsWith("Đã thêm chỉ tiêu «Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ»", row.Texts[0]);
    }

    [Fact]
    public async Task A_broken_parent_takes_its_children_with_it()
    {
        await _harness.StartAsync(ReportDialog.DialogId);
        var stack = _harness.StoredStack!;
        stack[1]!["id"] = "test.indicatorRowRenamed";
        Store(stack.Select(f => f!.DeepClone()).ToArray());

        var reply = await _harness.SendAsync("Tên gì cũng được");

        // The report dialog is re-entered at its "row" step, which begins a fresh row dialog.
        Assert.Equal([Reset, IndicatorRowDialog.AskName], reply.Texts);
        Assert.Contains(_harness.Logs.Lines, l => l.Message.Contains("and 1 frame(s) above it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stack_that_is_not_an_array_is_cleared_with_a_notice()
    {
        _harness.StateJson = """{"dialogStack":"hỏng","other":1}""";

        var reply = await _harness.SendAsync("xin chào");

        Assert.Equal([ResetStartAgain], reply.Texts);
        Assert.Equal("""{"other":1}""", _harness.StateJson);
    }

    [Fact]
    public async Task A_reset_notice_does_not_swallow_a_command_typed_after_it()
    {
        Store(Frame("reports.removedInThisRelease", 1, "write", []));

        var reply = await _harness.SendAsync("trợ giúp");

        // The notice is queued; the bot's own routing then answers the help command.
        Assert.False(reply.Handled);
        Assert.Equal([ResetStartAgain], reply.Texts);
    }

    private void Store(params JsonNode[] frames) =>
        _harness.StateJson = new JsonObject { ["dialogStack"] = new JsonArray(frames) }.ToJsonString();

    private static JsonObject Frame(string id, int version, string? step, JsonObject state) => new()
    {
        ["id"] = id,
        ["version"] = version,
        ["step"] = step,
        ["token"] = "0123456789ab",
        ["state"] = state,
    };
}
