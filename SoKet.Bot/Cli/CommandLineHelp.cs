using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;

namespace SoKet.Bot.Cli;

/// <summary>
/// The Vietnamese help, written from the commands' declarations. System.CommandLine's own help has English headings
/// ("Usage:", "Options:") and no Vietnamese resources, so its layout is replaced here, not its content.
/// </summary>
internal static class CommandLineHelp
{
    private const string Run = "dotnet run --project SoKet.Bot";

    private const string Header = $"""
        SoKet — Trợ lý sơ kết: các lệnh dòng lệnh

        {Run}
            Chạy bot (web chat tại http://localhost:3978).
        {Run} -- --demo
            Chạy bot với đợt sơ kết mẫu dựng từ Kế hoạch 125-KH/ThU của Thành ủy Lai Châu, ngày tháng dời theo hôm nay,
            và các đơn vị mẫu ở đủ các trạng thái; chạy lại không thay đổi gì đã có.
        {Run} -- --demo-reset
            Xóa đợt sơ kết mẫu (chỉ những gì bản mẫu đã tạo) rồi dựng lại theo ngày hôm nay.

        """;

    private const string ExitCodes =
        "Mã thoát: 0 thành công; 1 tệp, dữ liệu hoặc đợt sơ kết bị từ chối (không có gì thay đổi); 2 sai cú pháp lệnh hoặc cấu hình (Store:*) chưa đúng.\n";

    /// <summary>`help`: the whole help.</summary>
    public static Command HelpCommand()
    {
        var help = new Command("help", "In hướng dẫn này.");
        help.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(Full(parse.RootCommandResult.Command));
            return CommandLine.Success;
        });
        return help;
    }

    /// <summary>`--help`, `-h`, `-?`: the whole help, or one command's after its name (`import-plan --help`).</summary>
    public sealed class Action : SynchronousCommandLineAction
    {
        /// <summary>Help wins over whatever else is on the line, as System.CommandLine's own help does.</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var command = parseResult.CommandResult.Command;
            parseResult.InvocationConfiguration.Output.Write(command is RootCommand
                ? Full(command)
                : Section(command) + "\n" + ExitCodes);
            return CommandLine.Success;
        }
    }

    public static string Full(Command root)
    {
        var text = new StringBuilder(Header.ReplaceLineEndings("\n")).Append('\n');
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
            text.Append(Section(command)).Append('\n');
        return text.Append(ExitCodes).ToString();
    }

    /// <summary>How to type a command, e.g. `package-app [--app-id GUID] [--version X.Y.Z] [--out PATH]`.</summary>
    public static string Synopsis(Command command) => string.Join(' ',
        new[] { command.Name }
            .Concat(command.Arguments.Where(a => !a.Hidden).Select(a => a.HelpName ?? a.Name))
            .Concat(command.Options.Where(o => !o.Hidden).Select(o => o.Required ? Label(o) : $"[{Label(o)}]")));

    /// <summary>The command line, its description, then one line per option, each indented as the help always was.</summary>
    private static string Section(Command command)
    {
        var text = new StringBuilder().Append(Run).Append(" -- ").Append(Synopsis(command)).Append('\n');
        foreach (var line in (command.Description ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            text.Append("    ").Append(line).Append('\n');
        var options = command.Options.Where(o => !o.Hidden && !string.IsNullOrEmpty(o.Description)).ToList();
        var width = options.Count == 0 ? 0 : options.Max(o => Label(o).Length);
        foreach (var option in options)
            text.Append("    ").Append(Label(option).PadRight(width)).Append("   ").Append(option.Description).Append('\n');
        return text.ToString();
    }

    /// <summary>A switch is its name; an option with a value shows what to type after it.</summary>
    private static string Label(Option option) =>
        option.ValueType == typeof(bool) ? option.Name : $"{option.Name} {option.HelpName ?? "VALUE"}";
}
