using System.Text;
using System.Text.RegularExpressions;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Chat;

/// <summary>
/// The outline as editable text on the confirmation card: one heading per line, two spaces of
/// indentation per level ("I. Kết quả…", "  1. Về xây dựng Đảng"). Lines the admin left as they were
/// keep the plan's guidance and section kind; new lines become free-text sections.
/// </summary>
public static partial class OutlineText
{
    private const string Indent = "  ";

    public static string Format(PlanOutline outline)
    {
        var text = new StringBuilder();
        foreach (var section in outline.AllSections())
        {
            if (text.Length > 0)
                text.Append('\n');
            text.Append(string.Concat(Enumerable.Repeat(Indent, Math.Max(0, section.Level - 1))));
            text.Append(Line(section));
        }
        return text.ToString();
    }

    /// <summary>Null when the text is the outline as shown (nothing to change).</summary>
    public static PlanOutline? ParseIfChanged(string? edited, PlanOutline original)
    {
        if (edited is null || Normalize(edited) == Normalize(Format(original)))
            return null;

        var known = new Dictionary<string, OutlineSection>(StringComparer.Ordinal);
        foreach (var section in original.AllSections())
            known.TryAdd(VietnameseText.Fold(Line(section)), section);

        var roots = new List<Node>();
        var stack = new List<Node>();
        foreach (var raw in edited.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var trimmed = VietnameseText.CleanLine(raw);
            if (trimmed.Length == 0)
                continue;
            var spaces = raw.Length - raw.TrimStart(' ', '\t', '\u00A0').Length;
            var level = Math.Min(stack.Count + 1, spaces / Indent.Length + 1);
            var node = new Node(trimmed, level);
            while (stack.Count >= level)
                stack.RemoveAt(stack.Count - 1);
            (stack.Count == 0 ? roots : stack[^1].Children).Add(node);
            stack.Add(node);
        }
        return original with
        {
            Origin = original.Origin,
            Sections = roots.Select((n, i) => Build(n, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, known)).ToList(),
        };
    }

    private static OutlineSection Build(Node node, string id, int level, IReadOnlyDictionary<string, OutlineSection> known)
    {
        var children = node.Children.Select((c, i) => Build(c, $"{id}.{i + 1}", level + 1, known)).ToList();
        if (known.TryGetValue(VietnameseText.Fold(node.Text), out var kept))
            return kept with { Id = id, Level = level, Children = children };
        var (label, heading) = SplitLabel(node.Text);
        return new OutlineSection
        {
            Id = id,
            NumberLabel = label,
            Level = level,
            Heading = heading,
            Kind = SectionKind.FreeText,
            IsEvaluative = SectionPurposes.FromHeading(heading) is not null,
            Source = "Do văn phòng bổ sung khi xác nhận kế hoạch",
            Children = children,
        };
    }

    /// <summary>"2.1. Nguyên nhân" → ("2.1.", "Nguyên nhân"); "Phần 1: …", "a) …", "II. …" likewise; no label → ("", text).</summary>
    internal static (string Label, string Heading) SplitLabel(string line)
    {
        var match = LabelledLine().Match(line);
        return match.Success ? (match.Groups["label"].Value, match.Groups["heading"].Value) : ("", line);
    }

    // No lookarounds or backreferences: the non-backtracking engine reads an edited outline line in linear time.
    [GeneratedRegex(@"^(?<label>(?:Phần\s+(?:thứ\s+)?\S+?[:.]?|[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|[A-Z]\.|-))\s+(?<heading>.+)$", RegexOptions.NonBacktracking)]
    private static partial Regex LabelledLine();

    private static string Line(OutlineSection section) => SectionTitles.Compose(section.NumberLabel, section.Heading);

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0));

    private sealed record Node(string Text, int Level)
    {
        public List<Node> Children { get; } = [];
    }
}
