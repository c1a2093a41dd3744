using System.CommandLine;
using Microsoft.EntityFrameworkCore;
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
    private const string Syntax = "Cú pháp: import-units CAMPAIGN PATH (CAMPAIGN là số hiệu kế hoạch, ví dụ 125-KH/ThU, hoặc mã đợt sơ kết).";

    public static Command Create()
    {
        var campaign = new Argument<string?>("CAMPAIGN") { Arity = ArgumentArity.ZeroOrOne };
        var path = new Argument<string?>("PATH") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("import-units", """
            Nạp danh sách đơn vị từ tệp CSV vào đợt sơ kết CAMPAIGN (số hiệu kế hoạch, ví dụ 125-KH/ThU,
            hoặc mã đợt). Đơn vị đã có (cùng tên) được cập nhật, đơn vị mới được thêm; có lỗi thì không lưu gì.
            Cột (dòng tiêu đề, có dấu hoặc không dấu): Tên đơn vị; Nhóm (đối tượng trong kế hoạch);
            Có chi ủy (có/không); Lãnh đạo phụ trách (e-mail); Thành viên (các e-mail, cách nhau bởi ; hoặc ,);
            Bí thư (e-mail). Phân cách bằng dấu phẩy hoặc dấu chấm phẩy; bảng mã UTF-8.
            Dùng cơ sở dữ liệu như bot (Store:ConnectionString, Store:DataDirectory; ví dụ thêm
            --Store:ConnectionString="Data Source=/var/lib/soket/soket.db").
            """)
        {
            campaign,
            path,
        };
        // Settings (--Store:ConnectionString=…) are configuration keys, not options one could declare: they reach the
        // action as unmatched tokens and go to configuration the way the bot reads its own command line.
        command.TreatUnmatchedTokensAsErrors = false;
        command.Validators.Add(result =>
        {
            string?[] values = [result.GetValue(campaign), result.GetValue(path)];
            if (values.Any(string.IsNullOrWhiteSpace))
                result.AddError(Syntax);
            // System.CommandLine hands an undeclared `--Key=value` to a free argument, so settings must come last.
            else if (values.FirstOrDefault(v => CommandLine.LooksLikeOption(v!)) is { } setting)
                result.AddError($"Các thiết lập như “{setting}” đặt sau CAMPAIGN PATH. {Syntax}");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (CliStore.Stray(parse.UnmatchedTokens) is { } stray)
                return Task.FromResult(CommandLine.Usage(error, $"Lệnh import-units không nhận thêm tham số “{stray}”. {Syntax}"));
            return RunAsync(parse.GetValue(campaign)!, parse.GetValue(path)!, parse.UnmatchedTokens, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string campaignKey, string path, IReadOnlyList<string> settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
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

        await using var app = CliStore.BuildHost(settings);
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

}
