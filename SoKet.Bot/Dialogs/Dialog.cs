using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Dialogs;

/// <summary>A dialog whose per-conversation state is a <typeparamref name="TState"/>, stored as JSON in its frame.</summary>
public abstract class Dialog<TState> : IDialog where TState : class, new()
{
    public abstract string Id { get; }

    public virtual int Version => 1;

    public virtual DialogSnapshot? Upgrade(DialogSnapshot stored) => null;

    public virtual bool HasStep(string? step) => true;

    public virtual TState CreateState(object? options) => new();

    /// <summary>A last check on restored state, for what JSON alone cannot express.</summary>
    protected virtual bool IsValid(TState state) => true;

    protected abstract Task OnBeginAsync(DialogContext dc, TState state, object? options);

    protected abstract Task OnContinueAsync(DialogContext dc, TState state);

    /// <summary>By default a dialog ends with whatever its child ended with.</summary>
    protected virtual Task OnResumeAsync(DialogContext dc, TState state, DialogResult childResult) =>
        childResult.Completed ? dc.EndAsync(childResult.Value) : dc.GiveUpAsync();

    protected virtual Task OnRepromptAsync(DialogContext dc, TState state) => Task.CompletedTask;

    object IDialog.CreateState(object? options) => CreateState(options);

    object IDialog.RestoreState(JsonObject json)
    {
        var state = json.Deserialize<TState>(DialogJson.Options) ?? throw new JsonException("The stored state is null.");
        return IsValid(state) ? state : throw new JsonException($"The stored state of {Id} failed validation.");
    }

    JsonObject IDialog.SaveState(object state) => JsonSerializer.SerializeToNode((TState)state, DialogJson.Options)!.AsObject();

    Task IDialog.BeginAsync(DialogContext dc, object? options) => OnBeginAsync(dc, StateOf(dc), options);

    Task IDialog.ContinueAsync(DialogContext dc) => OnContinueAsync(dc, StateOf(dc));

    Task IDialog.ResumeAsync(DialogContext dc, DialogResult childResult) => OnResumeAsync(dc, StateOf(dc), childResult);

    Task IDialog.RepromptAsync(DialogContext dc) => OnRepromptAsync(dc, StateOf(dc));

    private static TState StateOf(DialogContext dc) => (TState)dc.ActiveDialog!.State;
}

/// <summary>How dialog state is written into conversation state.</summary>
public static class DialogJson
{
    /// <summary>
    /// camelCase; a null where the type says non-null is treated as corrupt state rather than
    /// surfacing later as a NullReferenceException.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
    };
}
