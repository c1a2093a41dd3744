namespace SoKet.Bot.Drafting;

public enum SuggestionSource
{
    /// <summary>Written by the configured language model and checked for grounding.</summary>
    Model,

    /// <summary>Written by <see cref="DeterministicDrafter"/> (no provider configured, or the model failed).</summary>
    Deterministic,
}

/// <summary>Tokens a suggestion cost, summed over its attempts, as the provider reported them.</summary>
public sealed record TokenUsage(int Input, int Output, int Total)
{
    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.Input + b.Input, a.Output + b.Output, a.Total + b.Total);
}

/// <summary>
/// A suggested text for one section. The caller shows <see cref="Text"/> as a suggestion to accept, edit, regenerate
/// or discard, and shows every notice; a suggestion never replaces the section's text by itself.
/// </summary>
public sealed record Suggestion
{
    public required string Text { get; init; }

    public required SuggestionSource Source { get; init; }

    /// <summary>What the user must know, in Vietnamese, one line each (a fallback, sentences dropped, missing figures…).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Sentences of the model's answer removed because they used figures the inputs do not contain.</summary>
    public IReadOnlyList<string> DroppedSentences { get; init; } = [];

    /// <summary>The model or deployment asked, when a model was asked (also after a fallback).</summary>
    public string? Model { get; init; }

    public string? PromptVersion { get; init; }

    /// <summary>Null when no model answered.</summary>
    public TokenUsage? Tokens { get; init; }
}

/// <summary>Suggests a draft for an evaluative section of a unit's report.</summary>
public interface ISectionSuggester
{
    /// <summary>
    /// Never throws for provider problems (timeout, HTTP error, throttling, empty or malformed answer): it falls back to
    /// the deterministic drafter with a notice. Only the caller's own cancellation ends it with
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="onPartial">
    /// Called with the text so far while a model streams (each call carries the whole text so far, for Teams'
    /// streaming messages): only complete sentences whose figures are grounded, and each call extends the previous one.
    /// The returned <see cref="Suggestion.Text"/> is final and may differ (a regenerated answer, a fallback). Not
    /// called for deterministic drafts.
    /// </param>
    Task<Suggestion> SuggestAsync(DraftingRequest request, Action<string>? onPartial, CancellationToken cancellationToken);
}

/// <summary>The suggester used when no provider is configured.</summary>
public sealed class DeterministicSectionSuggester(DeterministicDrafter drafter) : ISectionSuggester
{
    public Task<Suggestion> SuggestAsync(DraftingRequest request, Action<string>? onPartial, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var draft = drafter.Draft(request);
        return Task.FromResult(new Suggestion { Text = draft.Text, Source = SuggestionSource.Deterministic, Notices = draft.Notices });
    }
}
