using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Units;

/// <summary>
/// Finds the campaign's unit group (đối tượng) an admin meant: its name or one of its aliases, typed with
/// or without diacritics, or a clear shortening of it ("UBND" for "UBND thành phố") as long as only one
/// group fits.
/// </summary>
internal sealed class CampaignGroupMatcher
{
    private readonly IReadOnlyList<CampaignGroup> _groups;
    private readonly List<(string Key, CampaignGroup Group)> _keys = [];

    public CampaignGroupMatcher(IEnumerable<CampaignGroup> groups)
    {
        _groups = groups.OrderBy(g => g.Order).ToList();
        foreach (var group in _groups)
        {
            var names = (group.Aliases ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Prepend(group.Name);
            foreach (var name in names)
            {
                var key = VietnameseText.FoldWords(name);
                if (key.Length > 0)
                    _keys.Add((key, group));
            }
        }
    }

    /// <summary>The groups as the admin may write them, for the error message.</summary>
    public string ValidNames => string.Join("; ", _groups.Select(g => $"“{g.Name}”"));

    public bool HasGroups => _groups.Count > 0;

    /// <summary>The group meant, or null with the groups that fit equally well (none, or several).</summary>
    public CampaignGroup? Match(string value, out IReadOnlyList<CampaignGroup> candidates)
    {
        var wanted = VietnameseText.FoldWords(value);
        candidates = [];
        if (wanted.Length == 0)
            return null;

        // Strictest rule first: an exact name beats a prefix, a prefix beats a word inside a name.
        Func<string, bool>[] rules =
        [
            key => key == wanted,
            key => key.StartsWith(wanted + " ", StringComparison.Ordinal) || wanted.StartsWith(key + " ", StringComparison.Ordinal),
            key => $" {key} ".Contains($" {wanted} ", StringComparison.Ordinal),
        ];
        foreach (var rule in rules)
        {
            var found = _keys.Where(k => rule(k.Key)).Select(k => k.Group).Distinct().ToList();
            if (found.Count == 1)
                return found[0];
            if (found.Count > 1)
            {
                candidates = found;
                return null;
            }
        }
        return null;
    }
}
