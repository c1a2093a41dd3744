using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Assistant;
using SoKet.Bot.Dialogs;
using SoKet.Bot.Dialogs.Prompts;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Tests.Dialogs;

// Dialogs written the way a feature would write them, exercising every part of the engine.

public sealed class UnitProfileState
{
    public string Name { get; set; } = "";

    public int Members { get; set; }
}

/// <summary>Two steps: a text prompt, then a number prompt; ends with a summary.</summary>
public sealed class UnitProfileDialog : WaterfallDialog<UnitProfileState>
{
    public const string DialogId = "test.unitProfile";
    public const string AskName = "Đồng chí cho biết tên đơn vị?";
    public const string AskMembers = "Đơn vị có bao nhiêu đảng viên?";

    public override string Id => DialogId;

    // Version 2 changed the state shape with no migration: frames stored by version 1 are reset.
    public override int Version => 2;

    public UnitProfileDialog()
    {
        AddStep("name",
            ask: s => s.PromptAsync<TextPrompt>(new TextPromptOptions { Text = AskName, MaxLength = 200 }),
            then: s =>
            {
                s.State.Name = s.ResultAs<string>();
                return s.NextAsync();
            });
        AddStep("members",
            ask: s => s.PromptAsync<NumberPrompt>(new NumberPromptOptions { Text = AskMembers, WholeNumber = true, Min = 1, MaxAttempts = 4 }),
            then: s =>
            {
                s.State.Members = (int)s.ResultAs<decimal>();
                s.SendText($"Đã ghi nhận: {s.State.Name}, {s.State.Members} đảng viên.");
                return s.EndAsync(s.State.Members);
            });
    }
}

public sealed record IndicatorRow(string Name, decimal Target, decimal Result);

public sealed class IndicatorRowState
{
    public string Name { get; set; } = "";

    public decimal Target { get; set; }
}

/// <summary>A child dialog: asks for one indicator row and ends with it.</summary>
public sealed class IndicatorRowDialog : WaterfallDialog<IndicatorRowState>
{
    public const string DialogId = "test.indicatorRow";
    public const string AskName = "Tên chỉ tiêu?";
    public const string AskTarget = "Chỉ tiêu nghị quyết đề ra (%)?";
    public const string AskResult = "Kết quả thực hiện (%)?";

    public override string Id => DialogId;

    public IndicatorRowDialog()
    {
        AddStep("name",
            ask: s => s.PromptAsync<TextPrompt>(new TextPromptOptions { Text = AskName }),
            then: s =>
            {
                s.State.Name = s.ResultAs<string>();
                return s.NextAsync();
            });
        AddStep("target",
            ask: s => s.PromptAsync<NumberPrompt>(new NumberPromptOptions { Text = AskTarget, Min = 0 }),
            then: s =>
            {
                s.State.Target = s.ResultAs<decimal>();
                return s.NextAsync();
            });
        AddStep("result",
            ask: s => s.PromptAsync<NumberPrompt>(new NumberPromptOptions { Text = AskResult, Min = 0 }),
            then: s => s.EndAsync(new IndicatorRow(s.State.Name, s.State.Target, s.ResultAs<decimal>())));
    }
}

public sealed class ReportState
{
    public List<IndicatorRow> Rows { get; set; } = [];

    public DateOnly? DraftDue { get; set; }

    public int Submissions { get; set; }
}

/// <summary>
/// A parent dialog: gathers rows through a nested dialog, a yes/no choice, a date, then a card
/// whose button the step waits for directly.
/// </summary>
public sealed class ReportDialog : WaterfallDialog<ReportState>
{
    public const string DialogId = "test.report";
    public const string AskMore = "Đồng chí có muốn thêm chỉ tiêu khác không?";
    public const string AskDue = "Ngày hoàn thành dự thảo?";
    public const string ConfirmTitle = "Xác nhận nộp báo cáo";

    public override string Id => DialogId;

    public ReportDialog()
    {
        AddStep("row",
            ask: s => s.BeginDialogAsync<IndicatorRowDialog>(),
            then: s =>
            {
                var row = s.ResultAs<IndicatorRow>();
                s.State.Rows.Add(row);
                s.SendText($"Đã thêm chỉ tiêu «{row.Name}»: chỉ tiêu {VietnameseNumber.Format(row.Target)}%, đạt {VietnameseNumber.Format(row.Result)}%.");
                return s.NextAsync();
            });
        AddStep("more",
            ask: s => s.PromptAsync<ChoicePrompt>(ChoicePromptOptions.YesNo(AskMore)),
            then: s => s.ResultAs<string>() == "yes" ? s.GoToAsync("row") : s.NextAsync());
        AddStep("due",
            ask: s => s.PromptAsync<DatePrompt>(new DatePromptOptions { Text = AskDue, Min = new DateOnly(2023, 1, 1) }),
            then: s =>
            {
                s.State.DraftDue = s.ResultAs<DateOnly>();
                return s.NextAsync();
            });
        AddStep("confirm",
            ask: s =>
            {
                s.SendCard(ConfirmCard(s.State), ConfirmTitle);
                return s.WaitAsync();
            },
            then: s =>
            {
                if (s.Input.Value?["action"]?.GetValue<string>() != "submit")
                {
                    s.SendText("Đồng chí bấm «Nộp báo cáo» trên thẻ để nộp.");
                    return s.WaitAsync();
                }
                s.State.Submissions++;
                s.SendText($"Đã nộp báo cáo gồm {s.State.Rows.Count} chỉ tiêu, hạn dự thảo {VietnameseDate.Format(s.State.DraftDue!.Value)}.");
                return s.EndAsync(s.State.Rows.Count);
            });
    }

