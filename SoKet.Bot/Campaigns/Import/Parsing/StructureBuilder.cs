namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// Builds the item tree from labelled lines without assuming any fixed hierarchy: a label style seen
/// before and still open is a sibling of that earlier item (closing everything opened since); a style
/// not open is a child of the current item. So "Phần 1 / A. / I. / 1. / 2.1." and "I- / 1- / 1.1. / - / +"
/// both nest correctly, and so do outlines that skip a level or number "2.1." under "1.".
/// </summary>
internal static class StructureBuilder
{
    public static StructureNode Build(IEnumerable<string> lines)
    {
        var root = new StructureNode(null, string.Empty, -1);
        var open = new List<StructureNode> { root };
        var index = 0;
        foreach (var line in lines)
        {
            var lineIndex = index++;
            if (NumberingLabel.IsSeparator(line))
            {
                continue;
            }

            // A table row ("1\tCác chi bộ\t...") is never a heading, whatever its first cell holds.
            var candidates = line.Contains('\t', StringComparison.Ordinal) ? [] : NumberingLabel.Parse(line);
            if (candidates.Count == 0)
            {
                open[^1].AddLine(line);
                continue;
            }

            var label = Choose(candidates, open);
            var node = new StructureNode(label, label.Text, lineIndex);
            var sibling = open.FindLastIndex(n => n.Label?.StyleKey == label.StyleKey);
            if (sibling > 0)
            {
                open.RemoveRange(sibling, open.Count - sibling);
            }

            open[^1].AddChild(node);
            open.Add(node);
        }

        return root;
    }

    /// <summary>
    /// "C." after "B." is a letter, "I." after "B." a roman numeral: prefer the reading that continues an
    /// open list, then roman for I/V/X (lists rarely reach the ninth letter) and the letter otherwise.
    /// </summary>
    private static HeadingLabel Choose(IReadOnlyList<HeadingLabel> candidates, List<StructureNode> open)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        foreach (var candidate in candidates)
        {
            var previous = open.LastOrDefault(n => n.Label?.StyleKey == candidate.StyleKey)?.Label;
            if (previous is not null && Continues(previous, candidate))
            {
                return candidate;
            }
        }

        var roman = candidates.FirstOrDefault(c => c.Style == LabelStyle.Roman);
        return roman is not null && roman.Label[0] is 'I' or 'V' or 'X' ? roman : candidates.First(c => c.Style != LabelStyle.Roman);
    }

    private static bool Continues(HeadingLabel previous, HeadingLabel next) => next.Style switch
    {
        LabelStyle.UpperLetter or LabelStyle.LowerLetter => NumberingLabel.IsNextLetter(previous.Value, next.Value),
        _ => next.Value == previous.Value + 1,
    };
}
