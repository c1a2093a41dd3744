using System.CommandLine;
using Microsoft.Extensions.Configuration;
using SoKet.Bot.Export;

namespace SoKet.Bot.Cli;

/// <summary>
/// `package-app [--app-id GUID] [--version X.Y.Z] [--out PATH]`: the .zip to upload to Teams, built from
/// appPackage/ with the bot's app id filled in (from the option or the MicrosoftAppId setting).
/// </summary>
internal static class PackageAppCommand
{
    public static Command Create()
    {
        var appId = new Option<string?>("--app-id") { HelpName = "GUID", Description = "app id của bot (mặc định lấy từ MicrosoftAppId)." };
        var version = new Option<string?>("--version") { HelpName = "X.Y.Z", Description = "phiên bản của gói (mặc định giữ phiên bản trong appPackage/manifest.json)." };
        var outPath = new Option<string?>("--out") { HelpName = "PATH", Description = "nơi ghi gói (mặc định appPackage/build/soket-teams.zip)." };
        var command = new Command("package-app", "Tạo gói ứng dụng Teams (.zip) từ appPackage/ với app id của bot.")
        {
            appId,
            version,
            outPath,
        };
        command.SetAction(parse => Run(parse.GetValue(appId), parse.GetValue(version), parse.GetValue(outPath),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string? appId, string? version, string? outPath, TextWriter output, TextWriter error)
    {
        appId ??= new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build()["MicrosoftAppId"];
        if (string.IsNullOrWhiteSpace(appId))
            return CommandLine.Usage(error, "Chưa có app id: dùng --app-id <GUID> hoặc đặt biến môi trường MicrosoftAppId.");

        var manifest = FindManifest();
        if (manifest is null)
        {
            error.WriteLine("Không tìm thấy appPackage/manifest.json (chạy lệnh từ thư mục mã nguồn SoKet).");
            return CommandLine.Refused;
        }
        var target = CliPaths.Resolve(outPath ?? Path.Combine(Path.GetDirectoryName(manifest)!, "build", "soket-teams.zip"));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            TeamsAppPackager.Build(manifest, appId.Trim(), version, target);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"Không tạo được gói ứng dụng: {ex.Message}");
            return CommandLine.Refused;
        }
        output.WriteLine($"Đã tạo gói ứng dụng Teams: {target}");
        output.WriteLine("Tải lên trong Teams: Ứng dụng → Quản lý ứng dụng → Tải lên ứng dụng (hoặc nhờ quản trị viên tenant phát hành).");
        return CommandLine.Success;
    }

    private static string? FindManifest()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "appPackage", "manifest.json");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
