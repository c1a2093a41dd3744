using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>The three real plans (TestData/seeds), read the way an upload is read.</summary>
internal static class SeedPlans
{
    public const string LaiChau = "ke-hoach-125-KH-ThU-lai-chau-2023.txt";
    public const string HaTinh = "ke-hoach-150-KH-TU-ha-tinh-2023.txt";
    public const string DangUyKhoi = "ke-hoach-dang-uy-khoi-doanh-nghiep-2018.txt";

    public static readonly string[] All = [LaiChau, HaTinh, DangUyKhoi];

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", name);

    /// <summary>The file's text exactly as stored (not normalised).</summary>
    public static string RawText(string name) => File.ReadAllText(PathOf(name));

    public static string ReadNormalized(string name) => new PlanTextReader().Read(PathOf(name)).Text;

    public static PlanExtraction Import(string name) => PlanImporter.Extract(ReadNormalized(name));

    public static Deadline For(this IEnumerable<Deadline> deadlines, string group, DueKind due) =>
        deadlines.Single(d => d.UnitGroup == group && d.Due == due);

    public static IEnumerable<string> Headings(this IEnumerable<OutlineSection> sections) => sections.Select(s => s.Heading);
}
