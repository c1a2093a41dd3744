using System.Text.RegularExpressions;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// Splits a paragraph into sentences and a sentence into clauses (";"). Abbreviations common in
/// administrative text ("TP. Lai Châu", "ThS. ...", "đ/c") and initials do not end a sentence.
/// </summary>
internal static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "TP", "Tp", "tp", "TX", "Tx", "TT", "Q", "P", "H", "X", "ThS", "TS", "GS", "PGS", "BS", "KS", "CN", "Đ/c", "đ/c", "v.v", "St", "NXB", "Nxb",
    };

    public static IReadOnlyList<string> Sentences(string paragraph)
    {
        var sentences = new List<string>();
        var start = 0;

        // Bracket depth is carried forward from one candidate end to the next rather than recounted from the
        // sentence start each time: an unclosed "(" before a long run of sentences would otherwise make the
        // split quadratic in the paragraph's length.
        var depth = 0;
        var counted = 0;
        foreach (Match end in SentenceEnd().Matches(paragraph))
        {
            var stop = end.Index + end.Value.TrimEnd().Length;
            depth = DepthAt(paragraph, counted, end.Index, depth);
            counted = end.Index;
            if (IsAbbreviation(paragraph, end.Index) || depth > 0)
            {
                continue;
            }

            // A new sentence starts outside any bracket; an unbalanced ")" earlier does not carry over.
            depth = 0;
            counted = end.Index + end.Length;

            Add(paragraph[start..stop]);
            start = end.Index + end.Length;
        }

        Add(paragraph[start..]);
        return sentences;

        void Add(string s)
        {
            s = s.Trim();
            if (s.Length > 0)
            {
                sentences.Add(s);
            }
        }
    }

    /// <summary>Clauses separated by semicolons outside parentheses, trimmed, without the semicolon.</summary>
    public static IReadOnlyList<string> Clauses(string sentence)
    {
        var clauses = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            switch (sentence[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ';' when depth == 0:
                    clauses.Add(sentence[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        clauses.Add(sentence[start..].Trim());
        return clauses.Where(c => c.Length > 0).ToList();
    }

    private static bool IsAbbreviation(string text, int dotIndex)
    {
        if (text[dotIndex] != '.')
        {
            return false;
        }

        var wordStart = dotIndex;
        while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] != '(')
        {
            wordStart--;
        }

        var word = text[wordStart..dotIndex];
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0]));
    }

    /// <summary>The bracket depth at <paramref name="index"/>, given the depth at <paramref name="from"/>.</summary>
    private static int DepthAt(string text, int from, int index, int depth)
    {
        for (var i = from; i < index; i++)
        {
            depth += text[i] switch
            {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
        }

        return depth;
    }

    /// <summary>A full stop, "?" or "!" (possibly after a closing bracket or quote) followed by a space and a capital, digit or bracket.</summary>
    [GeneratedRegex(@"[.?!…][)”""]?\s+(?=[\p{Lu}\d(“""])")]
    private static partial Regex SentenceEnd();
}
