using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Import;

/// <summary>
/// Splits a unit's own draft into the sections of the campaign's outline. Pure: paragraphs and outline in, a
/// <see cref="DraftSplit"/> out; nothing is read or stored here.
/// <list type="number">
/// <item>Paragraphs that may be headings are found whatever their numbering ("Phần I", "A.", "II.", "1.", "2.1", "a)",
/// Word's automatic numbering already rendered in front) or formatting (a Heading style, a bold or capital line).</item>
/// <item>Each is scored against each outline heading (<see cref="HeadingMatcher"/>), and the draft's headings are
/// aligned with the outline's in reading order, keeping the order of both and the highest total score (a dynamic
/// programme like a longest common subsequence). The order is what tells apart the outline's repeated headings
/// ("2.1. Nguyên nhân khách quan" of the results and of the shortcomings) and keeps a sub-point "Kết quả:" deep
/// inside a section from being taken for a heading the draft has already passed. A second pass nudges each numbering
/// style towards the outline level most of its matched headings sit at.</item>
/// <item>Paragraphs follow the heading above them. A heading that matched nothing is a sub-heading of the section
/// (kept in its text) when it is numbered deeper than the section's own heading; at the same level or above, it and
/// its paragraphs are set aside. So are the text before the first matched heading, the text under an outline
/// heading that only groups others, the indicator appendix, and the closing (from "Nơi nhận" or the signature).</item>
/// </list>
/// </summary>
public static class DraftSplitter
{
    /// <summary>The lowest score at which a draft heading is taken for an outline heading.</summary>
    public const double MatchThreshold = 0.5;

    /// <summary>
    /// A heading that only groups others takes no text, so matching it wrongly costs more than missing it (a document
    /// title "Báo cáo sơ kết giữa nhiệm kỳ" is not "Phần 1. Đánh giá kết quả giữa nhiệm kỳ"): it must match better.
    /// </summary>
    public const double GroupMatchThreshold = 0.6;

    /// <summary>
    /// A report has tens of headings, a long one a few hundred; past this many candidates (a file of thousands of bold
    /// lines) the rest are read as content, which bounds the alignment to candidates × outline cells.
    /// </summary>
    public const int MaxCandidates = 4000;

    /// <summary>The closing is looked for among this many last paragraphs only: "Nơi nhận" higher up is content.</summary>
    private const int ClosingWindow = 60;

    private const double PreferEarlier = 1e-4;

    /// <summary>Second pass: a heading numbered in a style whose matches mostly sit at one outline level is drawn to that level.</summary>
    private const double LevelBonus = 0.05;

    private const double LevelPenalty = 0.15;

    public static DraftSplit Split(IReadOnlyList<DraftParagraph> paragraphs, IReadOnlyList<OutlineHeading> outline)
    {
        var lines = paragraphs
            .Select(p => p with { Text = Clean(p.Text, p.InTable) })
            .Where(p => p.Text.Length > 0)
            .ToList();
        var closing = ClosingStart(lines);
        var candidates = DraftHeadings.Find(lines, closing, MaxCandidates);
        var matcher = new HeadingMatcher(outline);
        var keys = candidates.Select(c => matcher.Key(c.Words, c.LabelKey)).ToList();

        var aligned = Align(candidates, keys, outline, matcher, levelOfStyle: null);
        var levels = DominantLevels(candidates, aligned, outline);
        if (levels.Count > 0)
            aligned = Align(candidates, keys, outline, matcher, levels);

        return Assign(lines, closing, candidates, aligned, outline);
    }

