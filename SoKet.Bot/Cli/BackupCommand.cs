using System.CommandLine;
using System.Globalization;
using Npgsql;
using SoKet.Bot.Data;

namespace SoKet.Bot.Cli;

/// <summary>
/// `backup PATH [--Setting=value ...]`: a consistent copy of the SQLite store taken while the bot runs
/// (<see cref="SqliteBackup"/>), checked after writing. On PostgreSQL it names the pg_dump command instead: the server's
/// own tool takes a consistent online dump, and SoKet has nothing to add to it.
/// </summary>
internal static class BackupCommand
{
    private const string Syntax = "Cú pháp: backup PATH (PATH là tệp sao lưu sẽ tạo, chưa tồn tại).";

    public static Command Create()
    {
        var path = new Argument<string?>("PATH") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("backup", """
            Sao lưu cơ sở dữ liệu SQLite của bot (Store:*, mặc định App_Data/soket.db) vào tệp PATH, ngay cả khi
            bot đang chạy: bản sao là trạng thái trọn vẹn tại một thời điểm (mọi thay đổi đã lưu trước đó, không
            có thay đổi dở dang), được kiểm tra toàn vẹn sau khi ghi. Không ghi đè tệp đã có. Với PostgreSQL,
            lệnh chỉ ra cách sao lưu bằng pg_dump.
            """)
        {
            path,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(path)))
                result.AddError($"Chưa nêu tệp sao lưu. {Syntax}");
            else if (CommandLine.LooksLikeOption(result.GetValue(path)!))
                result.AddError($"Các thiết lập như “{result.GetValue(path)}” đặt sau PATH. {Syntax}");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (CliStore.Stray(parse.UnmatchedTokens) is { } stray)
                return Task.FromResult(CommandLine.Usage(error, $"Lệnh backup không nhận thêm tham số “{stray}”. {Syntax}"));
            return RunAsync(parse.GetValue(path)!, parse.UnmatchedTokens, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string path, IReadOnlyList<string> settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var app = CliStore.BuildHost(settings);
        var store = app.Services.GetRequiredService<ActiveStore>();
        if (store.Provider == StoreProvider.PostgreSql)
        {
            error.WriteLine($"Cơ sở dữ liệu là PostgreSQL ({store.Description}): sao lưu bằng công cụ của PostgreSQL, khi bot vẫn chạy:");
            error.WriteLine("  " + PgDump(store.ConnectionString, path));
            error.WriteLine("Khôi phục vào một cơ sở dữ liệu trống: pg_restore --no-owner -d \"<chuỗi kết nối>\" " + path + " (xem README, mục “Sao lưu và khôi phục”).");
            return CommandLine.Refused;
        }

        var source = Path.GetFullPath(store.Description);
        if (!File.Exists(source))
        {
            error.WriteLine($"Không có cơ sở dữ liệu tại {source}: chưa có gì để sao lưu.");
            return CommandLine.Refused;
        }
        var target = CliPaths.ResolveNew(path);
        if (File.Exists(target) || Directory.Exists(target))
        {
            error.WriteLine($"Đã có “{target}”; lệnh backup không ghi đè. Hãy chọn tên tệp khác.");
            return CommandLine.Refused;
        }
        if (string.Equals(target, source, StringComparison.Ordinal))
        {
            error.WriteLine("Tệp sao lưu trùng với cơ sở dữ liệu đang dùng.");
            return CommandLine.Refused;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var started = DateTimeOffset.UtcNow;
        await SqliteBackup.BackupAsync(store.ConnectionString, target, cancellationToken);
        var check = await SqliteBackup.CheckAsync(target, cancellationToken);
        if (!check.Intact)
        {
            error.WriteLine($"Bản sao lưu {target} không đạt kiểm tra ({check.Problem}); không dùng được tệp này.");
            return CommandLine.Refused;
        }
        var at = Text.VietnamTime.Local(started.UtcDateTime).ToString("HH:mm:ss 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
        output.WriteLine($"Đã sao lưu {source} vào {target} ({(check.Bytes / 1024.0).ToString("N0", Vietnamese)} KB, {check.Tables} bảng), trạng thái lúc {at}.");
        output.WriteLine($"Kiểm tra toàn vẹn: đạt. Phiên bản dữ liệu: {check.LastMigration}.");
        return CommandLine.Success;
    }

    /// <summary>The pg_dump command for this database, without its password (pg_dump reads PGPASSWORD or ~/.pgpass).</summary>
    internal static string PgDump(string connectionString, string path)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture,
            $"pg_dump --format=custom --file={path} --host={builder.Host} --port={builder.Port} --username={builder.Username ?? "soket"} {builder.Database ?? "soket"}");
    }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
}
