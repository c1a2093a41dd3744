namespace SoKet.Bot.Text;

/// <summary>Damerau-Levenshtein distance (optimal string alignment): typing slips are insertions, deletions, substitutions and swapped neighbours.</summary>
internal static class EditDistance
{
    /// <summary>The full distance, in time and memory proportional to the product of the lengths: for short words only.</summary>
    public static int DamerauLevenshtein(string a, string b)
    {
        var rows = a.Length + 1;
        var cols = b.Length + 1;
        var d = new int[rows, cols];
        for (var i = 0; i < rows; i++)
            d[i, 0] = i;
        for (var j = 0; j < cols; j++)
            d[0, j] = j;

        for (var i = 1; i < rows; i++)
        {
            for (var j = 1; j < cols; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                d[i, j] = best;
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>
    /// True when the distance is at most one. One pass, no table: past the common prefix, the rest must match
    /// after one deletion (lengths differ by one), one substitution or one swap of neighbours (same length).
    /// </summary>
    public static bool WithinOne(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a.Length >= b.Length ? LongerWithinOne(a, b) : LongerWithinOne(b, a);

    private static bool LongerWithinOne(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length - b.Length > 1)
            return false;
        var i = a.CommonPrefixLength(b);
        if (i == b.Length)
            return true;
        if (a.Length != b.Length)
            return a[(i + 1)..].SequenceEqual(b[i..]);
        return a[(i + 1)..].SequenceEqual(b[(i + 1)..])
            || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]));
    }
}
