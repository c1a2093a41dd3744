using System.Globalization;
using SoKet.Bot.Campaigns.Import.Parsing;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Import;

/// <summary>A heading of the draft, reduced to what is compared: its weighted words (mapped onto the outline's words) and its label.</summary>
internal sealed record HeadingKey(IReadOnlyList<(string Token, double Weight, double Factor)> Words, double Total, string? LabelKey);

/// <summary>
/// How well a heading written in a unit's draft names a heading of the campaign's outline, from 0 to about 1.
/// Both are folded (no diacritics, case or punctuation; numbering is compared apart), a few phrases offices use
/// interchangeably are brought to one form ("tồn tại", "yếu kém", "khuyết điểm" → "hạn chế"; "kết quả đạt được",
/// "kết quả thực hiện" → "kết quả"), and the words are compared as weighted sets (Dice): a word shared by many
/// outline headings ("nguyên nhân", "lãnh đạo") says little, a word only one heading has ("khách quan") says a lot,
/// small words ("và", "của", "về") almost nothing. A word one typing slip away (one edit or two letters swapped) from
/// an outline word counts as that word at 80%. The same label ("II." for "II.") adds a little; it never decides
/// alone, because drafts renumber freely. Written by hand: no library on the package source compares Vietnamese
/// headings, and the rules are few.
/// </summary>
internal sealed class HeadingMatcher
{
    /// <summary>A label alone ("Phần II" on its own line with nothing after it) that names the outline's same label.</summary>
    public const double LabelOnlyScore = 0.55;

    /// <summary>The same label as an outline heading that is the only one so numbered ("C.", "Phần 2"); a label many share ("1.") adds less.</summary>
    private const double UniqueLabelBonus = 0.25;

    private const double LabelBonus = 0.1;
    private const double FuzzyFactor = 0.8;
    private const double StopWeight = 0.15;

    /// <summary>
    /// Words every heading of a Party report uses ("công tác", "lãnh đạo", "thực hiện", "đánh giá"): they count half, or a
    /// sub-point "1. Công tác chính trị, tư tưởng" would pass for the section "Về công tác xây dựng Đảng…".
    /// </summary>
    private const double GenericWeight = 0.5;

    private static readonly HashSet<string> Generic = ["cong", "tac", "lanh", "dao", "thuc", "hien", "danh", "gia"];

    /// <summary>A word the outline does not use weighs a little less than the rarest outline word: extra words lower a match, without sinking it.</summary>
    private const double UnknownWeight = 1.5;

    private static readonly HashSet<string> Stop =
    [
        "va", "cac", "cua", "nhung", "trong", "ve", "viec", "cho", "voi", "tai", "la", "co", "mot", "so", "nay", "do",
        "den", "theo", "tu", "o", "nham", "tren", "nhu", "khi", "da", "duoc", "thi", "ma", "cung", "nua", "hon",
    ];

    /// <summary>
    /// Phrases written for the same heading, folded, longest first; each is replaced by the outline's usual words. The
    /// document's own kind ("báo cáo", "sơ kết", "dự thảo") names no section and is dropped: "sơ kết" would otherwise
    /// share "kết" with every "kết quả".
    /// </summary>
    private static readonly (string[] From, string[] To)[] Synonyms = new (string From, string To)[]
    {
        ("bao cao", ""),
        ("so ket", ""),
        ("tong ket", ""),
        ("du thao", ""),
        ("ket qua dat duoc", "ket qua"),
        ("ket qua thuc hien", "ket qua"),
        ("ket qua noi bat", "ket qua"),
        ("ton tai", "han che"),
        ("yeu kem", "han che"),
        ("khuyet diem", "han che"),
        ("bat cap", "han che"),
        ("phuong huong", "nhiem vu"),
        ("tinh hinh chung", "dac diem tinh hinh"),
        ("dac diem chung", "dac diem tinh hinh"),
        ("du bao", "du kien"),
        ("nua cuoi nhiem ky", "thoi gian toi"),
        ("nhung nam con lai", "thoi gian toi"),
        ("thoi gian con lai", "thoi gian toi"),
        ("thoi gian tiep theo", "thoi gian toi"),
        ("giai doan tiep theo", "thoi gian toi"),
        ("kt xh", "kinh te xa hoi"),
        ("ktxh", "kinh te xa hoi"),
        ("qp an", "quoc phong an ninh"),
        ("qpan", "quoc phong an ninh"),
        ("htct", "he thong chinh tri"),
        ("xdd", "xay dung dang"),
        ("mttq", "mat tran to quoc"),
    }.Select(s => (s.From.Split(' '), s.To.Split(' ', StringSplitOptions.RemoveEmptyEntries))).OrderByDescending(s => s.Item1.Length).ToArray();

    private readonly HashSet<string>[] _outlineWords;
    private readonly double[] _outlineTotals;
    private readonly string?[] _outlineLabels;
    private readonly HashSet<string> _uniqueLabels;
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _nearest = new(StringComparer.Ordinal);

