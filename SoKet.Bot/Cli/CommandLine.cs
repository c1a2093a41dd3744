using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Cli;

/// <summary>
/// The setup and scripting commands (`import-plan`, `import-units`, `package-app`, `copy-store`, `backup`, `restore`, `help`), run instead of the bot when
/// the first argument names one, parsed by System.CommandLine. Messages are Vietnamese; results go to stdout, refusals
/// to stderr.
/// </summary>
public static class CommandLine
{
    public const int Success = 0;

    /// <summary>The file, the data or the campaign was refused; nothing was changed.</summary>
    public const int Refused = 1;

    /// <summary>The command was typed wrongly, or the settings it runs with (Store:*) are invalid.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Every command, in the order the help lists them: the one place a command is declared. Each class builds its
    /// System.CommandLine <see cref="Command"/>: name, Vietnamese description (its paragraph in the help), arguments,
    /// options with Vietnamese descriptions (the help's option lines), validators and action. The help, the usage
    /// errors and <see cref="IsCommand"/> are derived from these declarations.
    /// Conventions, so every message stays Vietnamese: declare arguments <see cref="ArgumentArity.ZeroOrOne"/> and
    /// report a missing one from a command validator (System.CommandLine's own message would be English); the help
    /// shows arguments as required, so give an optional one a <see cref="Argument.HelpName"/> in brackets.
    /// </summary>
    private static IEnumerable<Command> Commands() =>
    [
        ImportPlanCommand.Create(),
        ImportUnitsCommand.Create(),
        PackageAppCommand.Create(),
        CopyStoreCommand.Create(),
        AccountCommandLine.CreateAccount(),
        AccountCommandLine.ResetPassword(),
        BackupCommand.Create(),
        RestoreCommand.Create(),
        CommandLineHelp.HelpCommand(),
    ];

    /// <summary>
    /// True when the arguments are for the command line rather than the bot: a command or the help option in any
    /// case, or any other first word that is not an option — a mistyped or unknown command, which the command line
    /// answers with a usage error instead of starting the bot. No arguments, or an option first (`--demo`,
    /// `--demo-reset`, `--urls …`, settings as `--Key=value` or `--Key value`), start the bot.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args is [var first, ..] && (DeclaredName(Root(), first) is not null || !first.StartsWith('-'));

    public static async Task<int> RunAsync(string[] args)
    {
        UseUtf8Console();
        // System.CommandLine turns Ctrl+C into the cancellation of a running command.
        return await RunAsync(args, Console.Out, Console.Error, handleTermination: true, CancellationToken.None);
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, handleTermination: false, cancellationToken);

    private static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool handleTermination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Root();
        // Command names were always accepted in any case; System.CommandLine matches them exactly.
        if (args is [var first, ..] && DeclaredName(root, first) is { } name)
            args = [name, .. args[1..]];

        // Paths are taken literally: no @response-file expansion.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (Problem(parse) is { } problem)
            return Usage(error, problem);

        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // A crash keeps its stack trace and non-zero exit, as before; it is not a usage error.
            EnableDefaultExceptionHandler = false,
        };
        if (!handleTermination)
            invocation.ProcessTerminationTimeout = null;
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            // A command reading invalid Store:* settings (environment, appsettings or --Key=value): the message names
            // the setting. Nothing was opened or changed.
            error.WriteLine($"Cấu hình chưa đúng: {e.Message}");
            return UsageError;
        }
    }

    internal static int Usage(TextWriter error, string problem)
    {
        error.WriteLine(problem);
        error.WriteLine("Gõ `dotnet run --project SoKet.Bot -- help` để xem cách dùng.");
        return UsageError;
    }

    private static RootCommand Root()
    {
        var root = new RootCommand("SoKet — Trợ lý sơ kết");
        // The defaults would print English help and a version: SoKet's help is Vietnamese, and `--version` belongs to package-app.
        root.Options.Clear();
        root.Options.Add(new HelpOption("--help", "-h", "-?") { Action = new CommandLineHelp.Action() });
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        return root;
    }

    /// <summary>The declared spelling of a command or help option that <paramref name="token"/> names in any case, or null.</summary>
    private static string? DeclaredName(RootCommand root, string token) =>
        root.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(root.Options.OfType<HelpOption>().SelectMany(o => o.Aliases.Prepend(o.Name)))
            .FirstOrDefault(name => string.Equals(name, token, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What was typed wrongly, in Vietnamese, or null. System.CommandLine ships no Vietnamese messages, so its errors
    /// are told apart by where they arise: at the root (no or unknown command), in tokens a command did not expect,
    /// on an option (no value) or an argument; an error on a command itself comes from that command's validators,
    /// which write Vietnamese.
    /// </summary>
    private static string? Problem(ParseResult parse)
    {
        if (parse.Action is { ClearsParseErrors: true })
            return null; // help, whatever else was typed
        var command = parse.CommandResult.Command;
        if (command is RootCommand)
            return parse.UnmatchedTokens is [var unknown, ..] ? $"Không có lệnh “{unknown}”.{Suggestion(parse.RootCommandResult.Command, unknown)}" : "Chưa nêu lệnh.";

        if (command.TreatUnmatchedTokensAsErrors)
        {
            // System.CommandLine gives an unknown option to a free argument as its value (and the arguments after it
            // become extra ones): it is still an unknown option, and it is the first thing to tell.
            if (parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens)
                    .FirstOrDefault(t => LooksLikeOption(t.Value)) is { } option)
                return Unexpected(command, option.Value);
            if (parse.UnmatchedTokens is [var extra, ..])
                return Unexpected(command, extra);
        }

        if (parse.Errors is not [var error, ..])
            return null;
        return error.SymbolResult switch
        {
            OptionResult option => $"Tùy chọn “{option.IdentifierToken?.Value ?? option.Option.Name}” của lệnh {command.Name} thiếu giá trị hoặc giá trị không hợp lệ. Cú pháp: {CommandLineHelp.Synopsis(command)}.",
            ArgumentResult argument => $"Tham số {argument.Argument.Name} của lệnh {command.Name} bị thiếu hoặc không hợp lệ. Cú pháp: {CommandLineHelp.Synopsis(command)}.",
            _ => error.Message,
        };
    }

    /// <summary>
    /// « Có phải bạn định gõ “import-plan”?» when <paramref name="token"/> is close to a command's name (a letter or two
    /// wrong, missing, extra or swapped) or the start of one, otherwise empty. System.CommandLine's own typo
    /// corrections are English and printed by its parse-error action, so the closest names are found here.
    /// </summary>
    private static string Suggestion(Command root, string token)
    {
        var typed = token.ToLowerInvariant();
        var close = root.Subcommands
            .Select(c => (c.Name, Distance: Distance(typed, c.Name)))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 3) || (typed.Length >= 3 && c.Name.StartsWith(typed, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .Take(2)
            .Select(c => $"“{c.Name}”")
            .ToList();
        return close.Count == 0 ? "" : $" Có phải bạn định gõ {string.Join(" hoặc ", close)}?";
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) turning <paramref name="a"/> into <paramref name="b"/>.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }

    private static string Unexpected(Command command, string token) => LooksLikeOption(token)
        ? $"Lệnh {command.Name} không có tùy chọn “{token}”. Cú pháp: {CommandLineHelp.Synopsis(command)}."
        : $"Lệnh {command.Name} không nhận thêm tham số “{token}”. Cú pháp: {CommandLineHelp.Synopsis(command)}.";

    /// <summary>A lone "-" is a path (standard input by convention), not an option; a file named "-x" is written "./-x".</summary>
    internal static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

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
