using System.Text.Json.Nodes;
using SoKet.Bot.Cards;
using SoKet.Bot.Dialogs;
using SoKet.Bot.Dialogs.Prompts;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting;

/// <summary>Which card the drafter is looking at.</summary>
public enum DraftingView { Overview, Section, Indicators, SubmitConfirm }

/// <summary>Conversation state of the drafting flow: ids only; the text belongs to the report.</summary>
public sealed class DraftingState
{
    public Guid ReportId { get; set; }
    public DraftingView View { get; set; }
    public Guid? SectionId { get; set; }
    public Guid? EditRowId { get; set; }
    public string? IndicatorError { get; set; }
}

/// <summary>What a command asks the drafting flow to open with.</summary>
public sealed record DraftingOptions(Guid ReportId, DraftingView View, Guid? SectionId = null);

/// <summary>
/// The drafter's flow on cards: overview, one section at a time, the indicator table, submission.
/// One waiting step; each button press does its work against the report (stored before the bot
/// answers) and re-enters the step with a fresh token, so a double-clicked button is answered
/// "already handled" by the engine and changes nothing twice.
/// </summary>
public sealed class DraftingDialog : WaterfallDialog<DraftingState>
{
    public const string DialogId = "drafting.report";
    private readonly ReportService reports;
    private readonly DraftingCards cards;
    private readonly DraftViewer viewer;
    private readonly ReviewWorkflow review;
    private readonly PeopleService people;
    private readonly CardCatalog catalog;
    private readonly IServiceProvider services;

    public DraftingDialog(
        ReportService reports, DraftingCards cards, DraftViewer viewer, ReviewWorkflow review, PeopleService people, CardCatalog catalog, IServiceProvider services)
    {
        this.services = services;
        this.reports = reports;
        this.cards = cards;
        this.viewer = viewer;
        this.review = review;
        this.people = people;
        this.catalog = catalog;
        AddStep("card", ShowAsync, HandleAsync);
    }

    public override string Id => DialogId;

    public override DraftingState CreateState(object? options) => options is DraftingOptions o
        ? new DraftingState { ReportId = o.ReportId, View = o.View, SectionId = o.SectionId }
        : new DraftingState();

    private async Task ShowAsync(StepContext<DraftingState> s)
    {
        var view = await reports.LoadAsync(s.State.ReportId, s.CancellationToken);
        if (view is null)
        {
            s.SendText("Không tìm thấy báo cáo này. Đồng chí gõ «soạn báo cáo» để mở lại.");
            await s.EndAsync();
            return;
        }
        var comments = await reports.CommentsAsync(view.Report.Id, s.CancellationToken);
        JsonObject card;
        string fallback;
        switch (s.State.View)
        {
            case DraftingView.Section when view.Writable.FirstOrDefault(e => e.Id == s.State.SectionId) is { } entry && !entry.IsIndicatorTable:
                card = cards.RenderSection(view, entry, comments);
                fallback = entry.Title;
                break;
            case DraftingView.Section or DraftingView.Indicators:
                s.State.View = DraftingView.Indicators;
                card = cards.RenderIndicators(view, s.State.EditRowId, PendingError(s));
                fallback = "Phụ lục chỉ tiêu";
                break;
            case DraftingView.SubmitConfirm:
                card = cards.RenderSubmitConfirm(view, await reports.ReportDeadlineAsync(view.Report, s.CancellationToken));
                fallback = "Xác nhận nộp báo cáo";
                break;
            default:
                card = cards.RenderOverview(view, comments);
                fallback = "Mục lục báo cáo";
                break;
        }
        Show(s, card, fallback);
    }

    /// <summary>Action.Execute replaces the clicked card through the invoke response; anything else gets a new message.</summary>
    private static void Show(StepContext<DraftingState> s, JsonObject card, string fallback)
    {
        if (s.Input.IsInvoke && s.Turn.Activity.Type == ActivityTypes.Invoke)
            s.Turn.InvokeResponse = InvokeResponse.Card(DialogCards.Stamp(card, s.Token));
        else
            s.SendCard(card, fallback);
    }

