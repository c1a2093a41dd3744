using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Dialogs.Prompts;

public sealed record NumberPromptOptions : PromptOptions
{
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public bool WholeNumber { get; init; }

    /// <summary>Whether "95,5%" is accepted (as 95.5).</summary>
    public bool AllowPercent { get; init; } = true;
}

/// <summary>A number typed the Vietnamese way (see <see cref="VietnameseNumber"/>); ends with a <see cref="decimal"/>.</summary>
public sealed class NumberPrompt : Prompt<decimal, NumberPromptOptions>
{
    public const string DialogId = "prompt.number";

    public override string Id => DialogId;

    protected override PromptRecognition<decimal> RecognizeText(string text, NumberPromptOptions options)
    {
        if (!VietnameseNumber.TryParse(text, out var value, out var isPercent))
            return PromptRecognition<decimal>.Failure(string.Format(CultureInfo.InvariantCulture, PromptTexts.NotANumber, DialogTexts.Quote(text)));
        if (isPercent && !options.AllowPercent)
            return PromptRecognition<decimal>.Failure(PromptTexts.PercentNotExpected);
        return Validate(value, options);
    }

    /// <summary>An Input.Number submits a JSON number, already unambiguous.</summary>
    protected override PromptRecognition<decimal> RecognizeValue(JsonValue value, NumberPromptOptions options) =>
        value.GetValueKind() == JsonValueKind.Number && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? Validate(number, options)
            : base.RecognizeValue(value, options);

    private static PromptRecognition<decimal> Validate(decimal value, NumberPromptOptions options)
    {
        if (options.WholeNumber && value != decimal.Truncate(value))
            return PromptRecognition<decimal>.Failure(PromptTexts.NotAWholeNumber);
        var error = (options.Min, options.Max) switch
        {
            ({ } min, { } max) when value < min || value > max => Format(PromptTexts.NumberBetween, min, max),
            ({ } min, null) when value < min => Format(PromptTexts.NumberAtLeast, min),
            (null, { } max) when value > max => Format(PromptTexts.NumberAtMost, max),
            _ => null,
        };
        return error is null ? PromptRecognition<decimal>.Success(value) : PromptRecognition<decimal>.Failure(error);
    }

    private static string Format(string template, params decimal[] values) =>
        string.Format(CultureInfo.InvariantCulture, template, values.Select(VietnameseNumber.Format).ToArray<object>());
}
