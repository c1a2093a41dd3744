using System.Globalization;
using SoKet.Bot.Text;

namespace SoKet.Bot.Dialogs.Prompts;

/// <param name="Value">What the prompt ends with, and what a card button submits in its data.</param>
/// <param name="Title">Shown to the user.</param>
/// <param name="Synonyms">Other ways to say it, with or without diacritics (they are folded).</param>
public sealed record PromptChoice(string Value, string Title, IReadOnlyList<string>? Synonyms = null);

public sealed record ChoicePromptOptions : PromptOptions
{
    public required IReadOnlyList<PromptChoice> Choices { get; init; }

    public static PromptChoice Yes { get; } = new("yes", "Có",
        ["co", "dong y", "vang", "da", "u", "uh", "um", "ok", "oke", "okay", "yes", "duoc", "chac chan", "xac nhan", "dung roi", "dung vay", "co chu"]);

    public static PromptChoice No { get; } = new("no", "Không",
        ["khong", "ko", "k", "no", "khong dong y", "chua", "khong can", "khong a"]);

    /// <summary>A yes/no question ending with "yes" or "no".</summary>
    public static ChoicePromptOptions YesNo(string text) => new() { Text = text, Choices = [Yes, No] };
}

/// <summary>
/// One of a few choices, typed by title, value, synonym or number ("co", "Có ạ", "đồng ý", "1"),
/// or clicked on a card whose button data carries the choice's value; ends with that value.
/// </summary>
public sealed class ChoicePrompt : Prompt<string, ChoicePromptOptions>
{
    public const string DialogId = "prompt.choice";

    // Politeness around an answer ("dạ có", "có ạ", "không nhé") changes nothing.
    private static readonly HashSet<string> LeadingParticles = ["da", "vang", "thua"];
    private static readonly HashSet<string> TrailingParticles = ["a", "nhe", "nha", "ha", "roi"];

    public override string Id => DialogId;

    protected override bool IsValid(PromptState<ChoicePromptOptions> state) => base.IsValid(state) && state.Options.Choices.Count > 0;

    protected override void CheckOptions(ChoicePromptOptions options)
    {
        base.CheckOptions(options);
        if (options.Choices.Count == 0)
            throw new ArgumentException("A choice prompt needs at least one choice.", nameof(options));
    }

    protected override string QuestionText(ChoicePromptOptions options) =>
        $"{options.Text}\n\n{string.Join(" · ", options.Choices.Select((c, i) => $"{i + 1}. {c.Title}"))}";

    protected override PromptRecognition<string> RecognizeText(string text, ChoicePromptOptions options)
    {
        var words = VietnameseText.FoldForMatching(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var candidate in Candidates(words))
        {
            if (Match(candidate, options.Choices) is { } choice)
                return PromptRecognition<string>.Success(choice.Value);
        }
        var titles = string.Join(", ", options.Choices.Select(c => c.Title));
        return PromptRecognition<string>.Failure(string.Format(CultureInfo.InvariantCulture, PromptTexts.NotAChoice, DialogTexts.Quote(text), titles));
    }

    private static IEnumerable<string> Candidates(List<string> words)
    {
        yield return string.Join(' ', words);
        var start = 0;
        var end = words.Count;
        while (end - start > 1 && TrailingParticles.Contains(words[end - 1]))
            end--;
        yield return string.Join(' ', words[start..end]);
        while (end - start > 1 && LeadingParticles.Contains(words[start]))
            start++;
        yield return string.Join(' ', words[start..end]);
    }

    private static PromptChoice? Match(string folded, IReadOnlyList<PromptChoice> choices)
    {
        if (folded.Length == 0)
            return null;
        if (int.TryParse(folded, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count)
            return choices[number - 1];
        return choices.FirstOrDefault(c =>
            Fold(c.Value) == folded || Fold(c.Title) == folded || c.Synonyms?.Any(s => Fold(s) == folded) == true);
    }

    private static string Fold(string text) => VietnameseText.FoldForMatching(text);
}