    private async Task HandleAsync(StepContext<DraftingState> s)
    {
        var user = await people.ResolveAsync(s.Turn.Activity, s.CancellationToken);
        var view = await reports.LoadAsync(s.State.ReportId, s.CancellationToken);
        if (view is null || !user.IsMemberOf(view.Unit.Id))
        {
            s.SendText("Đồng chí không còn trong danh sách thành viên của đơn vị soạn báo cáo này. Đề nghị liên hệ văn phòng cấp ủy.");
            await s.EndAsync();
            return;
        }
        var actor = new Actor(user.PersonId, user.DisplayName);
        var input = s.Input;
        var action = input.Kind == DialogInputKind.Submit ? Str(input.Value, "action") : TypedAction(input.FoldedText);

        switch (action)
        {
            case "save" or "saveNext":
                await SaveAsync(s, view, actor, Guid.TryParse(Str(input.Value, "sectionId"), out var id) ? id : s.State.SectionId,
                    Int(input.Value, "version"), Str(input.Value, "text") ?? "", next: action == "saveNext");
                return;
            case "open" when Guid.TryParse(Str(input.Value, "sectionId"), out var open):
                await OpenAsync(s, view, open);
                break;
            case "resume":
                if (DraftingCards.ResumeEntry(view) is { } resume && view.Report.Status != ReportStatus.Submitted)
                    await OpenAsync(s, view, resume.Id);
                else
                    s.State.View = DraftingView.Overview;
                break;
            case "back" or "skip":
                await StepAsync(s, view, action == "skip" ? 1 : -1);
                break;
            case "overview":
                s.State.View = DraftingView.Overview;
                break;
            case "indicators":
                s.State.View = DraftingView.Indicators;
                s.State.EditRowId = null;
                break;
            case "editIndicator" when Guid.TryParse(Str(input.Value, "rowId"), out var row):
                s.State.View = DraftingView.Indicators;
                s.State.EditRowId = row;
                break;
            case "deleteIndicator" when Guid.TryParse(Str(input.Value, "rowId"), out var row):
                if (await reports.DeleteIndicatorAsync(row, actor, s.CancellationToken) == SaveResultKind.ReadOnly)
                    s.SendText(DraftingTexts.ReadOnly);
                s.State.View = DraftingView.Indicators;
                s.State.EditRowId = null;
                break;
            case "saveIndicator":
                await SaveIndicatorAsync(s, actor, input.Value ?? []);
                break;
            case "suggest" when Guid.TryParse(Str(input.Value, "sectionId"), out var suggestFor):
                // The model may take longer than a channel waits for a turn: acknowledge now, deliver proactively.
                Suggestions.SuggestionCommand.Request(s.Turn, services.GetRequiredService<Suggestions.SuggestionQueue>(), user, view.Report.Id, suggestFor);
                await s.WaitAsync();
                return;
            case "viewAll":
                foreach (var message in viewer.Render(view, await reports.CommentsAsync(view.Report.Id, s.CancellationToken)))
                    s.SendText(message);
                // The card on screen keeps working: nothing changed, so no new card is needed.
                await s.WaitAsync();
                return;
            case "review":
                await review.SendForReviewAsync(s.Turn, view, actor, s.CancellationToken);
                s.State.View = DraftingView.Overview;
                break;
            case "submit":
                s.State.View = view.Report.Status == ReportStatus.Submitted ? DraftingView.Overview : DraftingView.SubmitConfirm;
                if (view.Report.Status == ReportStatus.Submitted)
                    s.SendText(DraftingTexts.AlreadySubmitted(view.Report));
                break;
            case "confirmSubmit":
                await review.SubmitAsync(s.Turn, view, actor, s.CancellationToken);
                s.State.View = DraftingView.Overview;
                break;
            case null when input.Kind == DialogInputKind.Text && OtherCommand(input.FoldedText) is { } command:
                // Another request typed mid-flow ("đợt sơ kết nào đang mở") is answered, not pasted into the section.
                await command.ExecuteAsync(s.Turn, s.CancellationToken);
                await s.WaitAsync();
                return;
            case null when input.Kind == DialogInputKind.Text && s.State.View == DraftingView.Section && input.Text.Length > 0:
                await SaveTypedAsync(s, view, actor, input.Text);
                return;
            default:
                s.SendText(DraftingTexts.Hint);
                await s.WaitAsync();
                return;
        }
        await s.RepeatAsync();
    }

    private async Task SaveAsync(StepContext<DraftingState> s, ReportView view, Actor actor, Guid? sectionId, int version, string text, bool next)
    {
        var entry = view.Writable.FirstOrDefault(e => e.Id == sectionId);
        if (entry is null)
        {
            s.State.View = DraftingView.Overview;
            await s.RepeatAsync();
            return;
        }
        var result = await reports.SaveSectionAsync(view.Report.Id, entry.Id, version, text, DraftSource.Typed, actor, s.CancellationToken);
        s.State.SectionId = entry.Id;
        s.State.View = DraftingView.Section;
        switch (result.Kind)
        {
            case SaveResultKind.Conflict:
                s.Turn.SendCard(catalog.Render(NoticeCard.TemplateName, DraftingTexts.Conflict(entry, result.Current, text)), "Mục này vừa được đồng chí khác lưu");
                break;
            case SaveResultKind.ReadOnly:
                s.SendText(DraftingTexts.ReadOnly);
                s.State.View = DraftingView.Overview;
                break;
            default:
                if (result.Kind == SaveResultKind.Saved)
                    s.SendText($"Đã lưu mục «{entry.Title}».");
                if (next)
                    await MoveAsync(s, view, entry, +1);
                break;
        }
        await s.RepeatAsync();
    }

