using SoKet.Bot.Cli;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Cli;

/// <summary>What is a command, and how a wrongly typed one is answered: in Vietnamese, on stderr, with exit code 2.</summary>
public sealed class CommandLineUsageTests
{
    private const string HelpHint = "Gõ `dotnet run --project SoKet.Bot -- help` để xem cách dùng.";

    [Theory]
    [InlineData("import-plan", true)]
    [InlineData("Import-Units", true)]
    [InlineData("package-app", true)]
    [InlineData("help", true)]
    [InlineData("--help", true)]
    [InlineData("-h", true)]
    [InlineData("-?", true)]
    [InlineData("--demo", false)]
    [InlineData("--demo-reset", false)]
    [InlineData("--Store:DataDirectory=/var/lib/soket", false)]
    [InlineData("--Store:DataDirectory", false)]
    [InlineData("--urls", false)]
    // Any other first word is a command, mistyped or unknown: answered with exit code 2, never by starting the bot.
    [InlineData("import", true)]
    [InlineData("imprt-plan", true)]
    [InlineData("nosuch", true)]
    public void A_command_is_told_from_the_bots_own_arguments(string first, bool isCommand)
    {
        Assert.Equal(isCommand, CommandLine.IsCommand([first, "x"]));
    }

    [Fact]
    public void No_arguments_start_the_bot() => Assert.False(CommandLine.IsCommand([]));

