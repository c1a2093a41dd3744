using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SoKet.Bot.Export;

/// <summary>
/// Builds the .zip an admin uploads to Teams (Teams admin center, or "Upload a custom app"): the
/// manifest with the Azure Bot's app id filled in, and the two icons it names, at the root of the zip.
/// </summary>
public static partial class TeamsAppPackager
{
    /// <param name="manifestTemplatePath">appPackage/manifest.json; its icons are read from the same folder.</param>
    /// <param name="appId">The Azure Bot's Microsoft App ID (a GUID): becomes the app id and the bot id.</param>
    /// <param name="version">The app version (semantic version, e.g. "1.2.0"); null keeps the template's. Teams needs a higher version to update an installed app.</param>
    /// <param name="outZipPath">Where to write the package; its folder is created.</param>
    public static void Build(string manifestTemplatePath, string appId, string? version, string outZipPath)
    {
        if (!Guid.TryParseExact(appId?.Trim(), "D", out var id))
            throw new ArgumentException($"The app id must be a GUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427, not '{appId}'.", nameof(appId));
        if (version is not null && !SemanticVersion().IsMatch(version))
            throw new ArgumentException($"The version must look like 1.0.0, not '{version}'.", nameof(version));

        var manifest = JsonNode.Parse(File.ReadAllText(manifestTemplatePath))?.AsObject()
            ?? throw new InvalidDataException($"{manifestTemplatePath} is not a JSON object.");
        var appIdText = id.ToString("D");
        manifest["id"] = appIdText;
        if (manifest["bots"] is JsonArray bots)
        {
            foreach (var bot in bots.OfType<JsonObject>())
                bot["botId"] = appIdText;
        }
        if (version is not null)
            manifest["version"] = version;

        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestTemplatePath))!;
        var icons = new[] { "color", "outline" }
            .Select(kind => manifest["icons"]?[kind]?.GetValue<string>()
                ?? throw new InvalidDataException($"The manifest names no {kind} icon."))
            .ToList();
        foreach (var icon in icons)
        {
            if (!File.Exists(Path.Combine(folder, icon)))
                throw new FileNotFoundException($"The icon {icon} named in the manifest is not next to it.", Path.Combine(folder, icon));
        }

        var outFolder = Path.GetDirectoryName(Path.GetFullPath(outZipPath));
        if (!string.IsNullOrEmpty(outFolder))
            Directory.CreateDirectory(outFolder);
        // Write beside the target and move into place, so a failed build never leaves half a package.
        var temporary = outZipPath + ".tmp";
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
            using (var stream = entry.Open())
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                manifest.WriteTo(writer);
            foreach (var icon in icons)
                zip.CreateEntryFromFile(Path.Combine(folder, icon), icon.Replace('\\', '/'), CompressionLevel.Optimal);
        }
        File.Move(temporary, outZipPath, overwrite: true);
    }

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$", RegexOptions.NonBacktracking)]
    private static partial Regex SemanticVersion();
}
