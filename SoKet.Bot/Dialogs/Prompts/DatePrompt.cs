using System.Globalization;

namespace SoKet.Bot.Dialogs.Prompts;

public sealed record DatePromptOptions : PromptOptions
{
    public DateOnly? Min { get; init; }

    public DateOnly? Max { get; init; }
}

/// <summary>A date typed day first (see <see cref="VietnameseDate"/>); ends with a <see cref="DateOnly"/>.</summary>
public sealed class DatePrompt : Prompt<DateOnly, DatePromptOptions>
{
    public const string DialogId = "prompt.date";

    public override string Id => DialogId;

    protected override PromptRecognition<DateOnly> RecognizeText(string text, DatePromptOptions options)
    {
        switch (VietnameseDate.TryParse(text, out var date))
        {
            case DateParseOutcome.NotADate:
                return Failure(PromptTexts.NotADate, DialogTexts.Quote(text));
            case DateParseOutcome.NoSuchDay:
                return Failure(PromptTexts.NoSuchDay, DialogTexts.Quote(text));
        }
        return (options.Min, options.Max) switch
        {
            ({ } min, { } max) when date < min || date > max => Failure(PromptTexts.DateBetween, VietnameseDate.Format(min), VietnameseDate.Format(max)),
            ({ } min, null) when date < min => Failure(PromptTexts.DateFrom, VietnameseDate.Format(min)),
            (null, { } max) when date > max => Failure(PromptTexts.DateUntil, VietnameseDate.Format(max)),
            _ => PromptRecognition<DateOnly>.Success(date),
        };
    }

    private static PromptRecognition<DateOnly> Failure(string template, params object[] args) =>
        PromptRecognition<DateOnly>.Failure(string.Format(CultureInfo.InvariantCulture, template, args));
}
