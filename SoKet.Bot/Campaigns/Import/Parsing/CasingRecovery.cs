using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// Letterheads are typed in capitals ("THÀNH ỦY LAI CHÂU"); the card should show the name as the body
/// of the plan writes it ("Thành ủy Lai Châu"). The phrase is looked up in the plan first; failing
/// that, each word takes the casing the plan uses most, and the first word is capitalised.
/// </summary>
internal sealed partial class CasingRecovery
{
    // Lower case NFC, as written in names.
    private static readonly HashSet<string> AdministrativeLevels = new(StringComparer.Ordinal) { "tỉnh", "huyện", "xã", "phường", "quận", "thị", "thành" };

    private readonly string lowerText;
    private readonly string text;
    private readonly Dictionary<string, Dictionary<string, int>> variants = new(StringComparer.Ordinal);

    public CasingRecovery(IEnumerable<string> bodyLines)
    {
        var lines = bodyLines.Where(l => !VietnameseText.IsUpperCase(l)).ToList();
        text = string.Join('\n', lines);
        lowerText = text.ToLower(CultureInfo.InvariantCulture);
        foreach (Match word in Word().Matches(text))
        {
            if (VietnameseText.IsUpperCase(word.Value) && word.Length > 1)
            {
                continue;
            }

            var key = word.Value.ToLower(CultureInfo.InvariantCulture);
            if (!variants.TryGetValue(key, out var counts))
            {
                variants[key] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            counts[word.Value] = counts.GetValueOrDefault(word.Value) + 1;
        }
    }

    /// <summary>
    /// Names and titles are short; a line longer than this is left as written rather than looked up span by span
    /// (the lookup is quadratic in the number of words, harmless for a name, not for a crafted line of capitals).
    /// </summary>
    private const int MaxRecoverLength = 400;

    public string Recover(string upper) =>
        VietnameseText.IsUpperCase(upper) && upper.Length <= MaxRecoverLength ? VietnameseText.CapitalizeFirst(RecoverWords(upper)) : upper;

    /// <summary>
    /// Like <see cref="Recover"/> but keeps the punctuation between words, for names that carry it:
    /// "CÁC CHI BỘ, ĐẢNG BỘ CƠ SỞ" → "Các chi bộ, đảng bộ cơ sở", "TP. LAI CHÂU" → "TP. Lai Châu" (an
    /// abbreviation with its full stop stays in capitals).
    /// </summary>
    public string RecoverKeepingPunctuation(string upper)
    {
        if (!VietnameseText.IsUpperCase(upper) || upper.Length > MaxRecoverLength)
        {
            return upper;
        }

        var builder = new System.Text.StringBuilder(upper.Length);
        var done = 0;
        foreach (Match run in WordRun().Matches(upper))
        {
            builder.Append(upper, done, run.Index - done);
            var end = run.Index + run.Length;
            var abbreviation = run.Length <= 3 && end < upper.Length && upper[end] == '.';
            builder.Append(abbreviation ? run.Value : RecoverWords(run.Value));
            done = end;
        }

        builder.Append(upper, done, upper.Length - done);
        return VietnameseText.CapitalizeFirst(builder.ToString());
    }

    private string RecoverWords(string upper)
    {
        var words = Word().Matches(upper).Select(m => m.Value).ToList();
        var result = new List<string>(words.Count);
        for (var i = 0; i < words.Count;)
        {
            var (length, written) = LongestKnownSpan(words, i);
            if (length == 0)
            {
                var next = i + 1 < words.Count ? words[i + 1] : null;
                result.Add(AdministrativeLevel(words[i], next) ?? MostCommonCasing(words[i]));
                i++;
                continue;
            }

            result.Add(written);
            i += length;
        }

        return string.Join(' ', result);
    }

    /// <summary>The longest run of words from <paramref name="start"/> that the plan writes somewhere, as it writes it.</summary>
    private (int Length, string Written) LongestKnownSpan(List<string> words, int start)
    {
        for (var length = words.Count - start; length >= 2; length--)
        {
            var phrase = string.Join(' ', words.Skip(start).Take(length)).ToLower(CultureInfo.InvariantCulture);
            for (var index = lowerText.IndexOf(phrase, StringComparison.Ordinal); index >= 0;
                 index = lowerText.IndexOf(phrase, index + 1, StringComparison.Ordinal))
            {
                var end = index + phrase.Length;
                var wholeWords = (index == 0 || !char.IsLetter(lowerText[index - 1])) && (end == lowerText.Length || !char.IsLetter(lowerText[end]));
                if (wholeWords)
                {
                    return (length, text.Substring(index, phrase.Length));
                }
            }
        }

        return (0, string.Empty);
    }

    /// <summary>
    /// "Đảng bộ tỉnh Lai Châu" but "Tỉnh ủy Lai Châu": an administrative level is a common noun except as
    /// the first half of a committee's name (Tỉnh ủy, Huyện ủy, Thành ủy, Quận ủy, Thị ủy).
    /// </summary>
    private static string? AdministrativeLevel(string word, string? next)
    {
        var key = word.ToLower(CultureInfo.InvariantCulture);
        // Compared with diacritics: folded, "thành" would also catch the place name "Thanh Hóa".
        if (!AdministrativeLevels.Contains(key))
        {
            return null;
        }

        return next is not null && VietnameseText.Fold(next) == "uy" ? VietnameseText.CapitalizeFirst(key) : key;
    }

    /// <summary>
    /// Ties go to lower case: a word capitalised only at sentence starts is a common noun. A word the plan
    /// never writes in lower case elsewhere is most likely a place name ("MƯỜNG TÈ"), so it is capitalised.
    /// </summary>
    private string MostCommonCasing(string word)
    {
        var key = word.ToLower(CultureInfo.InvariantCulture);
        return variants.TryGetValue(key, out var counts)
            ? counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key == key ? 0 : 1).First().Key
            : VietnameseText.CapitalizeFirst(key);
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    /// <summary>Words separated by single spaces only: a stretch of a name between punctuation marks.</summary>
    [GeneratedRegex(@"\p{L}+(?: \p{L}+)*", RegexOptions.NonBacktracking)]
    private static partial Regex WordRun();
}