    [Theory]
    [InlineData(new[] { "sao-luu", "soket.bak" }, "Không có lệnh “sao-luu”.")]
    [InlineData(new[] { "imprt-plan", "f.docx" }, "Không có lệnh “imprt-plan”. Có phải bạn định gõ “import-plan”?\n")]
    [InlineData(new[] { "backups", "x.db" }, "Không có lệnh “backups”. Có phải bạn định gõ “backup”?\n")]
    [InlineData(new[] { "Restor", "x.db" }, "Không có lệnh “Restor”. Có phải bạn định gõ “restore”?\n")]
    [InlineData(new[] { "import", "f.docx" }, "Không có lệnh “import”. Có phải bạn định gõ “import-plan” hoặc “import-units”?\n")]
    [InlineData(new[] { "export", "x.docx" }, "Không có lệnh “export”.\n")]
    [InlineData(new[] { "nosuch" }, "Không có lệnh “nosuch”.\n")]
    [InlineData(new string[0], "Chưa nêu lệnh.")]
    [InlineData(new[] { "import-plan" }, "Thiếu đường dẫn tệp kế hoạch: import-plan PATH [--json].")]
    [InlineData(new[] { "import-plan", "ke-hoach.docx", "--xml" }, "Lệnh import-plan không có tùy chọn “--xml”. Cú pháp: import-plan PATH [--json].")]
    [InlineData(new[] { "import-plan", "--xml", "ke-hoach.docx" }, "Lệnh import-plan không có tùy chọn “--xml”.")]
    [InlineData(new[] { "import-plan", "a.docx", "b.docx" }, "Lệnh import-plan không nhận thêm tham số “b.docx”.")]
    [InlineData(new[] { "import-units", "125-KH/ThU" }, "Cú pháp: import-units CAMPAIGN PATH (CAMPAIGN là số hiệu kế hoạch")]
    [InlineData(new[] { "import-units", "--Store:DataDirectory=/tmp", "125-KH/ThU", "don-vi.csv" }, "Các thiết lập như “--Store:DataDirectory=/tmp” đặt sau CAMPAIGN PATH.")]
    [InlineData(new[] { "import-units", "125-KH/ThU", "don-vi.csv", "thua.csv" }, "Lệnh import-units không nhận thêm tham số “thua.csv”.")]
    [InlineData(new[] { "package-app", "--app-id" }, "Tùy chọn “--app-id” của lệnh package-app thiếu giá trị hoặc giá trị không hợp lệ.")]
    [InlineData(new[] { "package-app", "--app" }, "Lệnh package-app không có tùy chọn “--app”.")]
    [InlineData(new[] { "help", "import-plan" }, "Lệnh help không nhận thêm tham số “import-plan”.")]
    public async Task A_usage_error_is_explained_in_Vietnamese_with_exit_code_2(string[] args, string problem)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Equal("", output);
        Assert.StartsWith(problem, error, StringComparison.Ordinal);
        Assert.EndsWith(HelpHint + Environment.NewLine, error, StringComparison.Ordinal);
        // Nothing of System.CommandLine's English messages leaks through.
        Assert.DoesNotMatch("(?i)unrecognized|required|argument|option '", error);
    }

    [Fact]
    public async Task Help_for_one_command_shows_its_line_its_options_and_the_exit_codes()
    {
        var (code, output, error) = await RunAsync(["package-app", "-h"]);

        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith("dotnet run --project SoKet.Bot -- package-app [--app-id GUID] [--version X.Y.Z] [--out PATH]\n", output, StringComparison.Ordinal);
        Assert.Contains("\n    --app-id GUID     app id của bot (mặc định lấy từ MicrosoftAppId).\n", output, StringComparison.Ordinal);
        Assert.EndsWith("2 sai cú pháp lệnh hoặc cấu hình (Store:*) chưa đúng.\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_a_command_in_any_case_and_wins_over_a_mistake_on_the_same_line()
    {
        var (code, output, error) = await RunAsync(["HELP"]);
        var (codeWithMistake, outputWithMistake, _) = await RunAsync(["import-plan", "a.docx", "b.docx", "--help"]);

        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith("SoKet — Trợ lý sơ kết: các lệnh dòng lệnh\n", output, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project SoKet.Bot -- help\n    In hướng dẫn này.\n", output, StringComparison.Ordinal);
        Assert.Equal(0, codeWithMistake);
        Assert.StartsWith("dotnet run --project SoKet.Bot -- import-plan PATH [--json]\n", outputWithMistake, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_program_answers_an_extra_argument_with_exit_code_2()
    {
        using var folder = new TempFolder();

        var result = await BotProcess.RunAsync(folder.Path, null, "import-plan", "a.docx", "b.docx");

        Assert.Equal((2, ""), (result.ExitCode, result.Output));
        Assert.StartsWith("Lệnh import-plan không nhận thêm tham số “b.docx”.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imprt-plan", "f.docx")]
    [InlineData("export", "x.docx")]
    [InlineData("backups", "x.db")]
    [InlineData("nosuch")]
    public async Task The_real_program_answers_an_unknown_command_with_exit_code_2_and_opens_no_store(params string[] args)
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["Store__Provider"] = "SQLite",
            ["Store__DataDirectory"] = folder.Path,
            // Were it to start the bot after all, not on a port another test or bot uses.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };

        var result = await BotProcess.RunAsync(folder.Path, environment, args);

        Assert.Equal((2, ""), (result.ExitCode, result.Output));
        Assert.StartsWith($"Không có lệnh “{args[0]}”.", result.Error, StringComparison.Ordinal);
        Assert.EndsWith(HelpHint + "\n", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task The_real_program_still_starts_the_bot_when_settings_come_first()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "soket.db");

        using var bot = BotProcess.Start(folder.Path, null, $"--Store:ConnectionString=Data Source={database}", "--urls", "http://127.0.0.1:0");
        var log = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource();
        bot.OutputDataReceived += (_, e) =>
        {
            lock (log) log.AppendLine(e.Data);
            if (e.Data?.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal) == true)
                listening.TrySetResult();
        };
        bot.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        try
        {
            var exited = bot.WaitForExitAsync();
            var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(1)));
            lock (log)
                Assert.True(first == listening.Task, "The bot did not start listening.\n" + log);
            Assert.True(File.Exists(database), "The bot did not open the store named by the setting.");
        }
        finally
        {
            if (!bot.HasExited)
                bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [Theory]
    [InlineData("backup", "bk/x.db")]
    [InlineData("import-units", "125-KH/ThU", "don-vi.csv")]
    public async Task An_invalid_store_setting_is_named_in_Vietnamese_with_exit_code_2_and_no_stack_trace(params string[] args)
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "don-vi.csv"), "Tên đơn vị;Nhóm\nChi bộ A;Cấp cơ sở\n");
        var environment = new Dictionary<string, string> { ["Store__Provider"] = "Foo", ["Store__DataDirectory"] = folder.Path };

        var result = await BotProcess.RunAsync(folder.Path, environment, args);

        Assert.Equal((2, ""), (result.ExitCode, result.Output));
        Assert.Equal("Cấu hình chưa đúng: Store:Provider must be \"SQLite\" or \"PostgreSQL\", not \"Foo\".\n", result.Error);
        Assert.Equal(["don-vi.csv"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_setting_on_the_command_line_is_checked_the_same_way()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string> { ["Store__DataDirectory"] = folder.Path };

        var result = await BotProcess.RunAsync(folder.Path, environment, "backup", "bk/y.db", "--Store:Provider=PostgreSQL");

        Assert.Equal((2, ""), (result.ExitCode, result.Output));
        Assert.StartsWith("Cấu hình chưa đúng: Store:ConnectionString", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
