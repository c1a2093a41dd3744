using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Console;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Units;
using SoKet.Bot.Data;

namespace SoKet.Bot.Cli;

/// <summary>
/// `import-units CAMPAIGN PATH [--Setting=value ...]`: loads a CSV unit list into the bot's own store,
/// configured exactly as the bot is (appsettings.json, environment variables, the settings given here).
/// </summary>
internal static class ImportUnitsCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (positional, settings) = Split(args);
        if (positional.Count != 2)
            return CommandLine.Usage(error, "Cú pháp: import-units CAMPAIGN PATH (CAMPAIGN là số hiệu kế hoạch, ví dụ 125-KH/ThU, hoặc mã đợt sơ kết).");
        var (campaignKey, path) = (positional[0], positional[1]);

        byte[] content;
        try
        {
            var info = new FileInfo(CliPaths.Resolve(path));
            if (!info.Exists)
            {
                error.WriteLine(Directory.Exists(info.FullName)
                    ? $"“{path}” là một thư mục, không phải tệp CSV danh sách đơn vị."
                    : $"Không tìm thấy tệp “{path}”. Vui lòng kiểm tra lại đường dẫn.");
                return CommandLine.Refused;
            }
            if (info.Length > UnitCsvImporter.MaxBytes)
            {
                error.WriteLine(UnitCsvText.TooLarge(UnitCsvText.Label(info.Name), info.Length, UnitCsvImporter.MaxBytes));
                return CommandLine.Refused;
            }
            content = await File.ReadAllBytesAsync(info.FullName, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Không đọc được tệp “{path}”: {e.Message}");
            return CommandLine.Refused;
        }

        await using var app = BuildStoreHost(settings);
        await app.MigrateStoreAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();

        var campaign = await FindCampaignAsync(db, campaignKey, error, cancellationToken);
        if (campaign is null)
            return CommandLine.Refused;

        var parsed = UnitCsvImporter.Parse(content, campaign, Path.GetFileName(path));
        foreach (var note in parsed.Notes)
            output.WriteLine(note);
        if (!parsed.Succeeded)
        {
            error.WriteLine(parsed.DescribeProblems());
            return CommandLine.Refused;
        }

        var summary = await UnitCsvImporter.ApplyAsync(db, campaign.Id, parsed.Rows, $"cli:{Environment.UserName}", cancellationToken);
        output.WriteLine(summary.ToVietnamese());
        output.WriteLine($"Cơ sở dữ liệu: {app.Services.GetRequiredService<ActiveStore>().Description}");
        return CommandLine.Success;
    }

    /// <summary>Only the store: nothing is served, no channel is configured, and logs go to stderr so stdout stays the result.</summary>
    private static WebApplication BuildStoreHost(IReadOnlyList<string> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. settings] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        // Bound to the console provider, this rule outranks the category levels of appsettings.json (SQL at Information).
        builder.Logging.AddFilter<ConsoleLoggerProvider>((_, level) => level >= LogLevel.Warning);
        builder.Services.AddStore(builder.Configuration);
        return builder.Build();
    }

    /// <summary>By id, or by the plan's number and symbol written with any case and spacing ("125-kh/thu").</summary>
    private static async Task<Campaign?> FindCampaignAsync(SoKetDbContext db, string key, TextWriter error, CancellationToken cancellationToken)
    {
        var campaigns = db.Campaigns.Include(c => c.Groups);
        if (Guid.TryParse(key, out var id))
        {
            var byId = await campaigns.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (byId is null)
                error.WriteLine($"Không có đợt sơ kết nào có mã “{key}”.");
            return byId;
        }

        var all = await db.Campaigns.AsNoTracking().Select(c => new { c.Id, c.Code, c.Status }).ToListAsync(cancellationToken);
        var matches = all.Where(c => CodeKey(c.Code) == CodeKey(key)).ToList();
        if (matches.Count > 1 && matches.Count(c => c.Status == CampaignStatus.Open) == 1)
            matches = matches.Where(c => c.Status == CampaignStatus.Open).ToList();

        switch (matches.Count)
        {
            case 1:
                return await campaigns.SingleAsync(c => c.Id == matches[0].Id, cancellationToken);
            case 0:
                var known = all.Select(c => c.Code).Where(c => c.Length > 0).Distinct().Take(20).ToList();
                error.WriteLine(known.Count == 0
                    ? $"Không có đợt sơ kết “{key}”: cơ sở dữ liệu chưa có đợt sơ kết nào. Vui lòng tạo đợt sơ kết từ kế hoạch trước khi nạp đơn vị."
                    : $"Không có đợt sơ kết nào có số hiệu “{key}”. Các đợt hiện có: {string.Join(", ", known)}.");
                return null;
            default:
                error.WriteLine($"Có {matches.Count} đợt sơ kết cùng số hiệu “{key}”. Vui lòng dùng mã đợt: {string.Join(", ", matches.Select(m => m.Id))}.");
                return null;
        }
    }

    private static string CodeKey(string code) => string.Concat(code.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>Positional arguments, and the `--Key=value` / `--Key value` settings passed on to configuration.</summary>
    private static (List<string> Positional, List<string> Settings) Split(string[] args)
    {
        var positional = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }
            settings.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                settings.Add(args[++i]);
        }
        return (positional, settings);
    }
}
