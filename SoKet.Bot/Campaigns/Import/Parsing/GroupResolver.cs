using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>A unit group a sentence applies to: its name, the words the sentence used, other names for it.</summary>
internal sealed record GroupReference(string Name, string AsWritten, IReadOnlyList<string> Aliases)
{
    /// <summary>Set when the group was read from a heading above the sentence or a merged table cell.</summary>
    public Unsure? Unsure { get; init; }
}

/// <summary>
/// Finds which unit group a deadline belongs to, nearest first: the clause's own subject
/// ("Văn phòng Tỉnh ủy tổng hợp ...") or its place ("Hoàn thành tổng kết ở các huyện ủy ..."), an earlier
/// clause of the same sentence, the sentence's own item ("2.1. Cấp cơ sở: ...", "3. UBND thành phố đánh giá
/// ..."), then the headings above it ("2.1. Đối với các chi bộ, đảng bộ cơ sở" over its "-" lines, "- Đảng ủy
/// Khối:" over its "+" lines). "Các cơ quan, đơn vị nêu trên" is resolved to the earlier items of the section
/// that write a report. A group taken from a heading that only names units, or from an enclosing item, is
/// the importer's reading of the layout, not words of the sentence: it carries an <see cref="Unsure"/> note
/// with that heading.
/// </summary>
internal static class GroupResolver
{
    private static readonly HashSet<string> NonReportingVerbs = new(StringComparer.Ordinal)
    {
        "tong hop", "theo doi", "chi dao", "don doc", "huong dan", "tham muu", "chu tri", "phu trach", "du hoi nghi",
    };

    public static IReadOnlyList<GroupReference> Resolve(StructureNode node, IReadOnlyList<string> clauses, int clauseIndex, string segment, CasingRecovery? casing = null)
    {
        if (FromClause(node, segment, casing) is { Count: > 0 } own)
        {
            return own;
        }

        // A few clauses back at most: the subject of a sentence is near; a crafted run of clauses stays linear.
        for (var j = clauseIndex - 1; j >= Math.Max(0, clauseIndex - 8); j--)
        {
            if (FromClause(node, clauses[j], casing) is { Count: > 0 } earlier)
            {
                return earlier;
            }
        }

        foreach (var item in Enumerable.Prepend(node.Ancestors(), node).Where(n => !n.IsRoot))
        {
            if (FromItem(item, casing, out var headingOnly) is not { } fromItem)
            {
                continue;
            }

            // The sentence's own item naming its subject ("3. UBND thành phố đánh giá ...; gửi báo cáo ...")
            // is the plan's words; a heading that only names units, or any item above, is a reading of the layout.
            if (item != node || headingOnly)
            {
                fromItem = fromItem with
                {
                    Unsure = new Unsure($"Câu nêu thời hạn không ghi đối tượng; SoKet lấy đối tượng theo đề mục «{item.FullLine}».", item.FullLine),
                };
            }

            return [fromItem];
        }

        return [];
    }

    /// <summary>The group an item is about: its "X:" label, a heading naming units ("Đối với X"), else the subject of its first clause.</summary>
    public static GroupReference? FromItem(StructureNode item) => FromItem(item, null, out _);

    /// <param name="headingOnly">The item's text names the group and nothing else ("Đối với các chi bộ", "- Đảng ủy Khối:").</param>
    /// <remarks>Read once per item and kept on the node: every deadline below it, and every "nêu trên", asks again.</remarks>
    private static GroupReference? FromItem(StructureNode item, CasingRecovery? casing, out bool headingOnly)
    {
        item.ItemGroup ??= ReadItem(item, casing);
        headingOnly = item.ItemGroup.HeadingOnly;
        return item.ItemGroup.Group;
    }

    private static ItemGroupMemo ReadItem(StructureNode item, CasingRecovery? casing)
    {
        var verb = UnitPhrases.FirstVerbWord(UnitPhrases.AfterLeadingLabel(item.FirstClause ?? string.Empty));
        var group = ReadItem(item, casing, out var headingOnly);
        return new ItemGroupMemo(group, headingOnly, verb);
    }

    private static GroupReference? ReadItem(StructureNode item, CasingRecovery? casing, out bool headingOnly)
    {
        headingOnly = false;
        var first = item.FirstClause;
        if (first is null)
        {
            return null;
        }

        if (UnitPhrases.LeadingLabel(first) is { } label)
        {
            var after = UnitPhrases.AfterLeadingLabel(first);
            headingOnly = after.Length == 0 && item.Text.TrimEnd().EndsWith(':');
            var subject = UnitPhrases.Subject(after);
            IReadOnlyList<string> aliases = subject is not null && !VietnameseText.EqualsFolded(subject, label) ? [subject] : [];
            return new GroupReference(Cased(label, casing), label, aliases);
        }

        if (UnitPhrases.HeadingGroup(item.Text) is { } heading)
        {
            headingOnly = true;
            return new GroupReference(VietnameseText.CapitalizeFirst(Cased(heading, casing)), item.Text.Trim().TrimEnd(':').Trim(), []);
        }

        return UnitPhrases.Subject(first) is { } name ? new GroupReference(name, name, []) : null;
    }

    private static string Cased(string name, CasingRecovery? casing) => casing?.RecoverKeepingPunctuation(name) ?? name;

    private static List<GroupReference> FromClause(StructureNode node, string clause, CasingRecovery? casing)
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
            // "Hoàn thành tổng kết ở các huyện, thành, thị ủy ... trong tháng 6/2023": the place is the group.
            return UnitPhrases.Locative(clause) is { } place
                ? [new GroupReference(VietnameseText.CapitalizeFirst(place), place, [])]
                : [];
        }

        if (UnitPhrases.RefersToAbove(subject))
        {
            var resolved = ReportingItemsAbove(node, casing)
                .Select(g => g with { AsWritten = subject })
                .ToList();
            return resolved.Count > 0 ? resolved : [new GroupReference(subject, subject, [])];
        }

        return [new GroupReference(subject, subject, [])];
    }

    /// <summary>
    /// "Các cơ quan, đơn vị nêu trên" names at most this many items: a real plan refers back to a handful, and
    /// without a bound a crafted section repeating "nêu trên" after each of n items would yield n² deadlines.
    /// </summary>
    private const int MaxItemsReferredTo = 30;

    /// <summary>The items before this point in the same section whose task is to write a report of their own (the nearest ones).</summary>
    private static IEnumerable<GroupReference> ReportingItemsAbove(StructureNode node, CasingRecovery? casing)
    {
        var scope = node.Children.Count > 0 ? node : node.Parent;
        if (scope is null)
        {
            return [];
        }

        // Children are in document order: a binary search finds the last one at or before this point.
        var above = new List<GroupReference>();
        var children = scope.Children;
        int low = 0, high = children.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = children[middle].LineIndex <= node.LineIndex ? (middle + 1, high) : (low, middle);
        }

        for (var i = low - 1; i >= 0 && above.Count < MaxItemsReferredTo; i--)
        {
            var item = children[i];
            if (item.IsBullet || FromItem(item, casing, out _) is not { } reference)
            {
                continue;
            }

            var verb = item.ItemGroup!.FirstVerb;
            if (item.MentionsReport && (verb is null || !NonReportingVerbs.Contains(verb)))
            {
                above.Add(reference);
            }
        }

        above.Reverse();
        return above;
    }
}
