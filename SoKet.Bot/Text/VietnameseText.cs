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

    private static char FoldChar(char c)
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

    /// <summary>Folded text with punctuation turned into spaces, for matching commands: "Trợ giúp!" → "tro giup".</summary>
    public static string FoldForMatching(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var folded = Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        return CollapseSpaces(builder.ToString());
    }
}
