namespace SoKet.Bot.Tracking.DeadlineQuestions;

/// <summary>Damerau-Levenshtein distance (optimal string alignment): typing slips are insertions, deletions, substitutions and swapped neighbours.</summary>
internal static class EditDistance
{
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

    /// <summary>True when the distance is at most one; skips the table when the lengths already rule it out.</summary>
    public static bool WithinOne(string a, string b) =>
        Math.Abs(a.Length - b.Length) <= 1 && DamerauLevenshtein(a, b) <= 1;
}
