namespace SoKet.Bot.Tests.Cards;

/// <summary>Source folders the card tests read: the templates and samples as committed, not build copies.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Cards => Path.Combine(Root, "cards");

    public static string Samples => Path.Combine(Root, "SoKet.Bot.Tests", "Cards", "samples");

    public static string ParityCases => Path.Combine(Root, "SoKet.Bot.Tests", "Cards", "parity-cases.json");

    public static string ReferenceEngine => Path.Combine(Root, "SoKet.Bot.Tests", "js");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SoKet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SoKet.sln not found above {AppContext.BaseDirectory}.");
    }
}
