using System.Text.RegularExpressions;
using SoKet.Bot.Tests.Cards;

namespace SoKet.Bot.Tests.Architecture;

/// <summary>
/// The layers of SoKet.Bot point one way: no two folders depend on each other (directly or round a cycle), no
/// feature reaches into Channels, and Protocol knows no campaign or report. A folder depends on another when one
/// of its files names that folder's namespace (a using or a qualified name) or a type declared there by a
/// qualified name. Read from the committed sources, so a new dependency fails here before review.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string[] Domain = ["Campaigns", "Reports", "Drafting", "Tracking", "Reminders", "Export", "People", "Demo", "Identity"];
    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Graph = new(Build);

    [Fact]
    public void The_analysis_sees_the_dependencies_that_exist()
    {
        // A check that found nothing would pass for the wrong reason: these are known, intended dependencies.
        Assert.Contains("Campaigns", Graph.Value["Reports"].Keys);
        Assert.Contains("Reports", Graph.Value["Drafting"].Keys);
        Assert.Contains("Turns", Graph.Value["Channels"].Keys);
    }

    [Fact]
    public void No_folders_depend_on_each_other_round_a_cycle()
    {
        var cycles = StronglyConnected(Graph.Value).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, "Folders in a dependency cycle: " + string.Join("; ", cycles.Select(c =>
            string.Join(", ", c.SelectMany(a => c.Where(b => Graph.Value[a].ContainsKey(b)).Select(b => $"{a}→{b} ({Graph.Value[a][b]})"))))));
    }

    [Fact]
    public void No_feature_reaches_into_channels()
    {
        var into = Graph.Value.Where(f => f.Key != "Channels" && f.Value.ContainsKey("Channels")).Select(f => $"{f.Key} ({f.Value["Channels"]})").ToList();
        Assert.True(into.Count == 0, "Folders that name a type of Channels/: " + string.Join(", ", into));
    }

    [Fact]
    public void Protocol_knows_no_campaign_or_report()
    {
        var domain = Graph.Value["Protocol"].Where(d => Domain.Contains(d.Key)).Select(d => $"{d.Key} ({d.Value})").ToList();
        Assert.True(domain.Count == 0, "Protocol/ depends on: " + string.Join(", ", domain));
    }

    /// <summary>Folder → the folders it depends on, each with one file that shows it.</summary>
    private static Dictionary<string, Dictionary<string, string>> Build()
    {
        var root = Path.Combine(RepositoryPaths.Root, "SoKet.Bot");
        string[] skip = ["bin", "obj", "node_modules", "wwwroot", "webchat", "Migrations"];
        var files = Directory.GetDirectories(root)
            .Where(d => !skip.Contains(Path.GetFileName(d)))
            .ToDictionary(d => Path.GetFileName(d)!, d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(skip.Contains))
                .Select(f => (Path: Path.GetRelativePath(root, f), Text: File.ReadAllText(f)))
                .ToList());
        files = files.Where(f => f.Value.Count > 0).ToDictionary(f => f.Key, f => f.Value);
        var declared = files.ToDictionary(f => f.Key, f => f.Value.SelectMany(x => Declaration().Matches(x.Text).Select(m => m.Groups[1].Value)).ToHashSet());

        var graph = files.Keys.ToDictionary(f => f, _ => new Dictionary<string, string>());
        foreach (var (folder, sources) in files)
        foreach (var (path, text) in sources)
        {
            foreach (Match m in Namespace().Matches(text))
                Add(folder, m.Groups[1].Value, path);
            foreach (Match m in Qualified().Matches(text))
                if (declared.TryGetValue(m.Groups[1].Value, out var types) && types.Contains(m.Groups[2].Value))
                    Add(folder, m.Groups[1].Value, path);
        }
        return graph;

        void Add(string from, string to, string path)
        {
            if (to != from && graph.ContainsKey(to))
                graph[from].TryAdd(to, path);
        }
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        foreach (var v in graph.Keys.Where(v => !index.ContainsKey(v)))
            Visit(v);
        return components;

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in graph[v].Keys)
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] != index[v])
                return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                component.Add(x);
            } while (x != v);
            components.Add(component);
        }
    }

    [GeneratedRegex(@"\b(?:class|record|interface|enum|struct)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"SoKet\.Bot\.(\w+)")]
    private static partial Regex Namespace();

    // "Channels.Files.X" or "Drafting.AiOptions": a folder named, then the type (declared there) at the end.
    [GeneratedRegex(@"(?<![\w.])([A-Z]\w+)\.(?:[A-Z]\w*\.)*([A-Z]\w*)")]
    private static partial Regex Qualified();
}
