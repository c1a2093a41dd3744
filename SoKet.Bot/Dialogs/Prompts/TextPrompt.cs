using System.Globalization;

namespace SoKet.Bot.Dialogs.Prompts;

public sealed record TextPromptOptions : PromptOptions
{
    public int? MaxLength { get; init; }
}

/// <summary>Any non-empty text (line breaks kept); ends with a <see cref="string"/>.</summary>
public sealed class TextPrompt : Prompt<string, TextPromptOptions>
{
    public const string DialogId = "prompt.text";

    public override string Id => DialogId;

    protected override PromptRecognition<string> RecognizeText(string text, TextPromptOptions options)
    {
        var answer = text.Trim();
        if (answer.Length == 0)
            return PromptRecognition<string>.Failure(PromptTexts.EmptyText);
        if (options.MaxLength is { } max && answer.Length > max)
            return PromptRecognition<string>.Failure(string.Format(CultureInfo.InvariantCulture, PromptTexts.TextTooLong, answer.Length, max));
        return PromptRecognition<string>.Success(answer);
    }
}
