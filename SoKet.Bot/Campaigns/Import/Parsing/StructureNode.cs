using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// One numbered item of a plan (or an outline) with the paragraphs under it before the next label,
/// and its sub-items. The root has no label and holds whatever precedes the first one.
/// </summary>
internal sealed class StructureNode
{
    private readonly List<StructureNode> children = [];
    private readonly List<string> lines = [];

    public StructureNode(HeadingLabel? label, string text, int lineIndex)
    {
        Label = label;
        Text = text;
        LineIndex = lineIndex;
    }

    public HeadingLabel? Label { get; }

    /// <summary>The text after the label; for a label alone on its line, the next line (the heading written below it).</summary>
    public string Text { get; private set; }

    public int LineIndex { get; }

    public StructureNode? Parent { get; private set; }

    public IReadOnlyList<StructureNode> Children => children;

    /// <summary>Paragraphs after the labelled line, before the next label.</summary>
    public IReadOnlyList<string> Lines => lines;

    public bool IsRoot => Label is null;

    public bool IsBullet => Label?.IsBullet == true;

    /// <summary>The labelled line as written ("2.1. Cấp cơ sở: ...").</summary>
    public string FullLine => Label is null ? Text : (Text.Length == 0 ? Label.Label : Label.Label + " " + Text);

    /// <summary>The node's own text: its heading line then its paragraphs.</summary>
    public IEnumerable<string> Paragraphs => (Text.Length > 0 ? [Text] : Array.Empty<string>()).Concat(lines);

    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    /// <summary>
    /// Some text under this item speaks of a report ("báo cáo"). Computed once: "các cơ quan, đơn vị nêu trên"
    /// asks it of every earlier item each time it occurs.
    /// </summary>
    public bool MentionsReport => mentionsReport ??= AllParagraphs().Any(p => VietnameseText.Fold(p).Contains("bao cao", StringComparison.Ordinal));

    private bool? mentionsReport;

    /// <summary>The first clause of the item's text, computed once (every deadline under the item asks for it).</summary>
    public string? FirstClause => firstClauseDone ? firstClause : SetFirstClause();

    /// <summary>The group the item names, as <see cref="GroupResolver"/> reads it; set once per node.</summary>
    internal ItemGroupMemo? ItemGroup { get; set; }

    /// <summary>What the item's own text asks for, as <see cref="DueClassifier"/> reads it; set once per node.</summary>
    internal IReadOnlyList<DueKind>? ItemDues { get; set; }

    private string? firstClause;
    private bool firstClauseDone;

    private string? SetFirstClause()
    {
        var sentence = SentenceSplitter.Sentences(Text).FirstOrDefault();
        firstClause = sentence is null ? null : SentenceSplitter.Clauses(sentence).FirstOrDefault();
        firstClauseDone = true;
        return firstClause;
    }

    public void AddChild(StructureNode child)
    {
        child.Parent = this;
        children.Add(child);
    }

    /// <summary>A label alone on its line takes the next plain line as its heading ("Phần 1" / "ĐÁNH GIÁ KẾT QUẢ ...").</summary>
    public void AddLine(string line)
    {
        if (!IsRoot && Text.Length == 0 && lines.Count == 0 && children.Count == 0)
        {
            Text = line;
            return;
        }

        lines.Add(line);
    }

    public IEnumerable<StructureNode> Descendants() => children.SelectMany(c => c.Descendants().Prepend(c));

    public IEnumerable<StructureNode> Ancestors()
    {
        for (var node = Parent; node is not null; node = node.Parent)
        {
            yield return node;
        }
    }

    /// <summary>All text under this node, its own and its descendants', in document order.</summary>
    public IEnumerable<string> AllParagraphs() => Paragraphs.Concat(children.SelectMany(c => c.AllParagraphsWithLabels()));

    private IEnumerable<string> AllParagraphsWithLabels() =>
        new[] { FullLine }.Concat(lines).Concat(children.SelectMany(c => c.AllParagraphsWithLabels()));

    /// <summary>"II. › 2. › 2.1.": the numbered (not bulleted) items from the top down to this one.</summary>
    public string? Location()
    {
        var labels = Ancestors().Reverse().Append(this)
            .Where(n => n.Label is { IsBullet: false })
            .Select(n => n.Label!.Label)
            .ToList();
        return labels.Count == 0 ? null : string.Join(" › ", labels);
    }

    public override string ToString() => FullLine;
}

/// <summary>An item's group as read from its own text, with how it was read; cached on the node.</summary>
internal sealed record ItemGroupMemo(GroupReference? Group, bool HeadingOnly, string? FirstVerb);