    public HeadingMatcher(IReadOnlyList<OutlineHeading> outline)
    {
        _outlineWords = outline.Select(h => Words(h.Heading).ToHashSet(StringComparer.Ordinal)).ToArray();
        _outlineLabels = outline.Select(h => LabelKeyOf(h.Label)).ToArray();
        _uniqueLabels = _outlineLabels.Where(l => l is not null).GroupBy(l => l!).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var words in _outlineWords)
            foreach (var word in words)
                documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
        var count = Math.Max(outline.Count, 1);
        foreach (var (word, frequency) in documentFrequency)
            _weights[word] = Stop.Contains(word) ? StopWeight : Generic.Contains(word) ? GenericWeight : 1 + Math.Log(1 + (double)count / (1 + frequency));
        _outlineTotals = _outlineWords.Select(words => words.Sum(w => _weights[w])).ToArray();
    }

    public int Count => _outlineWords.Length;

    /// <summary>The draft's heading (label apart) as compared with the outline.</summary>
    public HeadingKey Key(string text, string? labelKey)
    {
        var words = new List<(string, double, double)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double total = 0;
        foreach (var word in Words(text))
        {
            var (token, factor) = _weights.ContainsKey(word) ? (word, 1.0) : Nearest(word) is { } near ? (near, FuzzyFactor) : (word, 1.0);
            if (!seen.Add(token))
                continue;
            var weight = _weights.TryGetValue(token, out var w) ? w : Stop.Contains(token) ? StopWeight : Generic.Contains(token) ? GenericWeight : UnknownWeight;
            words.Add((token, weight, factor));
            total += weight;
        }
        return new HeadingKey(words, total, labelKey);
    }

    /// <summary>How well <paramref name="key"/> names outline heading number <paramref name="entry"/>.</summary>
    public double Score(HeadingKey key, int entry)
    {
        var sameLabel = key.LabelKey is not null && key.LabelKey == _outlineLabels[entry];
        if (key.Words.Count == 0)
            return sameLabel ? LabelOnlyScore : 0;
        var target = _outlineWords[entry];
        double shared = 0;
        var meaningful = false;
        foreach (var (token, weight, factor) in key.Words)
        {
            if (!target.Contains(token))
                continue;
            shared += weight * factor;
            meaningful |= !Stop.Contains(token) && !Generic.Contains(token);
        }
        // Sharing only "và", "của"… is no match at all.
        if (!meaningful)
            return 0;
        var dice = 2 * shared / (key.Total + _outlineTotals[entry]);
        return sameLabel && dice >= 0.3 ? dice + (_uniqueLabels.Contains(key.LabelKey!) ? UniqueLabelBonus : LabelBonus) : dice;
    }

    /// <summary>A label reduced to its kind and value: "II." and "II-" are "Roman:2", "Phần thứ hai" and "PHẦN II" are "Part:2", "2.1." is "Arabic:2.1".</summary>
    public static string? LabelKeyOf(HeadingLabel? label) => label is null || label.IsBullet ? null : label.Style switch
    {
        LabelStyle.Arabic => "Arabic:" + string.Join('.', DigitsOf(label.Label)),
        _ => label.Style + ":" + label.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>True when <paramref name="key"/> is the label right after <paramref name="previous"/> in the same list: "Roman:4" → "Roman:5", "Arabic:2.4" → "Arabic:2.5".</summary>
    public static bool Continues(string? previous, string? key)
    {
        if (previous is null || key is null)
            return false;
        var (kind, value) = Split(previous);
        var (nextKind, nextValue) = Split(key);
        if (kind != nextKind)
            return false;
        var before = value.Split('.');
        var after = nextValue.Split('.');
        return before.Length == after.Length && before.AsSpan(0, before.Length - 1).SequenceEqual(after.AsSpan(0, after.Length - 1))
            && int.TryParse(before[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && int.TryParse(after[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var next) && next == last + 1;

        static (string Kind, string Value) Split(string labelKey) => labelKey.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
            ? (labelKey[..colon], labelKey[(colon + 1)..])
            : (labelKey, "");
    }

    private static string? LabelKeyOf(string? label) =>
        string.IsNullOrWhiteSpace(label) ? null : LabelKeyOf(DraftHeadings.PickLabel(NumberingLabel.Parse(label.Trim() + " x")));

    private static IEnumerable<string> DigitsOf(string label) =>
        label.Split(['.', ')', '-', '–', '/', ' '], StringSplitOptions.RemoveEmptyEntries).Where(p => p.All(char.IsAsciiDigit)).Select(p => p.TrimStart('0'));

    /// <summary>The heading's words, folded, with the usual synonyms brought to one form; numbers (years) dropped.</summary>
    internal static IReadOnlyList<string> Words(string text)
    {
        var words = VietnameseText.FoldWords(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>(words.Length);
        for (var i = 0; i < words.Length;)
        {
            var replaced = false;
            foreach (var (from, to) in Synonyms)
            {
                if (i + from.Length <= words.Length && words.AsSpan(i, from.Length).SequenceEqual(from))
                {
                    result.AddRange(to);
                    i += from.Length;
                    replaced = true;
                    break;
                }
            }
            if (replaced)
                continue;
            var word = words[i++];
            if (!word.All(char.IsAsciiDigit))
                result.Add(word);
        }
        return result;
    }

    /// <summary>
    /// The outline word one typing slip away from <paramref name="word"/>, if any. Only words of five letters or more
    /// starting with the same letter: Vietnamese syllables one letter apart are usually other words ("luận", "quân").
    /// </summary>
    private string? Nearest(string word)
    {
        if (word.Length < 5)
            return null;
        if (_nearest.TryGetValue(word, out var cached))
            return cached;
        string? found = null;
        foreach (var candidate in _weights.Keys)
        {
            if (candidate.Length >= 5 && candidate[0] == word[0] && Math.Abs(candidate.Length - word.Length) <= 1 && !Stop.Contains(candidate) && EditDistance.WithinOne(word, candidate))
            {
                found = candidate;
                break;
            }
        }
        _nearest[word] = found;
        return found;
    }
}
