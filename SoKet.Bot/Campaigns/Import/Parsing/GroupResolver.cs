using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>A unit group a sentence applies to: its name, the words the sentence used, other names for it.</summary>
internal sealed record GroupReference(string Name, string AsWritten, IReadOnlyList<string> Aliases);

/// <summary>
/// Finds which unit group a deadline belongs to, nearest first: the clause's own subject
/// ("Văn phòng Tỉnh ủy tổng hợp ..."), an earlier clause of the same sentence, then the enclosing items
/// ("2.1. Cấp cơ sở: ...", "- Đảng ủy Khối:" over its "+" lines, "3. UBND thành phố đánh giá ...").
/// "Các cơ quan, đơn vị nêu trên" is resolved to the earlier items of the section that write a report.
/// </summary>
internal static class GroupResolver
{
    private static readonly HashSet<string> NonReportingVerbs = new(StringComparer.Ordinal)
    {
        "tong hop", "theo doi", "chi dao", "don doc", "huong dan", "tham muu", "chu tri", "phu trach", "du hoi nghi",
    };

    public static IReadOnlyList<GroupReference> Resolve(StructureNode node, IReadOnlyList<string> clauses, int clauseIndex, string segment)
    {
        if (FromClause(node, segment) is { Count: > 0 } own)
        {
            return own;
        }

        for (var j = clauseIndex - 1; j >= 0; j--)
        {
            if (FromClause(node, clauses[j]) is { Count: > 0 } earlier)
            {
                return earlier;
            }
        }

        foreach (var item in Enumerable.Prepend(node.Ancestors(), node).Where(n => !n.IsRoot))
        {
            if (FromItem(item) is { } fromItem)
            {
                return [fromItem];
            }
        }

        return [];
    }

    /// <summary>The group an item is about: its "X:" label, else the subject of its first clause.</summary>
    public static GroupReference? FromItem(StructureNode item)
    {
        var first = FirstClause(item.Text);
        if (first is null)
        {
            return null;
        }

        if (UnitPhrases.LeadingLabel(first) is { } label)
        {
            var subject = UnitPhrases.Subject(UnitPhrases.AfterLeadingLabel(first));
            IReadOnlyList<string> aliases = subject is not null && !VietnameseText.EqualsFolded(subject, label) ? [subject] : [];
            return new GroupReference(label, label, aliases);
        }

        return UnitPhrases.Subject(first) is { } name ? new GroupReference(name, name, []) : null;
    }

    private static List<GroupReference> FromClause(StructureNode node, string clause)
    {
        var label = UnitPhrases.LeadingLabel(clause);
        if (label is not null)
        {
            var labelled = UnitPhrases.Subject(UnitPhrases.AfterLeadingLabel(clause));
            IReadOnlyList<string> aliases = labelled is not null && !VietnameseText.EqualsFolded(labelled, label) ? [labelled] : [];
            return [new GroupReference(label, label, aliases)];
        }

        var subject = UnitPhrases.Subject(clause);
        if (subject is null)
        {
            return [];
        }

        if (UnitPhrases.RefersToAbove(subject))
        {
            var resolved = ReportingItemsAbove(node)
                .Select(g => g with { AsWritten = subject })
                .ToList();
            return resolved.Count > 0 ? resolved : [new GroupReference(subject, subject, [])];
        }

        return [new GroupReference(subject, subject, [])];
    }

    /// <summary>The items before this point in the same section whose task is to write a report of their own.</summary>
    private static IEnumerable<GroupReference> ReportingItemsAbove(StructureNode node)
    {
        var scope = node.Children.Count > 0 ? node : node.Parent;
        if (scope is null)
        {
            yield break;
        }

        foreach (var item in scope.Children.Where(c => !c.IsBullet && c.LineIndex <= node.LineIndex))
        {
            var reference = FromItem(item);
            if (reference is null)
            {
                continue;
            }

            var verb = UnitPhrases.FirstVerbWord(UnitPhrases.AfterLeadingLabel(FirstClause(item.Text) ?? string.Empty));
            var writesReport = item.AllParagraphs().Any(p => VietnameseText.Fold(p).Contains("bao cao", StringComparison.Ordinal));
            if (writesReport && (verb is null || !NonReportingVerbs.Contains(verb)))
            {
                yield return reference;
            }
        }
    }

    private static string? FirstClause(string text)
    {
        var sentence = SentenceSplitter.Sentences(text).FirstOrDefault();
        return sentence is null ? null : SentenceSplitter.Clauses(sentence).FirstOrDefault();
    }
}
