namespace SoKet.Bot.Text;

/// <summary>
/// How regular expressions are run on text users send. Every pattern the non-backtracking engine accepts
/// (no lookarounds, backreferences or atomic groups) uses <c>RegexOptions.NonBacktracking</c>, which matches in
/// time linear in the input; the few that need the backtracking engine get <see cref="MatchTimeoutMilliseconds"/>,
/// and their callers treat a timeout as no match.
/// </summary>
internal static class RegexLimits
{
    /// <summary>
    /// Far above what the short sentences and lines these patterns read ever take (microseconds), and low
    /// enough that crafted text cannot hold a core for long.
    /// </summary>
    public const int MatchTimeoutMilliseconds = 500;
}
