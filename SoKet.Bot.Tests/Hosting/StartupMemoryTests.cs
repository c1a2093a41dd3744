using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Hosting;

/// <summary>The start-up's garbage is handed back once, after the host has started (bench/README.md, "Start and memory").</summary>
public sealed class StartupMemoryTests
{
    [Fact]
    public async Task Start_up_memory_is_released_once_after_the_host_has_started()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new BotApp();
        app.Settings[SoKet.Bot.Hosting.StartupMemoryServiceCollectionExtensions.SettingKey] = "true";
        app.TestServices = services => services.AddSingleton<ILoggerProvider>(logs);
        using var http = app.CreateHttpClient();
        Assert.True((await http.GetAsync("/healthz/ready")).IsSuccessStatusCode);

        for (var waited = 0; waited < 100 && !Released().Any(); waited++)
            await Task.Delay(100);

        var line = Assert.Single(Released());
        Assert.Matches(@"released: -?\d+ MB; working set \d+ MB", line.Message);
        // Another few seconds: it happened once, not on a timer.
        await Task.Delay(SoKet.Bot.Hosting.StartupMemoryRelease.Delay + TimeSpan.FromSeconds(1));
        Assert.Single(Released());

        IEnumerable<CapturingLoggerProvider.LogLine> Released() =>
            logs.Lines.Where(l => l.Category == "SoKet.Bot.Hosting.StartupMemoryRelease" && l.Message.StartsWith("Start-up memory released", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_setting_turns_it_off()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new BotApp();
        app.TestServices = services => services.AddSingleton<ILoggerProvider>(logs);
        using var http = app.CreateHttpClient();
        Assert.True((await http.GetAsync("/healthz/ready")).IsSuccessStatusCode);

        await Task.Delay(SoKet.Bot.Hosting.StartupMemoryRelease.Delay + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(logs.Lines, l => l.Message.StartsWith("Start-up memory released", StringComparison.Ordinal));
    }
}
