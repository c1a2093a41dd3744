using System.Globalization;
using System.Text;

namespace SoKet.Bot.Text;

/// <summary>
/// Helpers for comparing Vietnamese text the way people type it: composed or decomposed
/// (macOS and some editors emit NFD), with or without diacritics ("truoc ngay" for "trước ngày"),
/// with irregular spacing.
/// </summary>
public static class VietnameseText
{
    /// <summary>Unicode NFC, so that "ế" typed as e + combining marks equals the precomposed letter.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Lower-case, diacritics removed (đ → d), whitespace collapsed and trimmed:
    /// "Trước  Ngày" and "truoc ngay" fold to the same string.
    /// </summary>
    public static string Fold(string text)
    {
        var folded = FoldPreservingLength(Normalize(text));
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c);
        }

        return CollapseSpaces(builder.ToString());
    }

    /// <summary>
    /// Folds an NFC string character by character, so the result has exactly the input's length and
    /// a match found in the folded text (e.g. with a regex written without diacritics) indexes the
    /// original text directly. Every Vietnamese letter has a precomposed form, so NFC input
    /// leaves no combining marks behind; the rare stray mark is kept as is.
    /// </summary>
    public static string FoldPreservingLength(string nfcText)
    {
        ArgumentNullException.ThrowIfNull(nfcText);
        var chars = new char[nfcText.Length];
        for (var i = 0; i < nfcText.Length; i++)
        {
            chars[i] = FoldChar(nfcText[i]);
        }

        return new string(chars);
    }

    /// <summary>Any run of whitespace (including non-breaking and other Unicode spaces) becomes one space; trimmed.</summary>
    public static string CollapseSpaces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>True when <paramref name="needle"/> occurs in <paramref name="text"/> ignoring case, diacritics and spacing.</summary>
    public static bool ContainsFolded(string text, string needle) =>
        Fold(text).Contains(Fold(needle), StringComparison.Ordinal);

    /// <summary>True when both strings are equal ignoring case, diacritics and spacing.</summary>
    public static bool EqualsFolded(string a, string b) =>
        string.Equals(Fold(a), Fold(b), StringComparison.Ordinal);

    /// <summary>True when the text has letters and none of them is lower-case (a heading typed in capitals).</summary>
    public static bool IsUpperCase(string text)
    {
        var sawLetter = false;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (char.IsLower(c))
            {
                return false;
            }

            sawLetter = true;
        }

        return sawLetter;
    }

    /// <summary>Upper-cases the first letter only ("sơ kết giữa nhiệm kỳ" → "Sơ kết giữa nhiệm kỳ").</summary>
    public static string CapitalizeFirst(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLetter(text[i]))
            {
                return char.IsUpper(text[i])
                    ? text
                    : string.Concat(text.AsSpan(0, i), char.ToUpper(text[i], CultureInfo.InvariantCulture).ToString(), text.AsSpan(i + 1));
            }
        }

        return text;
    }

    private static char FoldChar(char c) => c < FoldTable.Length ? FoldTable[c] : FoldCharSlow(c);

    // Folding a character means decomposing it and keeping its base letter, a string allocation each time.
    // Messages arrive by the hundred kilobytes, so the blocks Vietnamese text uses (Latin, Latin Extended,
    // combining marks, Latin Extended Additional up to U+1EFF where ạ…ỹ live) are folded once, up front.
    private static readonly char[] FoldTable = BuildFoldTable(0x1F00);

    private static char[] BuildFoldTable(int size)
    {
        var table = new char[size];
        for (var c = 0; c < size; c++)
        {
            table[c] = FoldCharSlow((char)c);
        }

        return table;
    }

    private static char FoldCharSlow(char c)
    {
        if (c is 'đ' or 'Đ')
        {
            return 'd';
        }

        if (c < 0x80)
        {
            return char.ToLowerInvariant(c);
        }

        if (char.IsSurrogate(c))
        {
            return c;
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return char.ToLowerInvariant(decomposed[0]);
    }

    /// <summary>A short command or question as typed, for display: NFC, one line, single-spaced; empty for null.</summary>
    public static string CleanLine(string? text) => text is null ? "" : CollapseSpaces(Normalize(text));

    /// <summary>
    /// How much of a message matching a command, a choice or a deadline question reads: its first 2,000
    /// characters, of which the first 64 words. Commands and questions are short (the longest phrase the
    /// bot knows is a few dozen characters, and the classifier gives up on a question above 25 words);
    /// longer text is content (a drafted section, a pasted paragraph), never a command. Reading no more
    /// keeps the work done on every message, before any permission check, bounded whatever its size.
    /// 64 words stays above the classifier's 25-word and the dialogs' 12-word limits, so a capped message
    /// is still too long for either. Only matching is capped: content is always stored as typed.
    /// </summary>
    public const int MatchingMaxChars = 2_000;

    /// <inheritdoc cref="MatchingMaxChars"/>
    public const int MatchingMaxWords = 64;

    /// <summary>
    /// The beginning of a message as matched against commands and questions: folded, punctuation turned into
    /// spaces ("Trợ giúp!" → "tro giup"), and capped to <see cref="MatchingMaxChars"/> characters and
    /// <see cref="MatchingMaxWords"/> words. For a whole text (a sentence, a name), use <see cref="FoldWords"/>.
    /// </summary>
    public static string FoldForMatching(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        return FirstWords(FoldWords(MatchingPrefix(text)), MatchingMaxWords);
    }

    /// <summary>The part of <paramref name="text"/> that matching reads: at most <see cref="MatchingMaxChars"/> characters, never half a surrogate pair.</summary>
    public static string MatchingPrefix(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MatchingMaxChars)
            return text;
        var end = char.IsHighSurrogate(text[MatchingMaxChars - 1]) ? MatchingMaxChars - 1 : MatchingMaxChars;
        return text[..end];
    }

    /// <summary>
    /// The whole text folded, punctuation turned into spaces, single-spaced and trimmed: "Trợ giúp!" → "tro giup".
    /// For comparing sentences and names; one pass after NFC, so linear in the text's length.
    /// </summary>
    public static string FoldWords(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var normalized = Normalize(text);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            var folded = FoldChar(c);
            // A stray combining mark belongs to the letter before it: dropped, as Fold drops it.
            if (CharUnicodeInfo.GetUnicodeCategory(folded) == UnicodeCategory.NonSpacingMark)
                continue;
            if (!char.IsLetterOrDigit(folded))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(folded);
        }

        return builder.ToString();
    }

    /// <summary>The first <paramref name="maxWords"/> words of single-spaced text.</summary>
    private static string FirstWords(string text, int maxWords)
    {
        var spaces = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && ++spaces == maxWords)
                return text[..i];
        }

        return text;
    }
}
