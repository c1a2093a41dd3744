using SoKet.Bot.Campaigns.Import.Parsing;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Import;

/// <summary>A paragraph of the draft that may be a heading: what it says, how it is numbered or formatted, how sure that is.</summary>
/// <param name="Line">Its index among the draft's non-empty paragraphs.</param>
/// <param name="Continuation">A label alone on its line ("Phần 1") takes the next line as its words: that line's index.</param>
/// <param name="Display">The heading as written, label included, for the card.</param>
/// <param name="StyleKey">How it is numbered or formatted ("Roman", "arabic2", "h1", "bold"…): the same key means the same level in one draft.</param>
/// <param name="RunIn">Text after the heading on the same line ("1. Công tác tuyên giáo: Chi bộ đã…"): the section's first paragraph.</param>
/// <param name="Strength">How much it looks like a heading (a label or a Heading style 1, bold or capitals alone 0.95, a run-in 0.85).</param>
internal sealed record HeadingCandidate(int Line, int? Continuation, string Display, string Words, string? LabelKey, string StyleKey, int? HeadingLevel, string? RunIn, double Strength);

/// <summary>Finds the paragraphs of a draft that may be headings, however the drafter numbered or formatted them.</summary>
internal static class DraftHeadings
{
    /// <summary>A heading is a line, not a paragraph: longer text is content (or a run-in heading, cut at its colon).</summary>
    public const int MaxHeadingChars = 160;

    public const int MaxHeadingWords = 30;

    /// <summary>
    /// "C." and "L." read as roman numerals too; a report's parts run A, B, C and never reach fifty, so a roman
    /// reading above this is taken as the letter. Bullets ("-", "+", "•") are content, never headings.
    /// </summary>
    private const int MaxRomanHeading = 39;

    public static HeadingLabel? PickLabel(IReadOnlyList<HeadingLabel> readings)
    {
        var labels = readings.Where(r => !r.IsBullet).ToList();
        if (labels.Count == 0)
            return null;
        if (labels.Count > 1 && labels[0].Style == LabelStyle.Roman && labels[0].Value > MaxRomanHeading)
            return labels.FirstOrDefault(l => l.Style == LabelStyle.UpperLetter) ?? labels[0];
        return labels[0];
    }

    /// <summary>Candidates among <paramref name="lines"/>[0..<paramref name="end"/>), in order.</summary>
    public static List<HeadingCandidate> Find(IReadOnlyList<DraftParagraph> lines, int end, int max)
    {
        var found = new List<HeadingCandidate>();
        for (var i = 0; i < end && found.Count < max; i++)
        {
            var line = lines[i];
            if (line.InTable)
                continue;
            var text = line.Text;
            var label = PickLabel(NumberingLabel.Parse(text));
            var style = label?.StyleKey
                ?? (line.HeadingLevel is { } level ? "h" + level.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : line.IsBold ? "bold"
                : IsCapitals(text) ? "caps"
                : null);
            if (style is null)
                continue;
            var strength = label is not null || line.HeadingLevel is not null ? 1.0 : 0.95;
            var words = label?.Text ?? text;
            int? continuation = null;
            string? runIn = null;

            if (label is not null && words.Length == 0)
            {
                // "Phần 1" / "PHẦN THỨ NHẤT" on its own line, its title on the next: one heading.
                if (i + 1 < end && !lines[i + 1].InTable && lines[i + 1].Text.Length <= MaxHeadingChars &&
                    PickLabel(NumberingLabel.Parse(lines[i + 1].Text)) is null)
                {
                    words = lines[i + 1].Text;
                    continuation = i + 1;
                }
            }
            else if (words.Length > MaxHeadingChars || WordCount(words) > MaxHeadingWords || (label is not null && HasRunIn(words)))
            {
                // Only a numbered paragraph can carry its heading in front of its text; a long bold or capital line is content.
                if (label is null || RunInCut(words) is not { } cut)
                    continue;
                runIn = words[(cut + 1)..].Trim();
                words = words[..cut].Trim();
                strength = 0.85;
                if (runIn.Length == 0)
                    runIn = null;
            }

            var display = continuation is { } next ? $"{text} {lines[next].Text}" : label is null ? text : $"{label.Label} {words}".Trim();
            found.Add(new HeadingCandidate(i, continuation, display, words, HeadingMatcher.LabelKeyOf(label), style, line.HeadingLevel, runIn, strength));
        }
        return found;
    }

    private static bool IsCapitals(string text) =>
        text.Length <= MaxHeadingChars && WordCount(text) >= 2 && VietnameseText.IsUpperCase(text);

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>"Kết quả: đạt 95%": a colon after a few words, with text after it.</summary>
    private static bool HasRunIn(string words) =>
        RunInCut(words) is { } cut && cut + 1 < words.Length && words[(cut + 1)..].Trim().Length > 0 && words[cut] == ':';

    /// <summary>Where a run-in heading ends: its colon, else the end of its first sentence, within the first <see cref="MaxHeadingChars"/> characters and after two words.</summary>
    private static int? RunInCut(string words)
    {
        var limit = Math.Min(words.Length, MaxHeadingChars);
        var colon = words.IndexOf(':', 0, limit);
        if (colon > 0 && WordCount(words[..colon]) >= 2)
            return colon;
        for (var i = 0; i < limit - 1; i++)
        {
            if (words[i] == '.' && words[i + 1] == ' ' && WordCount(words[..i]) >= 2 && i + 2 < words.Length && char.IsUpper(words[i + 2]))
                return i;
        }
        return null;
    }
}
