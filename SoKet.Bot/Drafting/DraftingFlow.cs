using System.Text.Json.Nodes;
using SoKet.Bot.Audit;
using SoKet.Bot.Cards;
using SoKet.Bot.Drafting.Suggestions;
using SoKet.Bot.Reports;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting;

/// <summary>Which card the drafter is looking at.</summary>
public enum DraftingView { Overview, Section, Indicators, SubmitConfirm }

/// <summary>The drafting flow's state in the conversation: ids only; the text belongs to the report.</summary>
public sealed class DraftingState
{
    public Guid ReportId { get; set; }
    public DraftingView View { get; set; }
    public Guid? SectionId { get; set; }
    public Guid? EditRowId { get; set; }
    public string? IndicatorError { get; set; }

    /// <summary>The indicator form as the user filled it when it was refused, shown again under the error.</summary>
    public Dictionary<string, string>? IndicatorInput { get; set; }

    /// <summary>What the last step did, shown once on the next card (with the version an undo would take back).</summary>
    public string? Notice { get; set; }
    public Guid? UndoSectionId { get; set; }
    public int? UndoVersion { get; set; }

    /// <summary>A short typed line waiting for "Thêm" / "Không".</summary>
    public string? PendingText { get; set; }
}

/// <summary>
/// The drafter's flow on cards: overview, one section at a time, the indicator table, submission. Each route
/// loads the report once, does its work (staged, stored with the turn) and shows the next card, whose buttons
/// carry a fresh flow token: a double-clicked button is answered "already handled" and changes nothing twice.
/// </summary>
public sealed class DraftingFlow(ReportService reports, OwnedIds ids, DraftingCards cards, DraftViewer viewer, ReviewWorkflow review, CardCatalog catalog, SuggestionQueue suggestions,
    IEnumerable<IPastedDraftHandler> pastedDrafts)
{
    public const string Name = "drafting";

    /// <summary>The schema of <see cref="DraftingState"/>; a state stored by another schema is dropped and the user told.</summary>
    public const int Version = 1;

    public const string Save = "report.save";
    public const string SaveNext = "report.saveNext";
    public const string Open = "report.open";
    public const string Back = "report.back";
    public const string Skip = "report.skip";
    public const string Overview = "report.overview";
    public const string Indicators = "report.indicators";
    public const string EditIndicator = "report.editIndicator";
    public const string DeleteIndicator = "report.deleteIndicator";
    public const string SaveIndicator = "report.saveIndicator";
    public const string Suggest = "report.suggest";
    public const string ViewAll = "report.viewAll";
    public const string Review = "report.review";
    public const string Submit = "report.submit";
    public const string ConfirmSubmit = "report.confirmSubmit";
    public const string Typed = "report.typed";
    public const string Undo = "report.undo";
    public const string AppendPending = "report.appendPending";
    public const string DiscardPending = "report.discardPending";

    /// <summary>
    /// A typed line shorter than this may be a mistyped command or a reply to someone else: it is confirmed before it
    /// joins the report. A paragraph is content.
    /// </summary>
    public const int MinContentWords = 6;

    /// <summary>However few its words, a line this long is content.</summary>
    public const int MinContentChars = 60;

    /// <summary>Opens the flow on <paramref name="view"/> (from an entry command) and shows the card for <paramref name="state"/>.</summary>
    public async Task StartAsync(TurnContext turn, ReportView view, DraftingState state, CancellationToken cancellationToken) =>
        await ShowAsync(turn, state, view, cancellationToken);

    public Task SaveAsync(TurnContext turn, CancellationToken cancellationToken) => SaveFromCardAsync(turn, next: false, cancellationToken);

    public Task SaveNextAsync(TurnContext turn, CancellationToken cancellationToken) => SaveFromCardAsync(turn, next: true, cancellationToken);

    public Task OpenAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, view) =>
    {
        if (turn.Input.GuidField("sectionId") is { } sectionId)
            OpenSection(state, view, sectionId);
        return Task.CompletedTask;
    });


    public Task BackAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, view) => Move(turn, state, view, -1));

    public Task SkipAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, view) => Move(turn, state, view, +1));

    public Task OverviewAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, _) =>
    {
        state.View = DraftingView.Overview;
        return Task.CompletedTask;
    });

    public Task IndicatorsAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, _) =>
    {
        state.View = DraftingView.Indicators;
        state.EditRowId = null;
        return Task.CompletedTask;
    });

    public Task EditIndicatorAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, view) =>
    {
        state.View = DraftingView.Indicators;
        // Only a row of this report can be edited; any other id shows the table as it is.
        state.EditRowId = OwnedIds.Row(view, turn.Input.GuidField("rowId"))?.Id;
        return Task.CompletedTask;
    });

    public Task DeleteIndicatorAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, view) =>
    {
        if (turn.Input.GuidField("rowId") is { } rowId)
        {
            switch (reports.DeleteIndicator(view, rowId, Actor(turn)))
            {
                case SaveResultKind.ReadOnly:
                    turn.SendText(DraftingTexts.ReadOnly);
                    break;
                case SaveResultKind.NotFound:
                    turn.SendText(DraftingTexts.IndicatorNotDeleted);
                    break;
            }
        }
        state.View = DraftingView.Indicators;
        state.EditRowId = null;
        return Task.CompletedTask;
    });

    public Task SaveIndicatorAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, view) =>
    {
        state.View = DraftingView.Indicators;
        var parsed = IndicatorForm.Parse(turn.Input.Data);
        if (parsed.Error is { } error)
        {
            state.IndicatorError = error;
            state.IndicatorInput = IndicatorForm.Typed(turn.Input.Data);
            return Task.CompletedTask;
        }
        if (turn.Input.GuidField("rowId") is { } rowId)
        {
            switch (reports.UpdateIndicator(view, rowId, turn.Input.IntField("version"), parsed.Input!, Actor(turn)))
            {
                case SaveResultKind.Conflict:
                    turn.SendText("Chỉ tiêu này vừa được đồng chí khác sửa. Số liệu mới nhất được hiển thị lại dưới đây; đồng chí kiểm tra và nhập lại nếu cần.");
                    break;
                case SaveResultKind.ReadOnly:
                    turn.SendText(DraftingTexts.ReadOnly);
                    break;
                case SaveResultKind.NotFound:
                    turn.SendText(DraftingTexts.IndicatorNotSaved);
                    break;
            }
        }
        else if (reports.AddIndicator(view, parsed.Input!, Actor(turn)) is null)
        {
            turn.SendText(DraftingTexts.ReadOnly);
        }
        state.EditRowId = null;
        return Task.CompletedTask;
    });

    /// <summary>The model may take longer than a channel waits for a turn: acknowledged now, delivered proactively.</summary>
    public async Task SuggestAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await LoadAsync(turn, cancellationToken) is not (_, { } view))
            return;
        if (OwnedIds.Section(view, turn.Input.GuidField("sectionId")) is { } section)
            SuggestionChat.Request(suggestions, turn, view.Report.Id, section.Id);
        // The card on screen keeps working: nothing changed, so no new card is needed.
    }

    public async Task ViewAllAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await LoadAsync(turn, cancellationToken) is not (_, { } view))
            return;
        foreach (var message in viewer.Render(view, await reports.CommentsAsync(view.Report.Id, cancellationToken)))
            turn.SendText(message);
    }

    public Task ReviewAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, async (state, view) =>
    {
        await review.SendForReviewAsync(turn, view, Actor(turn), cancellationToken);
        state.View = DraftingView.Overview;
    });

    public Task SubmitAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, async (state, view) =>
        state.View = await SubmissionViewAsync(turn, view, cancellationToken));

    /// <summary>
    /// "Xác nhận nộp": only the unit's submitter, only the version the card showed, and — while the leader has the
    /// draft for comments — only with "Vẫn nộp, không chờ ý kiến".
    /// </summary>
    public Task ConfirmSubmitAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, async (state, view) =>
    {
        state.View = DraftingView.Overview;
        if (view.IsSubmitted)
        {
            turn.SendText(DraftingTexts.AlreadySubmitted(view.Report));
            return;
        }
        if (await review.WhyNotSubmitterAsync(turn.User, view, cancellationToken) is { } refusal)
        {
            turn.SendText(refusal);
            return;
        }
        var shown = turn.Input.IntField("version");
        if (shown != view.Report.Version)
        {
            turn.SendText($"Báo cáo vừa được cập nhật sau khi đồng chí mở thẻ xác nhận (phiên bản {shown} → {view.Report.Version}) nên chưa được nộp. " +
                "Đề nghị đồng chí xem lại nội dung mới nhất trên thẻ dưới đây rồi xác nhận nộp.");
            state.View = DraftingView.SubmitConfirm;
            return;
        }
        if (view.Report.Status == ReportStatus.InReview && turn.Input.Field("withoutReview") != "true")
        {
            state.View = DraftingView.SubmitConfirm;
            return;
        }
        await review.SubmitAsync(turn, view, Actor(turn), cancellationToken);
    });

    /// <summary>The submission card for a submitter; for anyone else, why not (and the overview).</summary>
    internal async Task<DraftingView> SubmissionViewAsync(TurnContext turn, ReportView view, CancellationToken cancellationToken)
    {
        if (view.IsSubmitted)
        {
            turn.SendText(DraftingTexts.AlreadySubmitted(view.Report));
            return DraftingView.Overview;
        }
        if (await review.WhyNotSubmitterAsync(turn.User, view, cancellationToken) is { } refusal)
        {
            turn.SendText(refusal);
            return DraftingView.Overview;
        }
        return DraftingView.SubmitConfirm;
    }

    /// <summary>
    /// Typed text no command took. In a section view a paragraph joins the section (appended to what is there) and
    /// the next section opens, like a questionnaire; a short line is confirmed first. Elsewhere: a hint.
    /// </summary>
    public async Task TypedAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await LoadAsync(turn, cancellationToken) is not ({ } state, { } view))
            return;
        // A whole draft pasted here (its headings naming several sections) is offered for import, not put into one section.
        foreach (var pasted in pastedDrafts)
            if (await pasted.TryTakeAsync(turn, view, cancellationToken))
                return;
        if (state.View != DraftingView.Section || view.Entry(state.SectionId) is not { IsWritable: true, IsIndicatorTable: false } entry)
        {
            turn.SendText(DraftingTexts.Hint);
            return;
        }
        if (view.IsSubmitted)
        {
            turn.SendText(DraftingTexts.ReadOnly);
            return;
        }
        if (turn.Input.CommandLikeText is not null || (turn.Input.WordCount < MinContentWords && turn.Input.Text.Length < MinContentChars))
        {
            state.PendingText = turn.Input.Text;
            turn.Flow.Set(Name, Version, state);
            turn.ShowFlowCard(cards.RenderAppendConfirm(view, entry, turn.Input.Text, turn.Input.CommandLikeText), $"Thêm đoạn này vào mục «{view.Label(entry)}»?");
            return;
        }
        await AppendAsync(turn, state, view, entry, turn.Input.Text, cancellationToken);
    }

    /// <summary>Typed text is content of the report only while a section is open (the routing table's <c>TakesProse</c>).</summary>
    public static bool TakesProse(FlowState flow) =>
        flow.Get<DraftingState>(Name, Version) is { View: DraftingView.Section, SectionId: not null };

    /// <summary>"Thêm" on the confirmation of a short line.</summary>
    public async Task AppendPendingAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await LoadAsync(turn, cancellationToken) is not ({ } state, { } view))
            return;
        var text = state.PendingText;
        state.PendingText = null;
        if (string.IsNullOrWhiteSpace(text) || view.Entry(state.SectionId) is not { IsWritable: true, IsIndicatorTable: false } entry)
        {
            await ShowAsync(turn, state, view, cancellationToken);
            return;
        }
        await AppendAsync(turn, state, view, entry, text, cancellationToken);
    }

    /// <summary>"Không": the line is dropped and the section shown as it was.</summary>
    public Task DiscardPendingAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, (state, _) =>
    {
        state.PendingText = null;
        state.Notice = "Đã bỏ qua đoạn vừa gõ; nội dung mục giữ nguyên.";
        return Task.CompletedTask;
    });

    /// <summary>"Hoàn tác" on a saved section: its text returns to what it was before that save.</summary>
    public Task UndoAsync(TurnContext turn, CancellationToken cancellationToken) => StepAsync(turn, cancellationToken, async (state, view) =>
    {
        if (turn.Input.GuidField("sectionId") is not { } sectionId || view.Entry(sectionId) is not { IsWritable: true } entry)
            return;
        var result = await reports.UndoAsync(view, sectionId, turn.Input.IntField("version"), Actor(turn), cancellationToken);
        state.SectionId = entry.Id;
        state.View = DraftingView.Section;
        state.Notice = result.Kind switch
        {
            SaveResultKind.Saved or SaveResultKind.Unchanged => $"Đã hoàn tác lần lưu vừa rồi: mục «{view.Label(entry)}» trở lại nội dung trước đó.",
            SaveResultKind.ReadOnly => DraftingTexts.ReadOnly,
            SaveResultKind.TooLong => DraftingTexts.TooLong(view.Label(entry)),
            _ => $"Mục «{view.Label(entry)}» đã được sửa sau lần lưu đó nên không hoàn tác được; nội dung mới nhất hiển thị dưới đây.",
        };
    });

    private async Task AppendAsync(TurnContext turn, DraftingState state, ReportView view, OutlineEntry entry, string typed, CancellationToken cancellationToken)
    {
        var draft = view.DraftOf(entry.Id);
        var appended = !string.IsNullOrWhiteSpace(draft?.Text);
        var text = appended ? draft!.Text + "\n\n" + typed : typed;
        var result = reports.SaveSection(view, entry.Id, draft?.Version ?? 0, text, DraftSource.Typed, Actor(turn));
        state.SectionId = entry.Id;
        state.View = DraftingView.Section;
        if (result.Kind == SaveResultKind.Saved)
        {
            state.Notice = appended ? $"Đã nối thêm đoạn vào cuối mục «{view.Label(entry)}»." : $"Đã lưu nội dung mục «{view.Label(entry)}».";
            state.UndoSectionId = entry.Id;
            state.UndoVersion = result.Current!.Version;
            await Move(turn, state, view, +1, stayAtEnd: true);
        }
        else if (result.Kind == SaveResultKind.TooLong)
        {
            turn.SendText(appended ? DraftingTexts.TooLongToAppend(view.Label(entry)) : DraftingTexts.TooLong(view.Label(entry)));
        }
        await ShowAsync(turn, state, view, cancellationToken);
    }

    private async Task SaveFromCardAsync(TurnContext turn, bool next, CancellationToken cancellationToken)
    {
        if (await LoadAsync(turn, cancellationToken) is not ({ } state, { } view))
            return;
        await SaveSectionAsync(turn, state, view, turn.Input.GuidField("sectionId") ?? state.SectionId ?? Guid.Empty,
            turn.Input.IntField("version"), turn.Input.Field("text") ?? "", next, cancellationToken);
    }

    private async Task SaveSectionAsync(TurnContext turn, DraftingState state, ReportView view, Guid sectionId, int version, string text, bool next, CancellationToken cancellationToken)
    {
        var entry = view.Entry(sectionId);
        if (entry is not { IsWritable: true })
        {
            state.View = DraftingView.Overview;
            await ShowAsync(turn, state, view, cancellationToken);
            return;
        }
        var result = reports.SaveSection(view, entry.Id, version, text, DraftSource.Typed, Actor(turn));
        state.SectionId = entry.Id;
        state.View = DraftingView.Section;
        switch (result.Kind)
        {
            case SaveResultKind.Conflict:
                var conflict = DraftingTexts.Conflict(view.Label(entry), result.Current, ReportService.NormalizeDraft(text), turn.User.PersonId);
                turn.SendCard(catalog.Render(NoticeCard.TemplateName, conflict), conflict.Title);
                break;
            case SaveResultKind.ReadOnly:
                turn.SendText(DraftingTexts.ReadOnly);
                state.View = DraftingView.Overview;
                break;
            case SaveResultKind.TooLong:
                // The section stays open with what it had; "next" does not move on past a text that was not saved.
                turn.SendText(DraftingTexts.TooLong(view.Label(entry)));
                break;
            default:
                if (result.Kind == SaveResultKind.Saved)
                {
                    state.Notice = $"Đã lưu mục «{view.Label(entry)}».";
                    state.UndoSectionId = entry.Id;
                    state.UndoVersion = result.Current!.Version;
                }
                if (next)
                    await Move(turn, state, view, +1);
                break;
        }
        await ShowAsync(turn, state, view, cancellationToken);
    }

    /// <summary>True when the conversation's drafting flow shows <paramref name="sectionId"/> of the report: its card is on screen.</summary>
    public static bool IsShowing(TurnContext turn, Guid reportId, Guid sectionId) =>
        turn.Flow.Get<DraftingState>(Name, Version) is { View: DraftingView.Section } state && state.ReportId == reportId && state.SectionId == sectionId;

    /// <summary>
    /// The section's card after a change made outside the cards (the section editor): the flow (re)opens on that
    /// section with <paramref name="notice"/> on top, and an undo of <paramref name="undoVersion"/> when given.
    /// </summary>
    public async Task ShowSectionAsync(TurnContext turn, ReportView view, Guid sectionId, string notice, int? undoVersion, CancellationToken cancellationToken)
    {
        var state = turn.Flow.Get<DraftingState>(Name, Version) is { } active && active.ReportId == view.Report.Id
            ? active
            : new DraftingState { ReportId = view.Report.Id };
        state.View = DraftingView.Section;
        state.SectionId = sectionId;
        state.PendingText = null;
        state.Notice = notice;
        state.UndoSectionId = undoVersion is null ? null : sectionId;
        state.UndoVersion = undoVersion;
        ReportService.SetLastSection(view, sectionId);
        await ShowAsync(turn, state, view, cancellationToken);
    }

    /// <summary>Loads the flow's state and report, runs <paramref name="step"/>, then shows the card the state now names.</summary>
    private async Task StepAsync(TurnContext turn, CancellationToken cancellationToken, Func<DraftingState, ReportView, Task> step)
    {
        if (await LoadAsync(turn, cancellationToken) is not ({ } state, { } view))
            return;
        await step(state, view);
        await ShowAsync(turn, state, view, cancellationToken);
    }

    private async Task<(DraftingState State, ReportView View)?> LoadAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var state = turn.Flow.Get<DraftingState>(Name, Version);
        if (state is null)
        {
            turn.Answer(TurnTexts.FlowReset);
            return null;
        }
        var view = await ids.DraftableReportAsync(turn, state.ReportId, cancellationToken);
        if (view is null)
        {
            turn.Flow.End();
            turn.Answer(DraftingTexts.NotInUnit);
            return null;
        }
        return (state, view);
    }

    private async Task ShowAsync(TurnContext turn, DraftingState state, ReportView view, CancellationToken cancellationToken)
    {
        var needsComments = state.View is DraftingView.Overview or DraftingView.Section;
        var comments = needsComments ? await reports.CommentsAsync(view.Report.Id, cancellationToken) : [];
        JsonObject card;
        string fallback;
        switch (state.View)
        {
            case DraftingView.Section when view.Entry(state.SectionId) is { IsWritable: true, IsIndicatorTable: false } entry:
                card = cards.RenderSection(view, entry, comments, state.Notice is { } notice ? new SectionNotice(notice, state.UndoSectionId, state.UndoVersion) : null);
                fallback = view.Label(entry);
                state.Notice = null;
                break;
            case DraftingView.Section or DraftingView.Indicators:
                state.View = DraftingView.Indicators;
                card = cards.RenderIndicators(view, state.EditRowId, state.IndicatorError, state.IndicatorInput,
                    state.Notice is { } saved ? new SectionNotice(saved, state.UndoSectionId, state.UndoVersion) : null);
                state.IndicatorInput = null;
                state.Notice = null;
                // A form error is shown once, on the card that follows the bad submit.
                state.IndicatorError = null;
                fallback = "Phụ lục chỉ tiêu";
                break;
            case DraftingView.SubmitConfirm:
                card = cards.RenderSubmitConfirm(view, await reports.ReportDeadlineAsync(view.Report, view.Unit.GroupId, cancellationToken));
                fallback = "Xác nhận nộp báo cáo";
                break;
            default:
                state.View = DraftingView.Overview;
                card = cards.RenderOverview(view, comments);
                fallback = "Mục lục báo cáo";
                break;
        }
        // Other cards have no place for the note: it goes just before them.
        if (state.Notice is { } pending)
            turn.SendText(pending);
        state.Notice = null;
        state.UndoSectionId = null;
        state.UndoVersion = null;
        turn.Flow.Set(Name, Version, state);
        turn.ShowFlowCard(card, fallback);
    }

    private static void OpenSection(DraftingState state, ReportView view, Guid sectionId)
    {
        var entry = view.Entry(sectionId);
        if (entry is not { IsWritable: true })
        {
            state.View = DraftingView.Overview;
            return;
        }
        state.SectionId = entry.Id;
        state.View = entry.IsIndicatorTable ? DraftingView.Indicators : DraftingView.Section;
        ReportService.SetLastSection(view, entry.Id);
    }

    private static Task Move(TurnContext turn, DraftingState state, ReportView view, int delta, bool stayAtEnd = false)
    {
        var writable = view.Writable.ToList();
        if (writable.Count == 0)
        {
            state.View = DraftingView.Overview;
            return Task.CompletedTask;
        }
        var current = writable.FindIndex(e => e.Id == state.SectionId);
        var index = (current < 0 ? 0 : current) + delta;
        if (stayAtEnd && index >= writable.Count)
            return Task.CompletedTask;
        if (index < 0 || index >= writable.Count)
        {
            if (delta > 0)
                turn.SendText("Đồng chí đã soạn đến mục cuối của đề cương. Đồng chí có thể xem toàn bộ, gửi xin ý kiến hoặc nộp báo cáo.");
            state.View = DraftingView.Overview;
            return Task.CompletedTask;
        }
        OpenSection(state, view, writable[index].Id);
        return Task.CompletedTask;
    }

    private static Actor Actor(TurnContext turn) => new(turn.User.PersonId, turn.User.DisplayName);
}