    /// <summary>On a phone, typing in the chat is easier than in a card: the message is added to the section as a new paragraph.</summary>
    private async Task SaveTypedAsync(StepContext<DraftingState> s, ReportView view, Actor actor, string typed)
    {
        var draft = view.DraftOf(s.State.SectionId ?? Guid.Empty);
        var text = string.IsNullOrWhiteSpace(draft?.Text) ? typed : draft!.Text + "\n\n" + typed;
        await SaveAsync(s, view, actor, s.State.SectionId, draft?.Version ?? 0, text, next: false);
    }

    private async Task SaveIndicatorAsync(StepContext<DraftingState> s, Actor actor, JsonObject value)
    {
        s.State.View = DraftingView.Indicators;
        var parsed = IndicatorForm.Parse(value);
        if (parsed.Error is { } error)
        {
            s.State.IndicatorError = error;
            return;
        }
        if (Guid.TryParse(Str(value, "rowId"), out var rowId))
        {
            var outcome = await reports.UpdateIndicatorAsync(rowId, Int(value, "version"), parsed.Input!, actor, s.CancellationToken);
            if (outcome == SaveResultKind.Conflict)
                s.SendText("Chỉ tiêu này vừa được đồng chí khác sửa. Số liệu mới nhất được hiển thị lại dưới đây; đồng chí kiểm tra và nhập lại nếu cần.");
            else if (outcome == SaveResultKind.ReadOnly)
                s.SendText(DraftingTexts.ReadOnly);
        }
        else if (await reports.AddIndicatorAsync(s.State.ReportId, parsed.Input!, actor, s.CancellationToken) is null)
        {
            s.SendText(DraftingTexts.ReadOnly);
        }
        s.State.EditRowId = null;
    }

    /// <summary>A form error is shown once, on the card that follows the bad submit.</summary>
    private static string? PendingError(StepContext<DraftingState> s)
    {
        var error = s.State.IndicatorError;
        s.State.IndicatorError = null;
        return error;
    }

    private async Task OpenAsync(StepContext<DraftingState> s, ReportView view, Guid sectionId)
    {
        var entry = view.Writable.FirstOrDefault(e => e.Id == sectionId);
        if (entry is null)
        {
            s.State.View = DraftingView.Overview;
            return;
        }
        s.State.SectionId = entry.Id;
        s.State.View = entry.IsIndicatorTable ? DraftingView.Indicators : DraftingView.Section;
        await reports.SetLastSectionAsync(view.Report.Id, entry.Id, s.CancellationToken);
    }

    private async Task StepAsync(StepContext<DraftingState> s, ReportView view, int delta)
    {
        var current = view.Writable.FirstOrDefault(e => e.Id == s.State.SectionId) ?? view.Writable.First();
        await MoveAsync(s, view, current, delta);
    }

    private async Task MoveAsync(StepContext<DraftingState> s, ReportView view, OutlineEntry from, int delta)
    {
        var writable = view.Writable.ToList();
        var index = writable.FindIndex(e => e.Id == from.Id) + delta;
        if (index < 0 || index >= writable.Count)
        {
            if (delta > 0)
                s.SendText("Đồng chí đã soạn đến mục cuối của đề cương. Đồng chí có thể xem toàn bộ, gửi xin ý kiến hoặc nộp báo cáo.");
            s.State.View = DraftingView.Overview;
            return;
        }
        await OpenAsync(s, view, writable[index].Id);
    }

    /// <summary>Resolved per call: commands depend on the dialog runner, which depends on this dialog.</summary>
    private Assistant.IBotCommand? OtherCommand(string folded) =>
        folded.Length == 0 ? null : services.GetServices<Assistant.IBotCommand>().FirstOrDefault(c => c is not DraftingEntryCommand && c.Matches(folded));

    internal static string? TypedAction(string folded) => folded switch
    {
        _ when folded.StartsWith("soan bao cao", StringComparison.Ordinal) || folded.StartsWith("viet bao cao", StringComparison.Ordinal) => "resume",
        _ when folded.StartsWith("xem toan bo", StringComparison.Ordinal) || folded == "xem ban nhap" => "viewAll",
        _ when folded.StartsWith("nop bao cao", StringComparison.Ordinal) => "submit",
        _ when folded.StartsWith("gui xin y kien", StringComparison.Ordinal) || folded == "xin y kien" => "review",
        "chi tieu" or "bang chi tieu" or "phu luc" or "phu luc chi tieu" => "indicators",
        "muc luc" or "tong quan" or "muc khac" => "overview",
        "bo qua" or "muc tiep" or "tiep" => "skip",
        "quay lai" or "muc truoc" => "back",
        _ => null,
    };

    private static string? Str(JsonObject? value, string name) =>
        value?[name] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;

    private static int Int(JsonObject? value, string name) =>
        int.TryParse(Str(value, name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
}
