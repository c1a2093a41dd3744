using System.Text.Json.Nodes;

namespace SoKet.Bot.Dialogs;

/// <summary>
/// A multi-turn conversation registered in DI (<c>services.AddDialog&lt;T&gt;()</c>) and found by
/// <see cref="Id"/>. Instances are created per turn and hold nothing per conversation: that lives in
/// the dialog's frame on the stack, so a dialog resumes after a restart on any instance.
/// Derive from <see cref="Dialog{TState}"/> or <see cref="WaterfallDialog{TState}"/> rather than
/// implementing this directly.
/// </summary>
public interface IDialog
{
    /// <summary>Stored in conversation state: renaming it strands nobody (the frame is reset) but loses the step.</summary>
    string Id { get; }

    /// <summary>Schema version of the stored state and step names; bump it when they change incompatibly.</summary>
    int Version { get; }

    /// <summary>Converts a frame stored by an older version; null when no migration exists (the frame is then reset).</summary>
    DialogSnapshot? Upgrade(DialogSnapshot stored);

    bool HasStep(string? step);

    object CreateState(object? options);

    /// <summary>Throws (typically <see cref="System.Text.Json.JsonException"/>) when the stored state is unusable.</summary>
    object RestoreState(JsonObject json);

    JsonObject SaveState(object state);

    Task BeginAsync(DialogContext dc, object? options);

    /// <summary>The user answered (text or card submit) while this dialog was the active one.</summary>
    Task ContinueAsync(DialogContext dc);

    /// <summary>A dialog this one began has ended; it is active again.</summary>
    Task ResumeAsync(DialogContext dc, DialogResult childResult);

    /// <summary>Ask again for what the dialog is waiting for (after an interruption or a reset child).</summary>
    Task RepromptAsync(DialogContext dc);
}

/// <summary>A frame as stored: what <see cref="IDialog.Upgrade"/> receives and returns.</summary>
public sealed record DialogSnapshot(int Version, string? Step, JsonObject State);

/// <summary>How a child dialog ended: with a value, or because the user could not give a valid answer.</summary>
public sealed record DialogResult(bool Completed, object? Value)
{
    public static DialogResult Complete(object? value) => new(true, value);

    public static DialogResult GaveUp { get; } = new(false, null);
}
