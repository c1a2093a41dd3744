using System.Diagnostics;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>
/// The built bot (SoKet.Bot.dll) as a separate OS process, configured by environment variables, so a test can
/// kill it outright (no shutdown, no finally blocks) as a crash or a pulled plug would.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private BotProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static BotProcess Start(IReadOnlyDictionary<string, string> environment) => Start(environment, "http://127.0.0.1:0");

    /// <summary>The bot on <paramref name="urls"/> (a fixed loopback port when a test talks to it).</summary>
    public static BotProcess Start(IReadOnlyDictionary<string, string> environment, string urls)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SoKet.Bot.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return new BotProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start SoKet.Bot.dll."));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (a sender's lease owner names it).</summary>
    public int Id => _process.Id;

    /// <summary>The last lines the process logged, for a failing test's message.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
                return string.Join(Environment.NewLine, _tail);
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 40)
                _tail.Dequeue();
        }
    }
}
