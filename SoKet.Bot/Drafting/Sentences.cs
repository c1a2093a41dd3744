using System.Text;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>A sentence of a text: its words without the line's list marker, and where it sits.</summary>
public sealed record Sentence(string Text, int Line, int Start, int Length);

/// <summary>
/// Splits report prose into sentences the way a reader would drop them: line by line, a list marker ("-", "1.",
/// "2.1.", "a)", "II.") belongs to its line and is never a sentence, and a sentence ends at ". ", "; ", "! ", "? "
/// (Party documents end list items with ";"). Decimal points and grouped thousands ("1.234,5") never split.
/// </summary>
public static partial class Sentences
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase) { "TP", "TX", "Tp", "đ/c", "v.v", "ThS", "TS", "PGS", "GS" };

    public static IReadOnlyList<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var offset = 0;
        for (var lineNo = 0; lineNo < lines.Length; lineNo++)
        {
            var line = lines[lineNo];
            var bodyStart = ListMarker().Match(line) is { Success: true } marker ? marker.Length : 0;
            var start = bodyStart;
            foreach (Match match in Boundary().Matches(line, bodyStart))
            {
                var gap = match.Groups["gap"];
                if (EndsWithAbbreviation(line, gap.Index))
                    continue;
                Add(sentences, line, lineNo, offset, start, gap.Index);
                start = gap.Index + gap.Length;
            }

            Add(sentences, line, lineNo, offset, start, line.Length);
            offset += line.Length + 1;
        }

        return sentences;
    }

    /// <summary>
    /// The text without the given sentences. A line left with only its list marker goes too, so a dropped bullet
    /// leaves no empty "- ".
    /// </summary>
    public static string Remove(string text, IReadOnlyCollection<Sentence> drop)
    {
        if (drop.Count == 0)
            return text;

        var dropped = drop.Select(s => (s.Line, s.Start)).ToHashSet();
        var byLine = Split(text).GroupBy(s => s.Line).ToDictionary(g => g.Key, g => g.ToList());
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder(text.Length);
        for (var lineNo = 0; lineNo < lines.Length; lineNo++)
        {
            var line = lines[lineNo];
            var all = byLine.GetValueOrDefault(lineNo) ?? [];
            var kept = all.Where(s => !dropped.Contains((s.Line, s.Start))).ToList();
            if (kept.Count == all.Count)
            {
                output.Append(line).Append('\n');
                continue;
            }

            if (kept.Count == 0)
                continue;

            var marker = ListMarker().Match(line) is { Success: true } m ? m.Value : "";
            output.Append(marker).AppendJoin(' ', kept.Select(s => s.Text)).Append('\n');
        }

        return TextLines.Normalize(output.ToString());
    }

    /// <summary>The text up to the end of its last complete sentence (a streamed answer's settled part).</summary>
    public static string CompletePart(string text)
    {
        var lastNewline = text.LastIndexOf('\n');
        var lastBoundary = Boundary().Matches(text).Select(m => m.Groups["gap"]).LastOrDefault(gap => !EndsWithAbbreviation(text, gap.Index));
        var end = Math.Max(lastNewline, lastBoundary?.Index ?? -1);
        return end < 0 ? "" : text[..end].TrimEnd();
    }

    private static void Add(List<Sentence> sentences, string line, int lineNo, int offset, int start, int end)
    {
        var raw = line[start..end];
        var trimmed = raw.Trim();
        if (trimmed.Length == 0)
            return;
        var lead = raw.Length - raw.TrimStart().Length;
        sentences.Add(new Sentence(trimmed, lineNo, offset + start + lead, trimmed.Length));
    }

    private static bool EndsWithAbbreviation(string line, int boundaryIndex)
    {
        var end = boundaryIndex;
        while (end > 0 && line[end - 1] is '.' or '"' or '”' or ')')
            end--;
        var wordStart = end;
        while (wordStart > 0 && !char.IsWhiteSpace(line[wordStart - 1]))
            wordStart--;
        return line[end..Math.Min(end + 1, line.Length)] == "." && Abbreviations.Contains(line[wordStart..end]);
    }

    // Both patterns avoid lookarounds so the non-backtracking engine runs them, in time linear in the line: a model's
    // streamed answer and a unit's pasted text are split on every update.
    [GeneratedRegex(@"^\s*(?:[-–—•+*]|\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-zđ][.)]|[IVXLC]{1,5}[.)]|[Mm]ột là,|[Hh]ai là,|[Bb]a là,|[Bb]ốn là,|[Nn]ăm là,)\s+", RegexOptions.NonBacktracking)]
    private static partial Regex ListMarker();

    // The sentence's terminator (and any closing quote or bracket) stays with the sentence; the spaces, group "gap",
    // are the boundary. Terminators and closers are never spaces, so each gap is a whole run of spaces, as it was
    // when the terminator was a lookbehind.
    [GeneratedRegex(@"[.!?;…][""”’)\]]*(?<gap>\s+)", RegexOptions.NonBacktracking)]
    private static partial Regex Boundary();
}

/// <summary>Multi-line text tidied for matching and display: NFC, single spaces, no blank-line runs, line breaks kept.</summary>
public static class TextLines
{
    public static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(VietnameseText.CleanLine);
        var output = new StringBuilder(text.Length);
        var blank = true;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (!blank)
                    output.Append('\n');
                blank = true;
                continue;
            }

            output.Append(line).Append('\n');
            blank = false;
        }

        return output.ToString().Trim('\n');
    }
}
