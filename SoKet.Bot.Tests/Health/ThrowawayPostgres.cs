using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SoKet.Bot.Tests.Health;

/// <summary>
/// A PostgreSQL cluster of this test's own (Debian's initdb/pg_ctl, as ./test.sh starts its cluster), so the test
/// can stop the server and start it again. initdb refuses root: as root the cluster belongs to the postgres user.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "soket-pg-" + Guid.NewGuid().ToString("N"));
    private readonly bool _root = Environment.UserName == "root";

    private ThrowawayPostgres(string bin, int port)
    {
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    private string User => _root ? "postgres" : Environment.UserName;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Timeout=5;Command Timeout=10";

    public static ThrowawayPostgres Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin; ./test.sh installs Debian's postgresql.");
        var server = new ThrowawayPostgres(bin, FreePort());
        Directory.CreateDirectory(server._directory);
        if (server._root)
            Run("chown", "postgres", server._directory);
        server.AsServerUser("initdb", "-D", server.Data, "-U", server.User, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        server.StartServer();
        using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        connection.Open();
        using var create = new NpgsqlCommand("CREATE DATABASE soket", connection);
        create.ExecuteNonQuery();
        return server;
    }

    private string Data => Path.Combine(_directory, "data");

    public void StartServer() =>
        AsServerUser("pg_ctl", "-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-o", $"-h 127.0.0.1 -p {Port} -k {_directory} -c fsync=off", "start");

    public void StopServer() => AsServerUser("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try { AsServerUser("pg_ctl", "-D", Data, "-m", "immediate", "stop"); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    private void AsServerUser(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        if (_root)
            Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else
            Run(path, args);
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error}{output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
