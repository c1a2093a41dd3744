using System.CommandLine;
using System.Globalization;
using SoKet.Bot.Data;

namespace SoKet.Bot.Cli;

/// <summary>
/// `restore PATH [--Setting=value ...]`: puts a backup made by `backup` in place of the SQLite store — only when no
/// bot (or command) is using the store (<see cref="SqliteInstanceLock"/>), and keeping the replaced file beside it.
/// On PostgreSQL it names the pg_restore command instead.
/// </summary>
internal static class RestoreCommand
{
    private const string Syntax = "Cú pháp: restore PATH (PATH là tệp do lệnh backup tạo).";

    public static Command Create()
    {
        var path = new Argument<string?>("PATH") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("restore", """
            Khôi phục cơ sở dữ liệu SQLite của bot (Store:*) từ tệp sao lưu PATH do lệnh backup tạo. Phải dừng bot
            trước: khi bot (hoặc một lệnh khác) đang dùng cơ sở dữ liệu thì từ chối, không thay đổi gì. Tệp đang có
            được giữ lại bên cạnh (soket.db.before-restore-…). Lần chạy bot tiếp theo tự cập nhật cấu trúc dữ liệu
            nếu bản sao lưu thuộc phiên bản cũ hơn. Với PostgreSQL, lệnh chỉ ra cách khôi phục bằng pg_restore.
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
                return Task.FromResult(CommandLine.Usage(error, $"Lệnh restore không nhận thêm tham số “{stray}”. {Syntax}"));
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
            error.WriteLine($"Cơ sở dữ liệu là PostgreSQL ({store.Description}): khôi phục bản pg_dump vào một cơ sở dữ liệu trống bằng");
            error.WriteLine($"  pg_restore --no-owner --dbname=<cơ sở dữ liệu trống> {path}");
            error.WriteLine("rồi trỏ Store__ConnectionString tới cơ sở dữ liệu đó (xem README, mục “Sao lưu và khôi phục”).");
            return CommandLine.Refused;
        }

        var backup = CliPaths.Resolve(path);
        if (!File.Exists(backup))
        {
            error.WriteLine($"Không tìm thấy tệp sao lưu “{path}”.");
            return CommandLine.Refused;
        }
        var check = await SqliteBackup.CheckAsync(backup, cancellationToken);
        if (!check.Intact)
        {
            error.WriteLine($"Tệp “{path}” không phải bản sao lưu dùng được của SoKet ({check.Problem}); không thay đổi gì.");
            return CommandLine.Refused;
        }

        var target = Path.GetFullPath(store.Description);
        // The same file under any spelling: `./`, `//`, `..` or a symbolic link to it or to a folder above it.
        if (FileIdentity.Same(backup, target))
        {
            error.WriteLine("Tệp sao lưu chính là cơ sở dữ liệu đang dùng; không thay đổi gì.");
            return CommandLine.Refused;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var exclusive = SqliteInstanceLock.TryExclusive(target);
        if (exclusive is null)
        {
            error.WriteLine($"Bot (hoặc một lệnh khác) đang chạy trên cơ sở dữ liệu {target}; không khôi phục đè lên cơ sở dữ liệu đang dùng. Hãy dừng bot rồi chạy lại lệnh restore.");
            return CommandLine.Refused;
        }
        var suffix = ".before-restore-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        // The backup is copied beside the store and checked there before the store is touched.
        var (replaced, kept, restored) = await SqliteBackup.RestoreAsync(backup, target, suffix, cancellationToken);
        if (!replaced)
        {
            error.WriteLine($"Bản sao của tệp “{path}” không đạt kiểm tra ({restored.Problem}); không thay đổi gì.");
            return CommandLine.Refused;
        }
        output.WriteLine($"Đã khôi phục {target} từ {backup} (phiên bản dữ liệu {restored.LastMigration}).");
        if (kept is not null)
            output.WriteLine($"Cơ sở dữ liệu trước khi khôi phục được giữ ở {kept}.");
        output.WriteLine("Bước tiếp theo: khởi động lại bot.");
        return CommandLine.Success;
    }
}
