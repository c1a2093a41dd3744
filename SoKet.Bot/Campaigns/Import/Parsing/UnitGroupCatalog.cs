using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// Collects unit groups under one name each. A plan names the same group several ways ("Cấp cơ sở",
/// "Cấp ủy, các chi bộ, đảng bộ cơ sở", "Các chi bộ, đảng bộ cơ sở"); names meet under
/// <see cref="UnitPhrases.GroupKey"/>. The first name seen wins, so an explicit "Đối tượng:" list,
/// read first, names its groups.
/// </summary>
internal sealed partial class UnitGroupCatalog
{
    // Indexed by key and by name: a crafted plan with thousands of groups or deadlines stays linear.
    private readonly List<Entry> entries = [];
    private readonly Dictionary<string, Entry> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> byName = new(StringComparer.Ordinal);
    private readonly IssuerMatcher issuer;

    public UnitGroupCatalog(IssuerMatcher issuer) => this.issuer = issuer;

    /// <summary>Adds the groups of an explicit list ("- Đối tượng: Các chi, đảng bộ trực thuộc Đảng ủy Khối; Đảng ủy Khối.").</summary>
    public void AddDeclaredGroups(StructureNode body)
    {
        foreach (var node in body.Descendants().Prepend(body))
        {
            var paragraphs = node.Lines.Select(l => (Text: l, Source: l)).Prepend((Text: node.Text, Source: node.FullLine));
            foreach (var (paragraph, source) in paragraphs)
            {
                var m = DeclaredGroups().Match(VietnameseText.FoldPreservingLength(paragraph));
                if (!m.Success)
                {
                    continue;
                }

                foreach (var name in paragraph[m.Length..].Split(';').Select(n => n.Trim().TrimEnd('.').Trim()))
                {
                    if (UnitPhrases.LooksLikeUnitGroup(name))
                    {
                        Add(name, [], source);
                    }
                }
            }
        }
    }

    /// <summary>Registers a name (and its aliases); returns the canonical name of its group.</summary>
    public string Add(string name, IReadOnlyList<string> aliases, string source)
    {
        var names = aliases.Prepend(name).ToList();
        var keys = names.Select(UnitPhrases.GroupKey).ToList();
        // The earliest group sharing any of the keys, as a scan of the groups in order would find.
        var entry = keys.Select(k => byKey.GetValueOrDefault(k)).OfType<Entry>().MinBy(e => e.Order);
        if (entry is null)
        {
            entry = new Entry(name, source, issuer.IsIssuer(name), entries.Count);
            entries.Add(entry);
            byName.TryAdd(entry.Name, entry);
            entry.Folded.Add(VietnameseText.Fold(entry.Name));
        }

        foreach (var key in keys)
        {
            byKey.TryAdd(key, entry);
        }

        foreach (var n in names)
        {
            if (entry.Folded.Add(VietnameseText.Fold(n)))
            {
                entry.Aliases.Add(n);
            }
        }

        return entry.Name;
    }

    public bool IsIssuer(string canonicalName) => byName.TryGetValue(canonicalName, out var entry) ? entry.IsIssuer : issuer.IsIssuer(canonicalName);

    /// <summary>
    /// The issuer's own task: its conference or its office's work, or one of its staff bodies compiling the
    /// reports or preparing its conference ("Ban Tổ chức Tỉnh ủy tham mưu tổ chức hội nghị sơ kết của Tỉnh ủy"):
    /// a staff body holds no review conference of its own.
    /// </summary>
    public bool IsIssuerTask(string canonicalName, DueKind due) =>
        IsIssuer(canonicalName) || (due is DueKind.Compilation or DueKind.Conference && issuer.IsStaffOf(canonicalName));

    public IReadOnlyList<UnitGroup> Build(IReadOnlyList<Deadline> deadlines)
    {
        var ids = deadlines.ToLookup(d => d.UnitGroup, d => d.Id, StringComparer.Ordinal);
        return entries.Select(e => new UnitGroup(e.Name, e.Aliases.ToList(), e.IsIssuer, ids[e.Name].ToList(), e.Source)).ToList();
    }

    [GeneratedRegex(@"^doi tuong(?: [a-z ]{1,30})?\s*:\s*")]
    private static partial Regex DeclaredGroups();

    private sealed class Entry(string name, string source, bool isIssuer, int order)
    {
        public int Order { get; } = order;

        public string Name { get; } = name;

        public string Source { get; } = source;

        public bool IsIssuer { get; } = isIssuer;

        public List<string> Aliases { get; } = [];

        /// <summary>The name and aliases folded: a spelling already known is not added again.</summary>
        public HashSet<string> Folded { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>
/// Tells the issuing committee's own tasks from its subordinates': "Thành ủy Lai Châu" (its conference),
/// "Văn phòng Tỉnh ủy" (its office compiling), "Đảng ủy Khối" (reporting upward) are the issuer's.
/// </summary>
internal sealed partial class IssuerMatcher
{
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    public IssuerMatcher(params string?[] issuerNames)
    {
        foreach (var name in issuerNames.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            var core = Core(name!);
            if (core.Length > 0)
            {
                names.Add(core);
            }
        }
    }

    /// <summary>
    /// The issuer under its own name or a shortened one: "Đảng ủy Sở" for "Đảng ủy Sở Y tế", "Thành ủy" for
    /// "Thành ủy Lai Châu" (at least two words, so a bare "Đảng ủy" matches only itself).
    /// </summary>
    public bool IsIssuer(string group)
    {
        var core = Core(group);
        return names.Contains(core) ||
               (core.Split(' ').Length >= 2 && names.Any(n => n.StartsWith(core + " ", StringComparison.Ordinal))) ||
               IsOwnLevel(core);
    }

    /// <summary>
    /// "Cấp tỉnh" in a plan of the Tỉnh ủy, "cấp huyện" in one of a Huyện ủy: the issuer's own level ("hoàn thành
    /// tổng kết ở cấp tỉnh trong tháng 7"). In a Tỉnh ủy plan "cấp huyện" is its subordinates and stays so.
    /// </summary>
    private bool IsOwnLevel(string core)
    {
        var committee = core switch
        {
            "cap tinh" => "tinh uy",
            "cap huyen" => "huyen uy",
            "cap thanh pho" or "cap thanh" => "thanh uy",
            "cap quan" => "quan uy",
            "cap thi xa" => "thi uy",
            _ => null,
        };
        return committee is not null && names.Any(n => n == committee || n.StartsWith(committee + " ", StringComparison.Ordinal));
    }

    /// <summary>"Ban Tổ chức Huyện ủy" is a staff body of "Ban Thường vụ Huyện ủy": its compiling is the issuer's work.</summary>
    public bool IsStaffOf(string group)
    {
        var folded = VietnameseText.Fold(group);
        return names.Any(n => folded.EndsWith(" " + n, StringComparison.Ordinal) && folded.StartsWith("ban ", StringComparison.Ordinal));
    }

    private static string Core(string name) => LeadingRole().Replace(VietnameseText.Fold(name), string.Empty).Trim();

    [GeneratedRegex(@"^(van phong|ban thuong vu|ban chap hanh|thuong truc|tap the)\s+")]
    private static partial Regex LeadingRole();
}