    /// <summary>
    /// The best order-keeping pairing of candidates with outline headings: dp[h, e] is the best total using the first h
    /// candidates and the first e headings. Ties go to the earlier outline heading.
    /// </summary>
    private static Dictionary<int, (int Entry, double Score)> Align(List<HeadingCandidate> candidates, List<HeadingKey> keys, IReadOnlyList<OutlineHeading> outline,
        HeadingMatcher matcher, IReadOnlyDictionary<string, int>? levelOfStyle)
    {
        int h = candidates.Count, e = outline.Count;
        var score = new float[h * e];
        for (var i = 0; i < h; i++)
        {
            for (var j = 0; j < e; j++)
            {
                var s = matcher.Score(keys[i], j) * candidates[i].Strength;
                if (levelOfStyle is not null && levelOfStyle.TryGetValue(candidates[i].StyleKey, out var level))
                    s += outline[j].Level == level ? LevelBonus : -LevelPenalty;
                score[(i * e) + j] = s >= (outline[j].IsWritable ? MatchThreshold : GroupMatchThreshold) ? (float)s : 0f;
            }
        }

        var dp = new double[(h + 1) * (e + 1)];
        int At(int i, int j) => (i * (e + 1)) + j;
        double Pair(int i, int j) => dp[At(i - 1, j - 1)] + score[((i - 1) * e) + j - 1] - (PreferEarlier * (j - 1));
        for (var i = 1; i <= h; i++)
        {
            for (var j = 1; j <= e; j++)
            {
                var best = Math.Max(dp[At(i - 1, j)], dp[At(i, j - 1)]);
                if (score[((i - 1) * e) + j - 1] > 0)
                    best = Math.Max(best, Pair(i, j));
                dp[At(i, j)] = best;
            }
        }

        var pairs = new Dictionary<int, (int Entry, double Score)>();
        for (int i = h, j = e; i > 0 && j > 0;)
        {
            if (score[((i - 1) * e) + j - 1] > 0 && dp[At(i, j)] == Pair(i, j))
            {
                pairs[i - 1] = (j - 1, score[((i - 1) * e) + j - 1]);
                i--;
                j--;
            }
            else if (dp[At(i, j)] == dp[At(i - 1, j)])
                i--;
            else
                j--;
        }
        return pairs;
    }

