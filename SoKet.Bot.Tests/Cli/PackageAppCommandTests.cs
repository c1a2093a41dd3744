using System.IO.Compression;
using System.Text.Json.Nodes;
using SoKet.Bot.Tests.Cards;

namespace SoKet.Bot.Tests.Cli;

/// <summary>`package-app` builds the zip an admin uploads to Teams, with the bot's app id filled in.</summary>
public sealed class PackageAppCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "soket-package-" + Guid.NewGuid().ToString("N"), "soket.zip");

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    [Fact]
    public async Task The_package_carries_the_app_id_and_both_icons()
    {
        const string appId = "7c1e2a3b-4d5f-4a6b-8c9d-0e1f2a3b4c5d";

        var result = await BotProcess.RunAsync(RepositoryPaths.Root, null, "package-app", "--app-id", appId, "--out", _out);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Đã tạo gói ứng dụng Teams", result.Output);
        using var zip = ZipFile.OpenRead(_out);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.Equal(appId, manifest["id"]!.GetValue<string>());
        Assert.Equal(appId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_app_id_that_is_not_a_guid_is_refused_in_vietnamese()
    {
        var result = await BotProcess.RunAsync(RepositoryPaths.Root, null, "package-app", "--app-id", "khong-phai-guid", "--out", _out);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Không tạo được gói ứng dụng", result.Error);
        Assert.False(File.Exists(_out));
    }
}
