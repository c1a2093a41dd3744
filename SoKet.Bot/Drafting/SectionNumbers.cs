using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>
/// A section number as a user types it after "mục": "II", "2", "2.1", "III.1", "B.II". Read from folded text, where
/// the dots are already spaces ("mục III.1" → "muc iii 1"), so <see cref="Parts"/> are folded words: digits, a roman
/// numeral, or a capital letter of a part ("B") first.
/// </summary>
public sealed record SectionNumber(IReadOnlyList<string> Parts)
{
    /// <summary>The most parts a number may have: "C.II.2.1" is the deepest an outline goes.</summary>
    private const int MaxParts = 5;

    /// <summary>The number as the outline writes it: "IX", "2.1", "III.1".</summary>
    public string Display => string.Join(".", Parts.Select(p => p.ToUpperInvariant()));

    /// <summary>The number after the first "mục" of <paramref name="folded"/> (see <see cref="VietnameseText.FoldForMatching"/>); null when there is none.</summary>
    public static SectionNumber? Find(string folded)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] != "muc")
                continue;
            var parts = new List<string>();
            for (var j = i + 1; j < words.Length && parts.Count < MaxParts && IsPart(words[j], first: parts.Count == 0); j++)
                parts.Add(words[j]);
            if (parts.Count > 0)
                return new SectionNumber(parts);
        }
        return null;
    }

    /// <summary>A number kept in card data (<see cref="Display"/>), read back as typed; null when it is not one.</summary>
    public static SectionNumber? Parse(string? shown) =>
        string.IsNullOrWhiteSpace(shown) || shown.Length > 40 ? null : Find("muc " + VietnameseText.FoldForMatching(shown));

    /// <summary>The value of a part for comparing "2" with "II": digits and roman numerals as numbers, anything else none.</summary>
    internal static int? Value(string part)
    {
        if (part.Length <= 3 && part.All(char.IsAsciiDigit))
            return int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
        return RomanValue(part) is > 0 and var roman ? roman : null;
    }

    private static bool IsPart(string word, bool first) =>
        (word.Length <= 3 && word.All(char.IsAsciiDigit))
        || RomanValue(word) > 0
        // The parts of an outline are lettered A., B., C. (a few letters, never more than eight): only a number's first part.
        || (first && word.Length == 1 && word[0] is >= 'a' and <= 'h');

    /// <summary>A canonical lower-case roman numeral up to 39 ("iv", "xii"), else 0: "vii" is seven, "iiii" is nothing.</summary>
    private static int RomanValue(string word)
    {
        if (word.Length is 0 or > 6)
            return 0;
        var tens = 0;
        var i = 0;
        while (i < word.Length && word[i] == 'x' && tens < 3)
        {
            tens++;
            i++;
        }
        var units = word[i..] switch
        {
            "" => 0,
            "i" => 1, "ii" => 2, "iii" => 3, "iv" => 4, "v" => 5, "vi" => 6, "vii" => 7, "viii" => 8, "ix" => 9,
            _ => -1,
        };
        return units < 0 ? 0 : tens * 10 + units;
    }
}

/// <summary>
/// Finds the sections of a unit's outline that a typed number names. A number names a section when it ends the
/// section's numbering read from the top ("III.1" and "1" both end "C.III.1"), and covers at least the section's own
/// label ("1" does not name "2.1."). The outline's own writing is tried first; then "2" for "II" and the reverse.
/// A writable section is preferred; a heading with sections under it (named only when no writable section is) stands
/// for the first of them. Several sections may answer (the reference outline has two "III."): the caller asks which.
/// </summary>
public static class SectionNumbers
{
    public static IReadOnlyList<OutlineEntry> Find(IReadOnlyList<OutlineEntry> outline, SectionNumber number)
    {
        var byId = outline.ToDictionary(e => e.Id);
        var numbering = outline.ToDictionary(e => e.Id, e => Numbering(e, byId));
        foreach (var equal in new Func<string, string, bool>[] { Literal, SameValue })
        {
            var named = outline.Where(e => Names(number.Parts, Words(e.Section.NumberLabel), numbering[e.Id], equal)).ToList();
            var writable = named.Where(e => e.IsWritable).ToList();
            if (writable.Count > 0)
                return writable;
            var under = named
                .Select(heading => outline.FirstOrDefault(e => e.IsWritable && IsUnder(e, heading.Id, byId)))
                .OfType<OutlineEntry>().Distinct().ToList();
            if (under.Count > 0)
                return under;
        }
        return [];
    }

    private static bool Literal(string typed, string label) => typed == label;

    private static bool SameValue(string typed, string label) =>
        typed == label || (SectionNumber.Value(typed) is { } value && SectionNumber.Value(label) == value);

    /// <summary>Whether <paramref name="typed"/> ends the section's numbering and covers its own label.</summary>
    private static bool Names(IReadOnlyList<string> typed, IReadOnlyList<string> label, IReadOnlyList<string> numbering, Func<string, string, bool> equal)
    {
        if (label.Count == 0 || typed.Count < label.Count || typed.Count > numbering.Count)
            return false;
        var offset = numbering.Count - typed.Count;
        for (var i = 0; i < typed.Count; i++)
        {
            if (!equal(typed[i], numbering[offset + i]))
                return false;
        }
        return true;
    }

    /// <summary>The labels from the top of the outline down to the section, as folded words: "C.", "II.", "2.1." → c ii 2 1.</summary>
    private static List<string> Numbering(OutlineEntry entry, Dictionary<Guid, OutlineEntry> byId)
    {
        var chain = new List<OutlineEntry>();
        for (OutlineEntry? e = entry; e is not null && chain.Count < 16; e = e.Section.ParentId is { } parent ? byId.GetValueOrDefault(parent) : null)
            chain.Add(e);
        chain.Reverse();
        return chain.SelectMany(e => Words(e.Section.NumberLabel)).ToList();
    }

    private static bool IsUnder(OutlineEntry entry, Guid heading, Dictionary<Guid, OutlineEntry> byId)
    {
        var depth = 0;
        for (var parent = entry.Section.ParentId; parent is { } id && depth < 16; parent = byId.GetValueOrDefault(id)?.Section.ParentId, depth++)
        {
            if (id == heading)
                return true;
        }
        return false;
    }

    private static IReadOnlyList<string> Words(string? label) =>
        VietnameseText.FoldWords(label).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