    /// <summary>
    /// Numbering styles whose matched headings mostly (three in five, at least two) sit at one outline level. The reference
    /// outline itself numbers "I." at two levels (under "B." and under "Phần 2"), so the pull is gentle.
    /// </summary>
    private static Dictionary<string, int> DominantLevels(List<HeadingCandidate> candidates, Dictionary<int, (int Entry, double Score)> aligned, IReadOnlyList<OutlineHeading> outline)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var style in aligned.GroupBy(p => candidates[p.Key].StyleKey))
        {
            var levels = style.Select(p => outline[p.Value.Entry].Level).ToList();
            var top = levels.GroupBy(l => l).OrderByDescending(g => g.Count()).First();
            if (levels.Count >= 2 && top.Count() * 5 >= levels.Count * 3)
                result[style.Key] = top.Key;
        }
        return result;
    }

    private static DraftSplit Assign(List<DraftParagraph> lines, int closing, List<HeadingCandidate> candidates, Dictionary<int, (int Entry, double Score)> aligned, IReadOnlyList<OutlineHeading> outline)
    {
        var byLine = candidates.Select((c, i) => (c, i)).ToDictionary(x => x.c.Line, x => x.i);
        var skip = aligned.Keys.Select(i => candidates[i].Continuation).OfType<int>().ToHashSet();

        var sections = new List<(int Entry, string Written, double Score, List<string> Paragraphs)>();
        var aside = new List<(AsideReason Reason, string? Heading, string? Under, List<string> Paragraphs)>();
        var unmatched = new List<string>();
        List<string> current = [];
        aside.Add((AsideReason.Preamble, null, null, current));
        // The headings open above the current paragraph (matched ones, and unmatched ones set aside), with their outline level.
        var path = new List<(HeadingCandidate Heading, int Level)>();
        // Numbered sub-points inside the current block, by style: the next one of a list continues it, whatever the headings above.
        var sublists = new Dictionary<string, string?>(StringComparer.Ordinal);

        for (var i = 0; i < closing; i++)
        {
            if (skip.Contains(i))
                continue;
            if (byLine.TryGetValue(i, out var index))
            {
                var candidate = candidates[index];
                if (aligned.TryGetValue(index, out var match))
                {
                    var (entry, score) = match;
                    var heading = outline[entry];
                    current = [];
                    if (heading.IsWritable && !heading.IsIndicatorTable)
                        sections.Add((entry, candidate.Display, Math.Round(score, 2), current));
                    else
                        aside.Add((heading.IsIndicatorTable ? AsideReason.IndicatorTable : AsideReason.UnderGroupHeading, candidate.Display, heading.Title, current));
                    if (candidate.RunIn is { } runIn)
                        current.Add(runIn);
                    Open(path, candidate, heading.Level);
                    sublists.Clear();
                    continue;
                }
                if (path.Count > 0 && SiblingLevel(candidate, path, sublists) is { } level)
                {
                    current = [];
                    aside.Add((AsideReason.NoMatchingSection, candidate.Display, null, current));
                    unmatched.Add(candidate.Display);
                    if (candidate.RunIn is { } runIn)
                        current.Add(runIn);
                    // Deeper headings under it belong to it; the next one of its list starts another block.
                    Open(path, candidate, level);
                    sublists.Clear();
                    continue;
                }
                if (candidate.LabelKey is not null)
                    sublists[candidate.StyleKey] = candidate.LabelKey;
            }
            current.Add(Content(lines[i]));
        }

        if (closing < lines.Count)
            aside.Add((AsideReason.Closing, null, null, lines.Skip(closing).Select(Content).ToList()));

        var unmatchedHeadings = sections.Count == 0
            ? candidates.Select(c => c.Display).Take(12).ToList()
            : unmatched;
        return new DraftSplit(
            sections.Where(s => s.Paragraphs.Count > 0).Select(s => new SectionFill(outline[s.Entry].Id, s.Written, s.Score, s.Paragraphs)).ToList(),
            aside.Where(a => a.Paragraphs.Count > 0 || a.Reason == AsideReason.NoMatchingSection).Select(a => new AsideBlock(a.Reason, a.Heading, a.Under, a.Paragraphs)).ToList(),
            candidates.Count,
            unmatchedHeadings);
    }

    private static void Open(List<(HeadingCandidate Heading, int Level)> path, HeadingCandidate heading, int level)
    {
        path.RemoveAll(p => p.Level >= level);
        path.Add((heading, level));
    }

    /// <summary>
    /// The outline level of an unmatched heading that is a heading of its own — the next of a list a heading above belongs
    /// to ("V." after "IV.", "2.5." after "2.4."), or a Heading style no deeper than one above — rather than a sub-point of
    /// the section (null). A list begun inside the section ("1.", "2.", "3." under "I.") stays its content however its
    /// numbers run, and bold or capital lines are never headings of their own: drafters bold sub-headings as often as headings.
    /// </summary>
    private static int? SiblingLevel(HeadingCandidate candidate, List<(HeadingCandidate Heading, int Level)> path, Dictionary<string, string?> sublists)
    {
        if (candidate.StyleKey is "bold" or "caps")
            return null;
        if (candidate.LabelKey is not null)
        {
            if (sublists.TryGetValue(candidate.StyleKey, out var last) && HeadingMatcher.Continues(last, candidate.LabelKey))
                return null;
            foreach (var (heading, level) in path)
                if (heading.StyleKey == candidate.StyleKey && HeadingMatcher.Continues(heading.LabelKey, candidate.LabelKey))
                    return level;
            return null;
        }
        if (candidate.HeadingLevel is { } mine)
            foreach (var (heading, level) in path)
                if (heading.HeadingLevel is { } theirs && mine <= theirs)
                    return level;
        return null;
    }

    /// <summary>The first paragraph of the closing ("Nơi nhận", "T/M BAN CHẤP HÀNH", "K/T BÍ THƯ") among the last ones; the count when there is none.</summary>
    private static int ClosingStart(List<DraftParagraph> lines)
    {
        var start = lines.Count;
        for (var i = lines.Count - 1; i >= Math.Max(0, lines.Count - ClosingWindow); i--)
        {
            var folded = VietnameseText.FoldWords(lines[i].Text.Length > 40 ? lines[i].Text[..40] : lines[i].Text);
            if (folded.StartsWith("noi nhan", StringComparison.Ordinal) ||
                (VietnameseText.IsUpperCase(lines[i].Text) && (folded.StartsWith("t m ", StringComparison.Ordinal) || folded.StartsWith("tm ", StringComparison.Ordinal) ||
                    folded.StartsWith("k t ", StringComparison.Ordinal) || folded.StartsWith("kt ", StringComparison.Ordinal))))
                start = i;
        }
        return start;
    }

    /// <summary>A paragraph as it goes into a section: a table row's cells separated by " | ".</summary>
    private static string Content(DraftParagraph line) => line.InTable ? line.Text.Replace("\t", " | ", StringComparison.Ordinal) : line.Text;

    /// <summary>NFC, spaces collapsed (a line break or tab inside a Word paragraph becomes a space), trimmed; a table row keeps its cells apart.</summary>
    private static string Clean(string text, bool inTable)
    {
        var normalized = VietnameseText.Normalize(text);
        if (!inTable)
            return VietnameseText.CollapseSpaces(normalized);
        var cells = normalized.Split('\t').Select(VietnameseText.CollapseSpaces).ToList();
        return cells.All(c => c.Length == 0) ? "" : string.Join('\t', cells);
    }
}
