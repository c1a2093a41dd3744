using System.Collections.Frozen;
using System.Text;
using SoKet.Bot.Text;

namespace SoKet.Bot.Tracking.DeadlineQuestions;

/// <summary>
/// Turns what a user typed into the words the classifier knows: folded (no diacritics, any
/// Unicode form), chat shorthand expanded ("bc" → "bao cao"), Telex left-overs from a missing
/// input method removed ("nopj" → "nop"), glued words split ("baocao"), and typos of longer
/// words corrected ("dealine" → "deadline"). Words the classifier does not know are kept as
/// they are, so they can only make it less sure, never more.
/// Reading is linear in the text's length: the text is capped (<see cref="VietnameseText.FoldForMatching"/>),
/// and each repair looks at a token only as far as a known word can reach, so a token far longer than any
/// known word ("hannophannop…", sent to tie up the server) costs one pass and is kept as it is.
/// </summary>
internal sealed class QuestionTokens
{
    private const int MinFuzzyLength = 4;

    private static readonly FrozenDictionary<string, string[]> Shorthand = new Dictionary<string, string[]>
    {
        ["bc"] = ["bao", "cao"],
        ["bcao"] = ["bao", "cao"],
        ["bgio"] = ["bao", "gio"],
        ["bjo"] = ["bao", "gio"],
        ["bh"] = ["bao", "gio"],
        ["bn"] = ["bao", "nhieu"],
        ["nhiu"] = ["nhieu"],
        ["sl"] = ["so", "lieu"],
        ["sk"] = ["so", "ket"],
        ["hnghi"] = ["hoi", "nghi"],
        ["vp"] = ["van", "phong"],
        ["tg"] = ["thoi", "gian"],
        ["ddl"] = ["deadline"],
        ["k"] = ["khong"],
        ["ko"] = ["khong"],
        ["kh"] = ["khong"],
        ["khg"] = ["khong"],
        ["hok"] = ["khong"],
        ["hong"] = ["khong"],
        ["khj"] = ["khi"],
        ["j"] = ["gi"],
        ["gj"] = ["gi"],
        ["nx"] = ["nua"],
        ["dc"] = ["duoc"],
        ["dk"] = ["duoc"],
        ["r"] = ["roi"],
        ["hnay"] = ["hom", "nay"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenSet<string> vocabulary;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> vocabularySpans;
    private readonly int longestWord;
    private readonly string[] fuzzyCandidates;
    private readonly int longestFuzzyCandidate;

    public QuestionTokens(IEnumerable<string> vocabulary)
    {
        this.vocabulary = vocabulary.Concat(Shorthand.Values.SelectMany(v => v)).ToFrozenSet(StringComparer.Ordinal);
        vocabularySpans = this.vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        longestWord = this.vocabulary.Max(w => w.Length);
        fuzzyCandidates = this.vocabulary.Where(w => w.Length >= MinFuzzyLength && w.All(char.IsAsciiLetterLower)).ToArray();
        longestFuzzyCandidate = fuzzyCandidates.Length == 0 ? 0 : fuzzyCandidates.Max(w => w.Length);
    }

    public IReadOnlyList<string> Read(string? text)
    {
        var tokens = new List<string>();
        foreach (var raw in VietnameseText.FoldForMatching(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            tokens.AddRange(Canonical(raw));
        return tokens;
    }

    private IEnumerable<string> Canonical(string token)
    {
        if (vocabulary.Contains(token))
            return [token];
        if (Shorthand.TryGetValue(token, out var expansion))
            return expansion;
        if (!token.All(char.IsAsciiLetterLower) || FoldedSyllable.IsPlausible(token))
            return [token];

        var telex = WithoutTelexMarks(token);
        if (vocabulary.Contains(telex))
            return [telex];
        if (SplitGlued(token) is { } pair)
            return pair;
        if (Corrected(token) is { } corrected)
            return [corrected];
        return [token];
    }

    /// <summary>
    /// Telex typed without the input method leaves tone letters (s f r x j) after the vowel or at
    /// the end and doubles vowels for their hats ("noopj" for "nộp"); Vietnamese syllables never
    /// end in those letters, so the token cannot be a word as it stands.
    /// </summary>
    private static string WithoutTelexMarks(string token)
    {
        var sb = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var isToneLetter = c is 's' or 'f' or 'r' or 'x' or 'j';
            if (isToneLetter && i > 0 && (i == token.Length - 1 || IsVowel(token[i - 1])))
                continue;
            if (c == 'w' && i > 0 && token[i - 1] is 'a' or 'o' or 'u')
                continue;
            if (sb.Length > 0 && sb[^1] == c && c is 'a' or 'e' or 'o' or 'd')
                continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w';

    /// <summary>
    /// Two known words typed without the space ("baocao"), split at the first point where both halves are known.
    /// Neither half can be longer than the longest known word, so only the split points within that reach of
    /// both ends are tried, without copying either half until one is found.
    /// </summary>
    private string[]? SplitGlued(string token)
    {
        if (token.Length > 2 * longestWord)
            return null;
        var span = token.AsSpan();
        var last = Math.Min(token.Length - 1, longestWord);
        for (var i = Math.Max(1, token.Length - longestWord); i <= last; i++)
        {
            if (vocabularySpans.Contains(span[..i]) && vocabularySpans.Contains(span[i..]))
                return [token[..i], token[i..]];
        }
        return null;
    }

    /// <summary>The one known word within a single slip, or null when there is none or more than one.</summary>
    private string? Corrected(string token)
    {
        // One slip changes the length by at most one, so a longer token can be no known word's slip.
        if (token.Length < MinFuzzyLength || token.Length > longestFuzzyCandidate + 1)
            return null;
        string? found = null;
        foreach (var candidate in fuzzyCandidates)
        {
            if (!EditDistance.WithinOne(token, candidate))
                continue;
            if (found is not null)
                return null;
            found = candidate;
        }
        return found;
    }
}
