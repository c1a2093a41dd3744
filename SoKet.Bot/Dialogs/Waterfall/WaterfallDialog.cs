namespace SoKet.Bot.Dialogs;

/// <summary>
/// A dialog made of named steps run in order. Each step has an <c>ask</c> part, run when the step
/// is entered (and again after an interruption or a reset child, so keep it free of side effects
/// that must not repeat), which usually begins a prompt or a child dialog, or sends a stamped card
/// and waits; and a <c>then</c> part, run with the child's result or with the user's direct
/// answer, which stores it in <typeparamref name="TState"/> and moves on. Step names are stored:
/// renaming or removing one resets users who were on it unless <see cref="Dialog{TState}.Upgrade"/>
/// maps it.
/// </summary>
public abstract class WaterfallDialog<TState> : Dialog<TState> where TState : class, new()
{
    private readonly List<WaterfallStep<TState>> _steps = [];

    /// <param name="name">Stored in conversation state; keep it stable across deploys.</param>
    /// <param name="ask">Entering the step: prompt, begin a child, send a card and wait, or move on.</param>
    /// <param name="then">The answer arrived (<see cref="StepContext{TState}.Result"/> from a child, or
    /// <see cref="StepContext{TState}.Input"/> directly); null moves to the next step.</param>
    /// <param name="gaveUp">The child ended without an answer; null ends this dialog the same way.</param>
    protected void AddStep(string name, Func<StepContext<TState>, Task> ask, Func<StepContext<TState>, Task>? then = null, Func<StepContext<TState>, Task>? gaveUp = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_steps.Exists(s => s.Name == name))
            throw new ArgumentException($"{GetType().Name} already has a step named '{name}'.", nameof(name));
        _steps.Add(new WaterfallStep<TState>(name, ask, then, gaveUp));
    }

    public sealed override bool HasStep(string? step) => _steps.Exists(s => s.Name == step);

    protected sealed override Task OnBeginAsync(DialogContext dc, TState state, object? options)
    {
        if (_steps.Count == 0)
            throw new InvalidOperationException($"{GetType().Name} has no steps.");
        return EnterAsync(dc, dc.ActiveDialog!, state, 0, renewToken: false);
    }

    protected sealed override Task OnContinueAsync(DialogContext dc, TState state)
    {
        var (instance, step) = Current(dc);
        return step.Then is null
            ? EnterAsync(dc, instance, state, IndexOf(step.Name) + 1, renewToken: true)
            : step.Then(new StepContext<TState>(this, dc, instance, state, result: null));
    }

    protected sealed override Task OnResumeAsync(DialogContext dc, TState state, DialogResult childResult)
    {
        var (instance, step) = Current(dc);
        var context = new StepContext<TState>(this, dc, instance, state, childResult.Value);
        if (!childResult.Completed)
            return step.GaveUp is null ? dc.GiveUpAsync() : step.GaveUp(context);
        return step.Then is null
            ? EnterAsync(dc, instance, state, IndexOf(step.Name) + 1, renewToken: true)
            : step.Then(context);
    }

    /// <summary>Re-enters the current step; its cards keep their token, so a card already on screen still works.</summary>
    protected sealed override Task OnRepromptAsync(DialogContext dc, TState state)
    {
        var (instance, step) = Current(dc);
        return EnterAsync(dc, instance, state, IndexOf(step.Name), renewToken: false);
    }

    internal Task EnterAsync(DialogContext dc, DialogInstance instance, TState state, int index, bool renewToken)
    {
        if (!ReferenceEquals(dc.ActiveDialog, instance))
            throw new InvalidOperationException($"A step of {Id} tried to move on while another dialog was active.");
        dc.CountTransition();
        if (index >= _steps.Count)
            return dc.EndAsync(null);
        var step = _steps[index];
        instance.Step = step.Name;
        if (renewToken)
            DialogContext.RenewToken(instance);
        return step.Ask(new StepContext<TState>(this, dc, instance, state, result: null));
    }

    internal int IndexOf(string stepName)
    {
        var index = _steps.FindIndex(s => s.Name == stepName);
        return index >= 0 ? index : throw new ArgumentException($"{GetType().Name} has no step named '{stepName}'.", nameof(stepName));
    }

    private (DialogInstance Instance, WaterfallStep<TState> Step) Current(DialogContext dc)
    {
        var instance = dc.ActiveDialog!;
        return (instance, _steps[IndexOf(instance.Step!)]);
    }
}

internal sealed record WaterfallStep<TState>(
    string Name,
    Func<StepContext<TState>, Task> Ask,
    Func<StepContext<TState>, Task>? Then,
    Func<StepContext<TState>, Task>? GaveUp) where TState : class, new();
