using SoKet.Bot.Turns;

namespace SoKet.Bot.Dialogs;

/// <summary>
/// The conversation's dialog stack during one turn. Dialogs move through it (begin a child, end
/// with a result, replace themselves); <see cref="DialogRunner"/> loads it from and saves it to
/// <see cref="TurnContext.State"/>.
/// </summary>
public sealed class DialogContext
{
    /// <summary>Far more step changes than any real turn makes: beyond it a dialog is looping.</summary>
    private const int MaxTransitionsPerTurn = 100;

    private readonly List<DialogInstance> _stack;
    private readonly DialogRegistry _dialogs;
    private int _transitions;

    internal DialogContext(TurnContext turn, DialogInput input, DialogRegistry dialogs, List<DialogInstance> stack, CancellationToken cancellationToken)
    {
        Turn = turn;
        Input = input;
        _dialogs = dialogs;
        _stack = stack;
        CancellationToken = cancellationToken;
    }

    public TurnContext Turn { get; }

    public DialogInput Input { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The top of the stack: the dialog the user is answering; null when idle.</summary>
    public DialogInstance? ActiveDialog => _stack.Count > 0 ? _stack[^1] : null;

    /// <summary>Bottom (the dialog a command started) first.</summary>
    public IReadOnlyList<DialogInstance> Stack => _stack;

    /// <summary>Pushes a dialog onto the stack; it becomes the active one and starts.</summary>
    public Task BeginAsync(string dialogId, object? options = null) => BeginAsync(_dialogs.Get(dialogId), options);

    public Task BeginAsync<TDialog>(object? options = null) where TDialog : IDialog => BeginAsync(_dialogs.Get<TDialog>(), options);

    /// <summary>Hands the current input to the active dialog.</summary>
    public Task ContinueAsync() => ActiveDialog?.Dialog.ContinueAsync(this) ?? Task.CompletedTask;

    /// <summary>Ends the active dialog; its parent, if any, resumes with <paramref name="result"/>.</summary>
    public Task EndAsync(object? result = null) => EndActiveAsync(DialogResult.Complete(result));

    /// <summary>Ends the active dialog without a result; by default parents give up in turn.</summary>
    public Task GiveUpAsync() => EndActiveAsync(DialogResult.GaveUp);

    /// <summary>Ends the active dialog without resuming its parent and begins another in its place.</summary>
    public Task ReplaceAsync(string dialogId, object? options = null)
    {
        var replacement = _dialogs.Get(dialogId);
        if (_stack.Count > 0)
            _stack.RemoveAt(_stack.Count - 1);
        return BeginAsync(replacement, options);
    }

    public Task CancelAllAsync()
    {
        _stack.Clear();
        return Task.CompletedTask;
    }

    /// <summary>Asks the active dialog to repeat its question, keeping its step token.</summary>
    public Task RepromptAsync() => ActiveDialog?.Dialog.RepromptAsync(this) ?? Task.CompletedTask;

    internal static void RenewToken(DialogInstance instance) => instance.Token = DialogInstance.NewToken();

    /// <summary>
    /// A step that moves to itself unconditionally would recurse until the process dies of a stack
    /// overflow, which no handler can catch; failing the turn instead keeps the bot up.
    /// </summary>
    internal void CountTransition()
    {
        if (++_transitions > MaxTransitionsPerTurn)
            throw new InvalidOperationException($"Dialog {ActiveDialog?.Id} moved more than {MaxTransitionsPerTurn} times in one turn; its steps loop.");
    }

    private Task BeginAsync(IDialog dialog, object? options)
    {
        CountTransition();
        _stack.Add(new DialogInstance(dialog, DialogInstance.NewToken(), step: null, dialog.CreateState(options)));
        return dialog.BeginAsync(this, options);
    }

    private Task EndActiveAsync(DialogResult result)
    {
        if (_stack.Count == 0)
            return Task.CompletedTask;
        _stack.RemoveAt(_stack.Count - 1);
        return ActiveDialog?.Dialog.ResumeAsync(this, result) ?? Task.CompletedTask;
    }
}
