using System.Text;

namespace SoKet.Bot.Cli;

/// <summary>
/// The setup and scripting commands (`import-plan`, `import-units`, `package-app`, `help`), run instead of the bot when
/// the first argument names one. Messages are Vietnamese; results go to stdout, refusals to stderr.
/// </summary>
public static class CommandLine
{
    public const int Success = 0;

    /// <summary>The file, the data or the campaign was refused; nothing was changed.</summary>
    public const int Refused = 1;

    /// <summary>The command was typed wrongly.</summary>
    public const int UsageError = 2;

    private static readonly string[] Commands = ["import-plan", "import-units", "package-app", "help", "--help", "-h", "-?"];

    /// <summary>True when the arguments run a command rather than the bot (`--demo` and settings start the bot).</summary>
    public static bool IsCommand(string[] args) =>
        args is [var first, ..] && Commands.Contains(first, StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args)
    {
        UseUtf8Console();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, cancellation.Token);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
            return Usage(error, "Chưa nêu lệnh.");

        var rest = args[1..];
        switch (args[0].ToLowerInvariant())
        {
            case "import-plan":
                return ImportPlanCommand.Run(rest, output, error);
            case "import-units":
                return await ImportUnitsCommand.RunAsync(rest, output, error, cancellationToken);
            case "package-app":
                return PackageAppCommand.Run(rest, output, error);
            case "help" or "--help" or "-h" or "-?":
                await output.WriteAsync(HelpText);
                return Success;
            default:
                return Usage(error, $"Không có lệnh “{args[0]}”.");
        }
    }

    internal static int Usage(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine("Gõ `dotnet run --project SoKet.Bot -- help` để xem cách dùng.");
        return UsageError;
    }

    internal const string HelpText = """
        SoKet — Trợ lý sơ kết: các lệnh dòng lệnh

        dotnet run --project SoKet.Bot
            Chạy bot (web chat tại http://localhost:3978).
        dotnet run --project SoKet.Bot -- --demo
            Chạy bot với đợt sơ kết mẫu dựng từ Kế hoạch 125-KH/ThU của Thành ủy Lai Châu và một số đơn vị mẫu.

        dotnet run --project SoKet.Bot -- import-plan PATH [--json]
            Đọc kế hoạch (.docx, .txt, .md) và in những gì SoKet hiểu được: số, ký hiệu, cơ quan ban hành,
            ngày ban hành, trích yếu, thời điểm đánh giá, nơi nhận báo cáo, các thời hạn và đề cương báo cáo.
            Không tạo đợt sơ kết, không ghi vào cơ sở dữ liệu.
            --json   in kết quả dạng JSON (mô tả tại docs/import-plan-json.md).

        dotnet run --project SoKet.Bot -- import-units CAMPAIGN PATH
            Nạp danh sách đơn vị từ tệp CSV vào đợt sơ kết CAMPAIGN (số hiệu kế hoạch, ví dụ 125-KH/ThU,
            hoặc mã đợt). Đơn vị đã có (cùng tên) được cập nhật, đơn vị mới được thêm; có lỗi thì không lưu gì.
            Cột (dòng tiêu đề, có dấu hoặc không dấu): Tên đơn vị; Nhóm (đối tượng trong kế hoạch);
            Có chi ủy (có/không); Lãnh đạo phụ trách (e-mail); Thành viên (các e-mail, cách nhau bởi ; hoặc ,);
            Bí thư (e-mail). Phân cách bằng dấu phẩy hoặc dấu chấm phẩy; bảng mã UTF-8.
            Dùng cơ sở dữ liệu như bot (Store:ConnectionString, Store:DataDirectory; ví dụ thêm
            --Store:ConnectionString="Data Source=/var/lib/soket/soket.db").

        dotnet run --project SoKet.Bot -- package-app [--app-id GUID] [--version X.Y.Z] [--out PATH]
            Tạo gói ứng dụng Teams (.zip) từ appPackage/ với app id của bot (mặc định lấy từ MicrosoftAppId),
            mặc định ghi ra appPackage/build/soket-teams.zip.

        dotnet run --project SoKet.Bot -- help
            In hướng dẫn này.

        Mã thoát: 0 thành công; 1 tệp, dữ liệu hoặc đợt sơ kết bị từ chối (không có gì thay đổi); 2 sai cú pháp lệnh.

        """;

    private static void UseUtf8Console()
    {
        try
        {
            // Windows consoles default to a legacy code page that cannot show Vietnamese.
            Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        catch (IOException)
        {
            // No console attached (output redirected on some hosts): the stream's own encoding applies.
        }
    }
}
