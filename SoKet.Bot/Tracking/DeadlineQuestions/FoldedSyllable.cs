using System.Text.RegularExpressions;

namespace SoKet.Bot.Tracking.DeadlineQuestions;

/// <summary>
/// Whether a folded token (lower case, no diacritics) could be a Vietnamese syllable. Typo correction
/// only touches tokens that could not be one: "thanh" (thành) is a real word and must never be
/// "corrected" to "thang" (tháng), while "nagy" can only be a slip for "ngay".
/// </summary>
internal static partial class FoldedSyllable
{
    // The longest shape the pattern accepts: a three-letter onset, nucleus and two-letter coda ("nghieng").
    private const int MaxLength = 8;

    // Deliberately permissive (onset? nucleus coda?): accepting a few non-words only makes the
    // classifier more conservative, rejecting a real word would let it rewrite what the user said.
    // Plain alternations and optionals: the non-backtracking engine runs it in time linear in the token.
    [GeneratedRegex(
        "^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?" +
        "(uye|uya|uy|oa|oe|ue|ua|uo|ia|ie|ye|ai|ao|au|ay|eo|eu|oi|ui|iu|a|e|i|o|u|y)" +
        "(ch|nh|ng|[cmnptiouy])?$",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Shape();

    public static bool IsPlausible(string token) => token.Length <= MaxLength && Shape().IsMatch(token);
}
