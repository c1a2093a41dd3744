using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SoKet.Bench.Turns;

/// <summary>
/// The real bot, the built SoKet.Bot.dll, in local mode (no app id: loopback callers only, no tokens) on a
/// loopback port, with a benchmark store. The rest of its settings come from its appsettings.json and from
/// this process's environment (e.g. Store__Sqlite__Synchronous=Normal, DOTNET_PerfMapEnabled=1 pass through).
/// Its console output goes to a log file; warnings and errors are counted.
/// </summary>
internal sealed partial class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter? _log;
    private readonly Lock _logLock = new();
    private int _errors;
    private int _warnings;
    private bool _closed;

    private BotProcess(Process process, int port, string? logPath, StreamWriter? log)
    {
        _process = process;
        Port = port;
        LogPath = logPath;
        _log = log;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public string? LogPath { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string MessagesUrl => $"http://127.0.0.1:{Port}/api/messages";

    public int Errors => Volatile.Read(ref _errors);

    public int Warnings => Volatile.Read(ref _warnings);

    public bool HasExited => _process.HasExited;

    public Task ExitedAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SoKet.Bot/bin/{configuration}/net10.0/SoKet.Bot.dll of the repository this benchmark was built in.</summary>
    public static string DefaultDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepositoryRoot(), "SoKet.Bot", "bin", configuration, "net10.0", "SoKet.Bot.dll");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SoKet.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from a build inside the SoKet repository.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <param name="logPath">Where the bot's console output goes; null: failures are echoed to stderr only.</param>
    public static BotProcess Start(string dll, BenchStore store, int port, string? logPath)
    {
        if (!File.Exists(dll))
            throw new UsageException($"Build the bot first (dotnet build -c Release SoKet.sln): {dll} is missing.");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Local mode: no Bot Framework credentials, whatever the caller's environment holds.
        info.Environment["MicrosoftAppId"] = "";
        info.Environment["MicrosoftAppPassword"] = "";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in store.BotEnvironment())
            info.Environment[key] = value;

        StreamWriter? log = null;
        if (logPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
            log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var bot = new BotProcess(process, port, logPath, log);
        process.OutputDataReceived += (_, e) => bot.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => bot.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    private void OnLine(string? line)
    {
        if (string.IsNullOrEmpty(line))
            return;
        var level = LevelPattern().Match(line);
        var failure = level.Success && level.Groups[1].Value is "fail" or "crit";
        if (failure)
            Interlocked.Increment(ref _errors);
        else if (level.Success && level.Groups[1].Value == "warn")
            Interlocked.Increment(ref _warnings);
        if (_log is null)
        {
            if (failure)
                Console.Error.WriteLine("bot: " + line);
            return;
        }
        lock (_logLock)
        {
            if (!_closed)
                _log.WriteLine(line);
        }
    }

    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The bot exited with code {_process.ExitCode} before it became healthy{(LogPath is null ? "." : $"; see {LogPath}.")}");
            try
            {
                if ((await http.GetAsync("healthz", cancellationToken)).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow start.
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"The bot did not become healthy within {timeout.TotalSeconds:F0} s.");
    }

    /// <summary>Kills the bot outright (SIGKILL): whatever it acknowledged must already be in the store.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_logLock)
        {
            _closed = true;
            _log?.Dispose();
        }
    }

    // Console logger lines: "[timestamp ]fail: Category[id]".
    [GeneratedRegex(@"^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )?(fail|crit|warn): ")]
    private static partial Regex LevelPattern();
}
