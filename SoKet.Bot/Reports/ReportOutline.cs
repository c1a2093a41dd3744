using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Reports;

/// <summary>One heading of the outline as a unit sees it: structure only, or a section it writes.</summary>
/// <param name="Parent">The heading above, when a title alone would be ambiguous (its parent is below the top level).</param>
public sealed record OutlineEntry(CampaignSection Section, bool IsWritable, CampaignSection? Parent = null)
{
    public Guid Id => Section.Id;

    /// <summary>"II.1. Hạn chế, khuyết điểm" style label for lists and notices.</summary>
    public string Title => SectionTitles.Compose(Section.NumberLabel, Section.Heading);

    /// <summary>
    /// The parent's title, composed when asked: only lists of missing sections show it, and composing folds the
    /// heading, which every turn paid for every section when it was composed with the outline.
    /// </summary>
    public string? ParentTitle => Parent is null ? null : SectionTitles.Compose(Parent.NumberLabel, Parent.Heading);

    /// <summary>The title with its parent, for lists where "1. Về kinh tế" alone would be ambiguous.</summary>
    public string TitleInContext => ParentTitle is { } parent ? $"{Title} (thuộc «{parent}»)" : Title;

    public bool IsIndicatorTable => Section.Kind == SectionKind.IndicatorTable;
}

/// <summary>The outline sections that apply to one unit, in reading order.</summary>
public static class ReportOutline
{
    /// <summary>
    /// All sections except the conditional self-review for units without a committee when the unit has
    /// one (125-KH/ThU, II.1: units with a chi ủy write a separate self-review report), with everything
    /// below it. Headings with children are structure; text goes in the leaves.
    /// </summary>
    public static IReadOnlyList<OutlineEntry> For(IEnumerable<CampaignSection> sections, Unit unit)
    {
        var ordered = sections.OrderBy(s => s.Order).ToList();
        var excluded = new HashSet<Guid>();
        foreach (var section in ordered)
        {
            var parentExcluded = section.ParentId is { } parent && excluded.Contains(parent);
            if (parentExcluded || (section.Condition == ConditionKind.UnitWithoutCommittee && unit.HasCommittee))
                excluded.Add(section.Id);
        }

        var parents = ordered.Where(s => s.ParentId is not null).Select(s => s.ParentId!.Value).ToHashSet();
        var byId = ordered.ToDictionary(s => s.Id);
        return ordered
            .Where(s => !excluded.Contains(s.Id))
            .Select(s => new OutlineEntry(s, IsWritable: !parents.Contains(s.Id) || s.Kind == SectionKind.IndicatorTable,
                s.ParentId is { } parent && byId.TryGetValue(parent, out var p) && p.Level > 1 ? p : null))
            .ToList();
    }
}
