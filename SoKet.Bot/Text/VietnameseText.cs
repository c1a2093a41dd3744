using System.Globalization;
using System.Text;

namespace SoKet.Bot.Text;

/// <summary>Normalisation for Vietnamese typed in chat: composed or decomposed, with or without diacritics.</summary>
public static class VietnameseText
{
    /// <summary>NFC, ordinary spaces, single-spaced, trimmed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var nfc = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(nfc.Length);
        var lastWasSpace = false;
        foreach (var c in nfc)
        {
            var isSpace = char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF';
            if (isSpace)
            {
                if (!lastWasSpace && sb.Length > 0)
                    sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(c);
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Lower case without diacritics ("Hạn nộp" → "han nop", "Đảng" → "dang"), for matching what users type.</summary>
    public static string Fold(string? text)
    {
        var normalized = Normalize(text).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            sb.Append(c == 'đ' ? 'd' : c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Folded text with punctuation removed, for intent matching ("Trợ giúp!" → "tro giup").</summary>
    public static string FoldForMatching(string? text)
    {
        var folded = Fold(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
            sb.Append(char.IsLetterOrDigit(c) ? c : ' ');
        return Normalize(sb.ToString());
    }
}
