using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;

namespace SoKet.Bot.Cli;

/// <summary>
/// `copy-store --to CONNECTION [--to-provider PostgreSQL] [--Setting=value ...]`: moves an installation to another
/// store (SQLite → PostgreSQL when an office outgrows one machine). The source is the store the bot is configured for.
/// </summary>
internal static class CopyStoreCommand
{
    private const string Syntax = "Cú pháp: copy-store --to \"<chuỗi kết nối PostgreSQL>\" [--to-provider PostgreSQL|SQLite].";

    public static Command Create()
    {
        var to = new Option<string?>("--to") { HelpName = "CONNECTION", Description = "chuỗi kết nối tới cơ sở dữ liệu đích (trống, chưa có dữ liệu của SoKet)." };
        var toProvider = new Option<string?>("--to-provider") { HelpName = "PROVIDER", Description = "loại cơ sở dữ liệu đích: PostgreSQL (mặc định) hoặc SQLite." };
        var command = new Command("copy-store", """
            Chép toàn bộ dữ liệu của SoKet (đợt sơ kết, đơn vị, báo cáo, lịch sử sửa, hàng đợi nhắc hạn, hội thoại
            web chat…) từ cơ sở dữ liệu bot đang dùng (Store:*, mặc định App_Data/soket.db) sang cơ sở dữ liệu
            đích, rồi đối chiếu số bản ghi của từng bảng. Cơ sở dữ liệu đích phải trống; có dữ liệu thì từ chối,
            không ghi gì. Nên dừng bot trước khi chép.
            """)
        {
            to,
            toProvider,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (CliStore.Stray(parse.UnmatchedTokens) is { } stray)
                return Task.FromResult(CommandLine.Usage(error, $"Lệnh copy-store không nhận thêm tham số “{stray}”. {Syntax}"));
            if (string.IsNullOrWhiteSpace(parse.GetValue(to)))
                return Task.FromResult(CommandLine.Usage(error, $"Chưa nêu cơ sở dữ liệu đích. {Syntax}"));
            if (StoreProvider.Find(parse.GetValue(toProvider) ?? StoreProvider.PostgreSqlName) is not { } provider)
                return Task.FromResult(CommandLine.Usage(error, $"Loại cơ sở dữ liệu đích “{parse.GetValue(toProvider)}” không được hỗ trợ. {Syntax}"));
            return RunAsync(parse.GetValue(to)!, provider, parse.UnmatchedTokens, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string target, StoreProvider targetProvider, IReadOnlyList<string> settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var app = CliStore.BuildHost(settings);
        var source = app.Services.GetRequiredService<ActiveStore>();
        if (targetProvider.Validate(new StoreOptions { Provider = targetProvider.Name, ConnectionString = target }) is { } problem)
        {
            error.WriteLine($"Chuỗi kết nối tới cơ sở dữ liệu đích chưa đúng: {problem}");
            return CommandLine.Refused;
        }
        if (targetProvider == StoreProvider.PostgreSql && await StoreCopy.CheckPostgreSqlAsync(target, cancellationToken) is { } unreachable)
        {
            error.WriteLine($"Không kết nối được tới cơ sở dữ liệu đích {targetProvider.Describe(target)}: {unreachable}");
            return CommandLine.Refused;
        }
        var targetStore = new StoreOptions { Provider = targetProvider.Name, ConnectionString = target };
        if (string.Equals(targetProvider.Describe(targetProvider.ResolveConnectionString(targetStore, Environment.CurrentDirectory)), source.Description, StringComparison.Ordinal))
        {
            error.WriteLine("Cơ sở dữ liệu đích trùng với cơ sở dữ liệu bot đang dùng; không chép.");
            return CommandLine.Refused;
        }

        // The source is brought up to this release's schema first, so both sides have the same tables.
        await app.MigrateStoreAsync();
        output.WriteLine($"Chép từ {source.Description} sang {targetProvider.Describe(target)}…");
        await using var from = source.CreateContext();
        await using var into = targetProvider.CreateContext(target, app.Services.GetRequiredService<IOptions<StoreOptions>>().Value);
        var progress = new Reporter(t => output.WriteLine($"  {t.Table}: {t.Source.ToString("N0", Vietnamese)} bản ghi"));
        var result = await StoreCopy.CopyAsync(from, into, targetProvider, progress, cancellationToken);
        if (result.Refused)
        {
            error.WriteLine($"Từ chối: cơ sở dữ liệu đích đã có dữ liệu của SoKet ({result.Problem}). Không có gì được ghi. Hãy dùng một cơ sở dữ liệu trống.");
            return CommandLine.Refused;
        }
        if (!result.Succeeded)
        {
            error.WriteLine($"Chép không thành công: {result.Problem}. Cơ sở dữ liệu đích không bị ghi dở (giao dịch đã hủy).");
            return CommandLine.Refused;
        }
        var rows = result.Tables.Sum(t => t.Target);
        output.WriteLine($"Đã chép {rows.ToString("N0", Vietnamese)} bản ghi của {result.Tables.Count} bảng; số bản ghi từng bảng khớp với nguồn.");
        output.WriteLine($"Bước tiếp theo: chạy bot với Store__Provider={targetProvider.Name} và Store__ConnectionString trỏ tới cơ sở dữ liệu mới.");
        return CommandLine.Success;
    }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Reports on the copying thread, in order (Progress&lt;T&gt; would post to the thread pool and reorder the lines).</summary>
    private sealed class Reporter(Action<TableCopy> report) : IProgress<TableCopy>
    {
        public void Report(TableCopy value) => report(value);
    }
}
