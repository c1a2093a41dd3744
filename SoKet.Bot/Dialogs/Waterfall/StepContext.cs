using System.Text.Json.Nodes;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Dialogs;

/// <summary>What a waterfall step sees and can do.</summary>
public sealed class StepContext<TState> where TState : class, new()
{
    private readonly WaterfallDialog<TState> _dialog;
    private readonly DialogInstance _instance;

    internal StepContext(WaterfallDialog<TState> dialog, DialogContext dc, DialogInstance instance, TState state, object? result)
    {
        _dialog = dialog;
        _instance = instance;
        Dialogs = dc;
        State = state;
        Result = result;
    }

    public DialogContext Dialogs { get; }

    public TurnContext Turn => Dialogs.Turn;

    /// <summary>The user's own answer when the step waited for it directly (no child).</summary>
    public DialogInput Input => Dialogs.Input;

    public CancellationToken CancellationToken => Dialogs.CancellationToken;

    /// <summary>The dialog's state: change it freely, it is saved at the end of the turn.</summary>
    public TState State { get; }

    public string StepName => _instance.Step!;

    /// <summary>The value the child (prompt or dialog) this step began ended with.</summary>
    public object? Result { get; }

    /// <summary>This step's token, for stamping card data by hand (see <see cref="DialogCards.Stamp"/>).</summary>
    public string Token => _instance.Token;

    public T ResultAs<T>() => Result is T value
        ? value
        : throw new InvalidOperationException($"Step '{StepName}' of {_dialog.Id} expected a {typeof(T).Name} result but got {Result?.GetType().Name ?? "null"}.");

    public void SendText(string text) => Turn.SendText(text);

    /// <summary>Sends a card whose buttons answer this step: its submits come back to <c>then</c> as <see cref="Input"/>.</summary>
    public void SendCard(JsonObject card, string? fallbackText = null) => Turn.SendCard(DialogCards.Stamp(card, Token), fallbackText);

    public Task PromptAsync<TPrompt>(Prompts.PromptOptions options) where TPrompt : IDialog => Dialogs.BeginAsync<TPrompt>(options);

    public Task BeginDialogAsync<TDialog>(object? options = null) where TDialog : IDialog => Dialogs.BeginAsync<TDialog>(options);

    public Task BeginDialogAsync(string dialogId, object? options = null) => Dialogs.BeginAsync(dialogId, options);

    public Task NextAsync() => _dialog.EnterAsync(Dialogs, _instance, State, _dialog.IndexOf(StepName) + 1, renewToken: true);

    public Task GoToAsync(string stepName) => _dialog.EnterAsync(Dialogs, _instance, State, _dialog.IndexOf(stepName), renewToken: true);

    /// <summary>Enters this step afresh (a new token: cards from the previous round stop working).</summary>
    public Task RepeatAsync() => GoToAsync(StepName);

    /// <summary>Stays on this step until the user answers again (after a validation message, say).</summary>
    public Task WaitAsync() => Task.CompletedTask;

    public Task EndAsync(object? result = null) => EnsureActive().EndAsync(result);

    public Task GiveUpAsync() => EnsureActive().GiveUpAsync();

    public Task ReplaceAsync(string dialogId, object? options = null) => EnsureActive().ReplaceAsync(dialogId, options);

    public Task CancelAllAsync() => Dialogs.CancelAllAsync();

    private DialogContext EnsureActive() =>
        ReferenceEquals(Dialogs.ActiveDialog, _instance)
            ? Dialogs
            : throw new InvalidOperationException($"Step '{StepName}' of {_dialog.Id} tried to end its dialog while another dialog was active.");
}
