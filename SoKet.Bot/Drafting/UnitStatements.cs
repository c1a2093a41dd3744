using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>
/// Picks, from the unit's own sentences, those that speak of shortcomings, causes or lessons. Matching runs on the
/// folded text for multi-syllable phrases (so "han che" typed without diacritics counts) and on the text with its
/// diacritics for one-syllable markers, where folding would confuse "do" (because) with "đó" (that) or "vì" with "vi"
/// (as in "vi phạm").
/// </summary>
public static partial class UnitStatements
{
    private static readonly string[] ShortcomingPhrases =
    [
        "han che", "khuyet diem", "yeu kem", "ton tai", "khong dat", "chua dat", "con thap", "con cham", "chua cao",
        "bat cap", "vuong mac", "kho khan", "chua", "con nhieu",
    ];

    private static readonly string[] CausePhrases = ["nguyen nhan", "con han che", "chua", "bat nguon", "xuat phat tu", "khach quan", "chu quan"];

    private static readonly string[] CauseWords = ["do", "vì", "bởi"];

    private static readonly string[] ObjectivePhrases =
    [
        "khach quan", "thien tai", "dich benh", "covid", "thoi tiet", "gia ca", "thi truong", "bao lu", "mua lu", "han han",
        "co che", "chinh sach", "kinh phi", "ngan sach", "nguon luc", "dia ban", "dia hinh", "xuat phat diem", "kinh te the gioi",
        "lam an xa", "kho khan do", "kho khan chung",
    ];

    private static readonly string[] SubjectivePhrases =
    [
        "chu quan", "lanh dao", "chi dao", "can bo", "dang vien", "cap uy", "chi uy", "trach nhiem", "nang luc", "nhan thuc",
        "kiem tra", "giam sat", "quyet liet", "nguoi dung dau", "to chuc thuc hien",
    ];

    private static readonly string[] LessonPhrases = ["bai hoc", "kinh nghiem", "rut ra"];

    public static IReadOnlyList<string> Shortcomings(IEnumerable<string> texts) =>
        Pick(texts, s => HasAny(s, ShortcomingPhrases));

    public static IReadOnlyList<string> Causes(IEnumerable<string> texts) =>
        Pick(texts, s => HasAny(s, CausePhrases) || HasWord(s, CauseWords));

    /// <summary>
    /// Cause sentences that point outside the unit (weather, prices, policy, resources, members working far away)
    /// more than at its own leadership: the unit's own "khách quan"/"chủ quan" wins, else the side with more markers.
    /// </summary>
    public static bool IsObjective(string sentence)
    {
        if (HasAny(sentence, ["chu quan"]))
            return false;
        if (HasAny(sentence, ["khach quan"]))
            return true;
        return Count(sentence, ObjectivePhrases) > Count(sentence, SubjectivePhrases);
    }

    /// <summary>Whether a sentence speaks of the named indicator (compared without diacritics or punctuation).</summary>
    public static bool Mentions(string sentence, string indicatorName) =>
        (" " + VietnameseText.FoldWords(sentence) + " ").Contains(" " + VietnameseText.FoldWords(indicatorName) + " ", StringComparison.Ordinal);

    public static IReadOnlyList<string> Lessons(IEnumerable<string> texts) =>
        Pick(texts, s => HasAny(s, LessonPhrases));

    private static List<string> Pick(IEnumerable<string> texts, Func<string, bool> predicate) =>
        [.. texts.SelectMany(t => Sentences.Split(t)).Select(s => AsStatement(s.Text)).Where(predicate).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// A clause cut from a longer sentence at ";" becomes a statement of its own when quoted on its own line: capital
    /// first letter, full stop at the end. The words stay the unit's.
    /// </summary>
    private static string AsStatement(string clause)
    {
        var text = clause.TrimEnd(';', ',', ':', ' ');
        if (text.Length == 0)
            return text;
        if (char.IsLower(text[0]))
            text = char.ToUpper(text[0], System.Globalization.CultureInfo.InvariantCulture) + text[1..];
        return text[^1] is '.' or '!' or '?' or '…' or '"' or '”' or ')' ? text : text + ".";
    }

    private static bool HasAny(string sentence, IEnumerable<string> foldedPhrases) => Count(sentence, foldedPhrases) > 0;

    private static int Count(string sentence, IEnumerable<string> foldedPhrases)
    {
        var folded = " " + VietnameseText.FoldWords(sentence) + " ";
        return foldedPhrases.Count(p => folded.Contains(" " + p + " ", StringComparison.Ordinal));
    }

    private static bool HasWord(string sentence, IEnumerable<string> words)
    {
        var lower = VietnameseText.CleanLine(sentence).ToLowerInvariant();
        return Word().Matches(lower).Any(w => words.Contains(w.Value, StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\p{L}+", RegexOptions.NonBacktracking)]
    private static partial Regex Word();
}
