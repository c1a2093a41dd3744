using System.IO.Compression;
using System.Text.Json.Nodes;
using SoKet.Bot.Export;
using SoKet.Bot.Tests.Export.Fixtures;

namespace SoKet.Bot.Tests.Export;

/// <summary>
/// The .zip an admin uploads to Teams: built from appPackage/ with an app id, checked by Microsoft's own
/// validator (@microsoft/app-manifest, offline, against the schema it bundles), and its icons decoded.
/// </summary>
public sealed class TeamsAppPackageTests : IDisposable
{
    private const string AppId = "6f1c2a9e-4b7d-4c3e-9a51-2d8e0b7f4c21";
    private static readonly string Repository = FindRepository();
    private static readonly string Template = Path.Combine(Repository, "appPackage", "manifest.json");
    private static readonly string Validator = Path.Combine(Repository, "SoKet.Bot.Tests", "manifest-validator");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "soket-tests", "app-package-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Package_holds_the_manifest_with_the_app_id_and_both_icons()
    {
        var zipPath = Path.Combine(_directory, "build", "soket.zip");

        TeamsAppPackager.Build(Template, AppId, "1.2.3", zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        var manifest = ReadManifest(zip);
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("1.2.3", manifest["version"]!.GetValue<string>());
        Assert.Equal("Trợ lý sơ kết", manifest["name"]!["short"]!.GetValue<string>());
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repository, "appPackage", "color.png")), ReadBytes(zip, "color.png"));
    }

    [Fact]
    public async Task Packaged_manifest_passes_microsofts_validator_at_the_newest_bundled_schema()
    {
        var manifestPath = ExtractManifest();

        var (exitCode, output) = await ValidateAsync(manifestPath);

        Assert.True(exitCode == 0, output);
        var result = JsonNode.Parse(output)!;
        Assert.Empty(result["errors"]!.AsArray());
        var newest = Directory.GetDirectories(Path.Combine(Validator, "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams"), "v1.*")
            .Select(d => Version.Parse(Path.GetFileName(d)[1..])).Max()!;
        Assert.Equal($"build/json-schemas/teams/v{newest}/MicrosoftTeams.schema.json", result["schema"]!.GetValue<string>());
    }

    [Fact]
    public async Task Manifest_stays_within_the_limits_of_v1_19_so_an_admin_can_lower_the_version()
    {
        var manifestPath = ExtractManifest();

        var (exitCode, output) = await ValidateAsync(manifestPath, "--as-version", "1.19");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task Validator_reports_what_is_wrong_with_a_broken_manifest()
    {
        var manifestPath = ExtractManifest();
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["name"]!["short"] = "Trợ lý sơ kết giữa nhiệm kỳ của các cấp ủy";   // more than 30 characters
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "meeting");
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var (exitCode, output) = await ValidateAsync(manifestPath);

        Assert.Equal(1, exitCode);
        var errors = JsonNode.Parse(output)!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.StartsWith("/name/short must NOT have more than 30 characters", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/bots/0/scopes/1 must be equal to one of the allowed values", StringComparison.Ordinal));
    }

    [Fact]
    public void Bot_works_in_personal_team_and_group_chats_takes_files_and_lists_vietnamese_commands()
    {
        var bot = JsonNode.Parse(File.ReadAllText(Template))!["bots"]!.AsArray().Single()!;

        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(bot["supportsFiles"]!.GetValue<bool>());
        var lists = bot["commandLists"]!.AsArray();
        var personal = lists.Single(l => l!["scopes"]!.AsArray().Any(s => s!.GetValue<string>() == "personal"))!["commands"]!.AsArray()
            .Select(c => c!["title"]!.GetValue<string>()).ToList();
        Assert.Superset(new HashSet<string> { "soạn báo cáo", "hạn nộp", "tình hình nộp báo cáo", "đôn đốc", "tổng hợp báo cáo", "xuất báo cáo", "trợ giúp" }, personal.ToHashSet());
        var shared = lists.Single(l => l!["scopes"]!.AsArray().Any(s => s!.GetValue<string>() == "team"))!;
        Assert.Contains("groupChat", shared["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.All(lists, l => Assert.InRange(l!["commands"]!.AsArray().Count, 1, 10));
    }

    [Fact]
    public void Colour_icon_is_192_square_opaque_in_the_accent_red_with_the_yellow_badge()
    {
        var icon = PngImage.Load(Path.Combine(Repository, "appPackage", "color.png"));

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.Equal(Rgba(0xB3, 0x12, 0x1A, 255), icon[0, 0]);        // full bleed in the manifest's accentColor
        Assert.Equal(Rgba(0xB3, 0x12, 0x1A, 255), icon[191, 191]);
        var pixels = Pixels(icon).ToList();
        Assert.All(pixels, p => Assert.Equal(255, p.A));
        Assert.Contains(Rgba(0xFF, 0xCD, 0x00, 255), pixels);          // the yellow badge
        Assert.Contains(Rgba(0xFF, 0xFF, 0xFF, 255), pixels);          // the white sheet
    }

    [Fact]
    public void Outline_icon_is_32_square_white_on_transparent()
    {
        var icon = PngImage.Load(Path.Combine(Repository, "appPackage", "outline.png"));

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.True(icon.HasAlpha);
        var pixels = Pixels(icon).ToList();
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal(Rgba(255, 255, 255, p.A), p));
        Assert.Equal(0, icon[0, 0].A);
        Assert.Equal(0, icon[31, 31].A);
        Assert.InRange(pixels.Count(p => p.A == 255), 60, 700);    // a drawn glyph, neither empty nor a filled square
        Assert.InRange(pixels.Count(p => p.A == 0), 300, 1000);
    }

    [Theory]
    [InlineData("not-a-guid", null)]
    [InlineData("", null)]
    [InlineData(AppId, "1.2")]
    [InlineData(AppId, "v1.0.0")]
    public void Build_refuses_an_app_id_that_is_not_a_guid_and_a_version_that_is_not_semantic(string appId, string? version)
    {
        var zipPath = Path.Combine(_directory, "refused.zip");

        Assert.Throws<ArgumentException>(() => TeamsAppPackager.Build(Template, appId, version, zipPath));
        Assert.False(File.Exists(zipPath));
    }

    /// <summary>Packages the app and takes the manifest back out of the zip, as Teams reads it.</summary>
    private string ExtractManifest()
    {
        var zipPath = Path.Combine(_directory, "soket.zip");
        TeamsAppPackager.Build(Template, AppId, null, zipPath);
        var manifestPath = Path.Combine(_directory, "manifest.json");
        using var zip = ZipFile.OpenRead(zipPath);
        zip.GetEntry("manifest.json")!.ExtractToFile(manifestPath, overwrite: true);
        return manifestPath;
    }

    private static async Task<(int ExitCode, string Output)> ValidateAsync(string manifestPath, params string[] options)
    {
        var (exitCode, stdout, stderr) = await ExternalTools.RunProcessAsync("node", TimeSpan.FromMinutes(1), Validator,
            ["validate.mjs", manifestPath, .. options]);
        Assert.True(exitCode is 0 or 1, $"the validator failed to run ({exitCode}): {stderr}");
        return (exitCode, stdout.Trim());
    }

    private static JsonNode ReadManifest(ZipArchive zip)
    {
        using var stream = zip.GetEntry("manifest.json")!.Open();
        return JsonNode.Parse(stream)!;
    }

    private static byte[] ReadBytes(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static (byte R, byte G, byte B, byte A) Rgba(int r, int g, int b, int a) => ((byte)r, (byte)g, (byte)b, (byte)a);

    private static IEnumerable<(byte R, byte G, byte B, byte A)> Pixels(PngImage image)
    {
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
                yield return image[x, y];
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SoKet.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("SoKet.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (DirectoryNotFoundException) { } catch (IOException) { }
    }
}
