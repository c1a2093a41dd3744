using System.Diagnostics;
using System.Text;

namespace SoKet.Bot.Tests.Cli;

public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs the real app (SoKet.Bot.dll, copied next to the tests by the project reference) as a child process,
/// the way `dotnet run --project SoKet.Bot -- ...` does after building.
/// </summary>
internal static class BotProcess
{
    public static string AppPath { get; } = Path.Combine(AppContext.BaseDirectory, "SoKet.Bot.dll");

    /// <summary>The dotnet host running these tests (the CLI tells child processes where it is).</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"SoKet.Bot {string.Join(' ', args)} did not exit within 2 minutes.");
        }
        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the app and leaves it running; the caller stops it (the bot itself never exits on its own).</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        Assert.True(File.Exists(AppPath), $"{AppPath} is missing: build the solution first.");
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The shell's folder, which the app uses to resolve relative paths, is the child's own folder here.
        start.Environment["PWD"] = workingDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }
}
