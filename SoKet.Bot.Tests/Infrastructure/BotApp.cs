using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Data;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// The real bot, served by Kestrel on 127.0.0.1 with a SQLite file of its own, so tests talk to it
/// over real HTTP exactly as a channel would. Configure it with <see cref="Settings"/> before the
/// first request.
/// </summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N"));

    public BotApp()
    {
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "soket.db");
        Settings["Store:ConnectionString"] = $"Data Source={DatabasePath}";
        Settings["Store:DataDirectory"] = _directory;
        // Background reminder jobs would message conversations other tests assert on; reminder tests turn them on.
        Settings["Reminders:PlannerEnabled"] = "false";
        Settings["Reminders:SenderEnabled"] = "false";
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DatabasePath { get; }

    /// <summary>Configuration overrides (keys as in appsettings.json, e.g. "MicrosoftAppId").</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Starts Kestrel and returns the bot's base address, e.g. http://127.0.0.1:43121/.</summary>
    public Uri Start()
    {
        StartServer();
        return ClientOptions.BaseAddress;
    }

    public HttpClient CreateHttpClient()
    {
        Start();
        return CreateDefaultClient(ClientOptions.BaseAddress);
    }

    /// <summary>A DbContext on the bot's own database file, for asserting what was stored.</summary>
    public SoKetDbContext OpenStore()
    {
        var options = new DbContextOptionsBuilder<SoKetDbContext>().UseSqlite($"Data Source={DatabasePath}").Options;
        return new SoKetDbContext(options);
    }

    /// <summary>Extra service registrations applied after the app's own (e.g. a command that fails on purpose).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public T GetService<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        if (TestServices is { } configure)
            builder.ConfigureTestServices(configure);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
            return;
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a file still held open by a finalising connection; the temp folder is cleaned by the OS */ }
    }
}
