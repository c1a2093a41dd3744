using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Protocol.Auth;

/// <summary>The authentication services as the bot registers them, trusting one <see cref="TestChannel"/>, on a manual clock.</summary>
internal sealed class AuthHarness : IAsyncDisposable
{
    public const string AppId = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
    public const string TenantId = "0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9";
    public const string ServiceUrl = "https://smba.trafficmanager.net/teams/";

    private AuthHarness(TestChannel channel, ServiceProvider services, ManualTimeProvider time, ListLoggerProvider logs)
    {
        Channel = channel;
        Services = services;
        Time = time;
        Logs = logs;
        Authenticator = services.GetRequiredService<IInboundAuthenticator>();
    }

    public TestChannel Channel { get; }
    public ServiceProvider Services { get; }
    public ManualTimeProvider Time { get; }
    public ListLoggerProvider Logs { get; }
    public IInboundAuthenticator Authenticator { get; }

    public static async Task<AuthHarness> StartAsync(
        IEnumerable<string>? endorsements = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var channel = await TestChannel.StartAsync(endorsements: endorsements);
        var configuration = new Dictionary<string, string?>(channel.AuthoritySettings())
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-by-inbound-auth",
            ["MicrosoftAppTenantId"] = TenantId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var time = new ManualTimeProvider();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton<TimeProvider>(time)
            .AddBotAuthentication(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new AuthHarness(channel, services, time, logs);
    }

    public static Activity TeamsActivity(string channelId = ChannelIds.Teams, string serviceUrl = ServiceUrl) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Text = "hạn nộp báo cáo khi nào?",
    };

    /// <summary>A token the bot must accept for <see cref="TeamsActivity"/>.</summary>
    public string ValidToken(string? kid = null) => Channel.CreateToken(AppId, ServiceUrl, kid: kid);

    public Task<AuthenticationOutcome> AuthenticateAsync(string? authorizationHeader, Activity? activity = null) =>
        Authenticator.AuthenticateAsync(authorizationHeader, activity ?? TeamsActivity(), CancellationToken.None);

    public Task<AuthenticationOutcome> AuthenticateTokenAsync(string token, Activity? activity = null) =>
        AuthenticateAsync("Bearer " + token, activity);

    /// <summary>Background refreshes finish on their own: polls (real time, at most 10 s) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Channel.DisposeAsync();
    }
}

/// <summary>Keeps log entries in memory so tests can assert that something was logged.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception), exception));
    }
}