    // Tests build this card in code; a feature binds a template from cards/.
    private static JsonObject ConfirmCard(ReportState state) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = $"{ConfirmTitle}: {state.Rows.Count} chỉ tiêu" }),
        ["actions"] = new JsonArray(
            new JsonObject { ["type"] = "Action.Submit", ["title"] = "Nộp báo cáo", ["data"] = new JsonObject { ["action"] = "submit" } }),
    };
}

public sealed class DraftState
{
    public string Body { get; set; } = "";
}

/// <summary>Version 2 renamed its step "write" → "compose" and its field "text" → "body", with a migration.</summary>
public sealed class DraftDialog : WaterfallDialog<DraftState>
{
    public const string DialogId = "test.draft";

    public override string Id => DialogId;

    public override int Version => 2;

    public DraftDialog()
    {
        AddStep("compose",
            ask: s => s.PromptAsync<TextPrompt>(new TextPromptOptions { Text = "Đồng chí viết thêm nội dung:" }),
            then: s =>
            {
                s.State.Body = $"{s.State.Body} {s.ResultAs<string>()}".Trim();
                s.SendText($"Nội dung: {s.State.Body}");
                return s.EndAsync();
            });
    }

    public override DialogSnapshot? Upgrade(DialogSnapshot stored)
    {
        if (stored.Version != 1)
            return null;
        var state = new JsonObject { ["body"] = stored.State["text"]?.DeepClone() };
        return new DialogSnapshot(2, stored.Step == "write" ? "compose" : stored.Step, state);
    }
}

/// <summary>One question through one prompt, answered back: for checking what a prompt accepts.</summary>
public abstract class ProbeDialog<TPrompt> : WaterfallDialog<ProbeState> where TPrompt : IDialog
{
    protected ProbeDialog()
    {
        AddStep("ask",
            ask: s => s.PromptAsync<TPrompt>(Options),
            then: s =>
            {
                s.SendText(Show(s.Result));
                return s.EndAsync(s.Result);
            });
    }

    public override string Id => $"test.probe.{typeof(TPrompt).Name}";

    protected abstract PromptOptions Options { get; }

    protected virtual string Show(object? result) => $"Nhận: {result}";
}

public sealed class ProbeState;

public sealed class NumberProbe : ProbeDialog<NumberPrompt>
{
    protected override PromptOptions Options => new NumberPromptOptions { Text = "Tỷ lệ đạt được?" };

    protected override string Show(object? result) => $"Nhận: {VietnameseNumber.Format((decimal)result!)}";
}

public sealed class DateProbe : ProbeDialog<DatePrompt>
{
    protected override PromptOptions Options => new DatePromptOptions { Text = "Hạn nộp?" };

    protected override string Show(object? result) => $"Nhận: {VietnameseDate.Format((DateOnly)result!)}";
}

public sealed class YesNoProbe : ProbeDialog<ChoicePrompt>
{
    protected override PromptOptions Options => ChoicePromptOptions.YesNo("Đồng chí xác nhận?");
}

public sealed class CardProbe : ProbeDialog<CardPrompt>
{
    public const string Title = "Lưu mục";

    protected override PromptOptions Options => new CardPromptOptions
    {
        Text = "Mục I. Kết quả thực hiện",
        Card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "Input.Text", ["id"] = "content", ["isMultiline"] = true }),
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Submit", ["title"] = Title, ["data"] = new JsonObject { ["section"] = "I" } }),
        },
        Required = [new CardField("content", "Nội dung mục")],
        AllowText = true,
    };

    protected override string Show(object? result) => result switch
    {
        CardReply { Data: { } data } => $"Đã lưu mục {data["section"]}: {data["content"]}",
        CardReply reply => $"Đã lưu nội dung gõ: {reply.Text}",
        _ => "?",
    };
}

/// <summary>A stand-in for the help command, wired as an interrupt through <see cref="CommandInterrupt"/>.</summary>
public sealed class TestHelpCommand : IBotCommand
{
    public const string Reply = "Hướng dẫn: đồng chí trả lời câu hỏi đang hiển thị, hoặc gõ «hủy» để dừng.";

    public string Name => "help";

    public bool Matches(string foldedText) => foldedText is "tro giup" or "help" || foldedText.StartsWith("huong dan", StringComparison.Ordinal);

    public Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.SendText(Reply);
        return Task.CompletedTask;
    }
}

/// <summary>A deadline question asked mid-flow; answered, then the dialog carries on.</summary>
public sealed class DeadlineQuestionInterrupt : IDialogInterrupt
{
    public const string Reply = "Hạn nộp báo cáo của chi bộ là ngày 30/06/2023.";

    public InterruptMode Mode => InterruptMode.ResumeDialog;

    public bool Matches(string foldedText) => foldedText.Contains("han nop", StringComparison.Ordinal);

    public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.SendText(Reply);
        return Task.CompletedTask;
    }
}

public static class SampleDialogHarness
{
    /// <summary>The engine with every sample dialog, the help command as an interrupt and a deadline-question interrupt.</summary>
    public static DialogTestHarness Create() => new(services =>
    {
        services.AddDialog<UnitProfileDialog>()
            .AddDialog<IndicatorRowDialog>()
            .AddDialog<ReportDialog>()
            .AddDialog<DraftDialog>()
            .AddDialog<NumberProbe>()
            .AddDialog<DateProbe>()
            .AddDialog<YesNoProbe>()
            .AddDialog<CardProbe>();
        services.AddScoped<IBotCommand, TestHelpCommand>();
        services.AddCommandInterrupt("help");
        services.AddDialogInterrupt<DeadlineQuestionInterrupt>();
    });
}
