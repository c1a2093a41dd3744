using System.Globalization;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Dialogs.Prompts;

/// <param name="Id">The input's id on the card.</param>
/// <param name="Label">How the field is named to the user when it is left empty.</param>
public sealed record CardField(string Id, string Label);

public sealed record CardPromptOptions : PromptOptions
{
    /// <summary>Inputs that must not be left empty.</summary>
    public IReadOnlyList<CardField> Required { get; init; } = [];

    /// <summary>Whether typing in the chat instead of using the card is an answer too (a section typed as a message).</summary>
    public bool AllowText { get; init; }
}

/// <summary>What the user gave a card prompt: the card's data and inputs, or typed text.</summary>
public sealed record CardReply(JsonObject? Data, string? Text);

/// <summary>Sends <see cref="PromptOptions.Card"/> and waits for one of its buttons; ends with a <see cref="CardReply"/>.</summary>
public sealed class CardPrompt : Prompt<CardReply, CardPromptOptions>
{
    public const string DialogId = "prompt.card";

    public override string Id => DialogId;

    protected override bool IsValid(PromptState<CardPromptOptions> state) => base.IsValid(state) && state.Options.Card is not null;

    protected override void CheckOptions(CardPromptOptions options)
    {
        base.CheckOptions(options);
        if (options.Card is null)
            throw new ArgumentException("A card prompt needs a card.", nameof(options));
    }

    protected override PromptRecognition<CardReply> Recognize(DialogInput input, CardPromptOptions options)
    {
        if (input.Kind != DialogInputKind.Submit)
            return RecognizeText(input.Text, options);
        var data = input.Value ?? [];
        var missing = options.Required.Where(f => IsEmpty(data[f.Id])).Select(f => f.Label).ToList();
        return missing.Count == 0
            ? PromptRecognition<CardReply>.Success(new CardReply(data, null))
            : PromptRecognition<CardReply>.Failure(string.Format(CultureInfo.InvariantCulture, PromptTexts.MissingCardFields, string.Join(", ", missing)));
    }

    protected override PromptRecognition<CardReply> RecognizeText(string text, CardPromptOptions options) =>
        options.AllowText && text.Length > 0
            ? PromptRecognition<CardReply>.Success(new CardReply(null, text))
            : PromptRecognition<CardReply>.Failure(PromptTexts.UseTheCard);

    private static bool IsEmpty(JsonNode? node) =>
        node is null || (node is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s));
}
