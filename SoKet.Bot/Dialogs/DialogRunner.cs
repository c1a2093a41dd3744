using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Dialogs;

/// <summary>
/// Runs the conversation's dialog stack for a turn. The bot calls <see cref="TryContinueAsync"/>
/// before its own command routing; commands start dialogs with <see cref="StartAsync"/>.
/// </summary>
public sealed partial class DialogRunner(DialogRegistry dialogs, IEnumerable<IDialogInterrupt> interrupts, ILogger<DialogRunner> logger)
{
    /// <summary>Longer typed messages are answers for the dialog, never interrupts.</summary>
    public const int MaxInterruptWords = 12;

    /// <summary>
    /// Gives the turn to the active dialog, if any. Returns false when no dialog took it (nothing
    /// active, a card button without a step token such as a command button, a non-message activity):
    /// the caller then routes it as usual. Returns true when the turn was answered here, including
    /// interrupts, cancellation and submits from cards whose step has already been handled.
    /// </summary>
    public async Task<bool> TryContinueAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var input = DialogInput.From(turn.Activity);
        if (input.Kind == DialogInputKind.None)
            return false;
        var (dc, wasReset) = Open(turn, input, notifyReset: true, cancellationToken);
        var handled = await RouteAsync(dc, wasReset);
        Save(dc);
        return handled;
    }

    /// <summary>Starts <paramref name="dialogId"/> as the only dialog, dropping anything the user left unfinished.</summary>
    public async Task StartAsync(TurnContext turn, string dialogId, object? options, CancellationToken cancellationToken)
    {
        // Whatever was unfinished is replaced anyway, so a reset of it needs no notice.
        var (dc, _) = Open(turn, DialogInput.From(turn.Activity), notifyReset: false, cancellationToken);
        await dc.CancelAllAsync();
        await dc.BeginAsync(dialogId, options);
        Save(dc);
    }

    public Task StartAsync<TDialog>(TurnContext turn, object? options, CancellationToken cancellationToken) where TDialog : IDialog =>
        StartAsync(turn, dialogs.Get<TDialog>().Id, options, cancellationToken);

    /// <summary>The id of the dialog the user is in, as stored; null when idle.</summary>
    public static string? ActiveDialogId(TurnContext turn) =>
        DialogStackStore.Read(turn.State) is { Count: > 0 } frames ? frames[^1].Id : null;

    private async Task<bool> RouteAsync(DialogContext dc, bool wasReset)
    {
        var input = dc.Input;
        if (input.Kind == DialogInputKind.Submit)
        {
            if (input.StepToken is null)
                return false;
            if (dc.ActiveDialog?.Token == input.StepToken)
            {
                await dc.ContinueAsync();
                return true;
            }
            if (wasReset)
                await dc.RepromptAsync();
            else
                IgnoreStaleSubmit(dc);
            return true;
        }

        if (FindInterrupt(input.FoldedText) is { } interrupt)
            return await InterruptAsync(dc, interrupt, wasReset);

        if (dc.ActiveDialog is null)
            return wasReset;
        // After a reset the input was meant for the dropped step: the parent asks its question again instead.
        if (wasReset)
            await dc.RepromptAsync();
        else
            await dc.ContinueAsync();
        return true;
    }

    private async Task<bool> InterruptAsync(DialogContext dc, IDialogInterrupt interrupt, bool wasReset)
    {
        if (interrupt.Mode == InterruptMode.CancelDialogs)
        {
            if (dc.ActiveDialog is null && !wasReset)
            {
                dc.Turn.SendText(DialogTexts.NothingToCancel);
                return true;
            }
            await dc.CancelAllAsync();
            await interrupt.HandleAsync(dc.Turn, dc.CancellationToken);
            return true;
        }

        // Idle: the bot's own routing answers (the same command is usually registered there too).
        if (dc.ActiveDialog is null)
            return false;
        await interrupt.HandleAsync(dc.Turn, dc.CancellationToken);
        await dc.RepromptAsync();
        return true;
    }

    private IDialogInterrupt? FindInterrupt(string foldedText)
    {
        if (foldedText.Length == 0 || foldedText.Count(c => c == ' ') >= MaxInterruptWords)
            return null;
        return interrupts.FirstOrDefault(i => i.Matches(foldedText));
    }

    private void IgnoreStaleSubmit(DialogContext dc)
    {
        LogStaleSubmit(dc.Input.StepToken, dc.ActiveDialog?.Id);
        if (dc.Input.IsInvoke)
            dc.Turn.InvokeResponse = InvokeResponse.Message(DialogTexts.AlreadyHandled);
        else
            dc.Turn.SendText(DialogTexts.AlreadyHandled);
    }

    /// <summary>
    /// Loads the stack, keeping frames up to the first one this build cannot run (unknown id,
    /// newer or unmigratable schema, removed step, state that does not deserialize). That frame and
    /// those above it are dropped and the user is told, so a deploy never strands anyone mid-flow.
    /// </summary>
    private (DialogContext Context, bool WasReset) Open(TurnContext turn, DialogInput input, bool notifyReset, CancellationToken cancellationToken)
    {
        var stack = new List<DialogInstance>();
        var wasReset = false;
        var stored = DialogStackStore.Read(turn.State);
        if (stored is null)
        {
            LogMalformedStack();
            wasReset = true;
        }
        else
        {
            foreach (var frame in stored)
            {
                var instance = TryRestore(frame, out var reason);
                if (instance is null)
                {
                    LogFrameDropped(frame.Id ?? "(none)", frame.Version, stored.Count - stack.Count - 1, reason);
                    wasReset = true;
                    break;
                }
                stack.Add(instance);
            }
        }

        if (wasReset && notifyReset)
            turn.SendText(stack.Count > 0 ? DialogTexts.StepReset : DialogTexts.StepResetStartAgain);
        return (new DialogContext(turn, input, dialogs, stack, cancellationToken), wasReset);
    }

    private DialogInstance? TryRestore(StoredFrame frame, out string reason)
    {
        if (frame.Id is null || !dialogs.TryGet(frame.Id, out var dialog))
        {
            reason = "no dialog with this id is registered";
            return null;
        }
        if (frame.State is null)
        {
            reason = "the frame has no state object";
            return null;
        }
        if (frame.Version > dialog.Version)
        {
            reason = $"it was stored by a newer schema than this build's version {dialog.Version}";
            return null;
        }

        var snapshot = new DialogSnapshot(frame.Version, frame.Step, frame.State);
        try
        {
            if (snapshot.Version < dialog.Version)
            {
                snapshot = dialog.Upgrade(snapshot)!;
                if (snapshot is null)
                {
                    reason = $"there is no migration to schema version {dialog.Version}";
                    return null;
                }
            }
            if (!dialog.HasStep(snapshot.Step))
            {
                reason = $"step '{snapshot.Step}' no longer exists";
                return null;
            }
            var state = dialog.RestoreState(snapshot.State);
            reason = "";
            return new DialogInstance(dialog, frame.Token ?? DialogInstance.NewToken(), snapshot.Step, state);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a migration or deserializer throws, the user must get out of the broken step.
            reason = $"its state could not be restored: {ex.GetType().Name}: {ex.Message}";
            return null;
        }
    }

    private static void Save(DialogContext dc) => DialogStackStore.Write(dc.Turn.State, dc.Stack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped dialog frame {DialogId} (schema version {StoredVersion}) and {FramesAbove} frame(s) above it: {Reason}")]
    private partial void LogFrameDropped(string dialogId, int storedVersion, int framesAbove, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored dialog stack is not a JSON array; it was cleared")]
    private partial void LogMalformedStack();

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a card submit for step token {StepToken}; the active dialog is {ActiveDialogId}")]
    private partial void LogStaleSubmit(string? stepToken, string? activeDialogId);
}
