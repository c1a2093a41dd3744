using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Data;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// The real bot, served by Kestrel on 127.0.0.1 with a database of its own (a SQLite file, or a fresh
/// PostgreSQL database when the run targets PostgreSQL, see <see cref="TestStore"/>), so tests talk to it
/// over real HTTP exactly as a channel would. Configure it with <see cref="Settings"/> before the
/// first request.
/// </summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    private readonly TestStore _store;
    private readonly string _directory;

    public BotApp() : this(Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>
    /// A bot on the data folder (and SQLite file) of an earlier one: a restart of the same installation.
    /// (On PostgreSQL each BotApp gets a database of its own.)
    /// </summary>
    public BotApp(string directory)
    {
        _directory = directory;
        _store = new TestStore(directory);
        foreach (var (key, value) in _store.Settings)
            Settings[key] = value;
        Settings["Store:DataDirectory"] = directory;
        // Background reminder jobs would message conversations other tests assert on; reminder tests turn them on.
        Settings["Reminders:PlannerEnabled"] = "false";
        Settings["Reminders:SenderEnabled"] = "false";
        // One full collection per bot would be one per test here, all in one process; StartupMemoryTests turn it on.
        Settings["Hosting:ReleaseStartupMemory"] = "false";
        // Tests drive turns at machine speed, every "user" from 127.0.0.1; the limits a person meets are proven by
        // RateLimitTests and UploadAbuseTests, which set their own.
        foreach (var rule in new[] { "TurnsPerUser", "WebChatPerAddress", "ChannelPerAddress", "PollsPerConversation", "UploadsPerUser" })
            Settings[$"RateLimits:{rule}:Permits"] = "100000";
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The bot's own database, for a second host on the same store.</summary>
    public string StoreConnectionString => _store.ConnectionString;

    /// <summary>The Store:* settings of this bot's database (provider and connection string), for a second host on it.</summary>
    public IEnumerable<KeyValuePair<string, string?>> StoreSettings => _store.Settings;

    public string DataDirectory => _directory;

    /// <summary>Leave the data folder in place on dispose, for a <see cref="BotApp(string)"/> started after this one.</summary>
    public bool KeepDataOnDispose { get; set; }

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

    /// <summary>A DbContext on the bot's own database, for asserting what was stored.</summary>
    public SoKetDbContext OpenStore() => _store.Open();

    /// <summary>Extra service registrations applied after the app's own (e.g. a command that fails on purpose).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public T GetService<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// A web chat conversation of a user of the test's choosing (a fresh "wc-…" id when none), with a Direct Line token
    /// the bot's own token issuer signs. In local mode the page itself always gets the single local operator
    /// (<see cref="DirectLineClient.StartAsync"/>); tests that need several people at once (a drafter, the leader, the
    /// office) take this, as a sign-in would give each their own id.
    /// </summary>
    public async Task<DirectLineClient> OpenWebChatAsync(string? userId = null)
    {
        var http = CreateHttpClient();
        userId ??= "wc-" + Guid.NewGuid().ToString("N")[..16];
        var token = await GetService<SoKet.Bot.Channels.WebChat.WebChatTokens>().IssueAsync(userId, null, CancellationToken.None);
        var client = new DirectLineClient(http);
        await client.StartWithTokenAsync(token, userId);
        return client;
    }

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
        if (KeepDataOnDispose)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return;
        }
        _store.Dispose();
    }
}
