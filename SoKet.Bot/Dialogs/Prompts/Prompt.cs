using System.Globalization;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Dialogs.Prompts;

/// <summary>What every prompt is told: the question, and how it behaves on wrong answers.</summary>
public abstract record PromptOptions
{
    /// <summary>The question; also the card's fallback text when <see cref="Card"/> is set.</summary>
    public required string Text { get; init; }

    /// <summary>Asked after a validation message instead of <see cref="Text"/>.</summary>
    public string? RetryText { get; init; }

    /// <summary>Wrong answers accepted before the prompt gives up (ends without a result).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>A card to send instead of the text (its buttons are stamped with the step token).</summary>
    public JsonObject? Card { get; init; }

    /// <summary>The submitted field holding the answer when the user answers on a card.</summary>
    public string Field { get; init; } = "value";
}

public sealed class PromptState<TOptions> where TOptions : PromptOptions
{
    public TOptions Options { get; set; } = null!;

    public int Attempts { get; set; }
}

/// <summary>A recognised answer, or the Vietnamese message telling the user what is wrong with it.</summary>
public readonly record struct PromptRecognition<TValue>(bool Succeeded, TValue Value, string? Error)
{
    public static PromptRecognition<TValue> Success(TValue value) => new(true, value, null);

    public static PromptRecognition<TValue> Failure(string error) => new(false, default!, error);
}

/// <summary>
/// Asks one question and ends with a <typeparamref name="TValue"/>. A wrong answer gets a message
/// saying why plus the question again; after <see cref="PromptOptions.MaxAttempts"/> wrong answers
/// the prompt says it is pausing and ends without a result. For custom validation, derive a prompt
/// with its own <see cref="IDialog.Id"/>.
/// </summary>
public abstract class Prompt<TValue, TOptions> : Dialog<PromptState<TOptions>> where TOptions : PromptOptions
{
    public sealed override PromptState<TOptions> CreateState(object? options)
    {
        if (options is not TOptions typed)
            throw new ArgumentException($"{GetType().Name} needs {typeof(TOptions).Name} options, not {options?.GetType().Name ?? "null"}.", nameof(options));
        CheckOptions(typed);
        return new PromptState<TOptions> { Options = typed };
    }

    /// <summary>Rejects options the prompt cannot work with, when the prompt is begun rather than when the user answers.</summary>
    protected virtual void CheckOptions(TOptions options)
    {
        if (options.MaxAttempts < 1)
            throw new ArgumentException("MaxAttempts must be at least 1.", nameof(options));
    }

    protected override bool IsValid(PromptState<TOptions> state) => state.Options is not null && state.Attempts >= 0;

    protected sealed override Task OnBeginAsync(DialogContext dc, PromptState<TOptions> state, object? options)
    {
        Ask(dc, state.Options);
        return Task.CompletedTask;
    }

    protected sealed override Task OnRepromptAsync(DialogContext dc, PromptState<TOptions> state)
    {
        Ask(dc, state.Options);
        return Task.CompletedTask;
    }

    protected sealed override Task OnContinueAsync(DialogContext dc, PromptState<TOptions> state)
    {
        var options = state.Options;
        var recognized = Recognize(dc.Input, options);
        if (recognized.Succeeded)
            return dc.EndAsync(recognized.Value);

        state.Attempts++;
        if (state.Attempts >= options.MaxAttempts)
        {
            dc.Turn.SendText(string.Format(CultureInfo.InvariantCulture, DialogTexts.GaveUp, state.Attempts));
            return dc.GiveUpAsync();
        }
        // On a card the user corrects the card already on screen; only the reason is needed.
        dc.Turn.SendText(options.Card is null ? $"{recognized.Error} {options.RetryText ?? QuestionText(options)}" : recognized.Error!);
        return Task.CompletedTask;
    }

    /// <summary>Reads the answer from typed text, or from <see cref="PromptOptions.Field"/> of a card submit.</summary>
    protected virtual PromptRecognition<TValue> Recognize(DialogInput input, TOptions options)
    {
        if (input.Kind != DialogInputKind.Submit)
            return RecognizeText(input.Text, options);
        return input.Value?[options.Field] is JsonValue value
            ? RecognizeValue(value, options)
            : PromptRecognition<TValue>.Failure(PromptTexts.MissingValue);
    }

    protected abstract PromptRecognition<TValue> RecognizeText(string text, TOptions options);

    /// <summary>A value from a card input; strings are read like typed text.</summary>
    protected virtual PromptRecognition<TValue> RecognizeValue(JsonValue value, TOptions options) =>
        value.TryGetValue<string>(out var text)
            ? RecognizeText(text, options)
            : PromptRecognition<TValue>.Failure(PromptTexts.MissingValue);

    /// <summary>The question as text (a choice prompt appends its choices).</summary>
    protected virtual string QuestionText(TOptions options) => options.Text;

    private void Ask(DialogContext dc, TOptions options)
    {
        if (options.Card is { } card)
            dc.Turn.SendCard(DialogCards.Stamp(card, dc.ActiveDialog!.Token), options.Text);
        else
            dc.Turn.SendText(QuestionText(options));
    }
}
