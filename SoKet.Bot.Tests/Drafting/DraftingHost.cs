using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>A generic host with only AddDrafting, configured in memory and started so the options are validated.</summary>
internal sealed class DraftingHost : IAsyncDisposable
{
    private readonly IHost host;

    private DraftingHost(IHost host, CapturingLoggerProvider logs)
    {
        this.host = host;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    public ISectionSuggester Suggester => host.Services.GetRequiredService<ISectionSuggester>();

    public IServiceProvider Services => host.Services;

    /// <summary>Settings for the loopback server as an OpenAI-compatible provider.</summary>
    public static Dictionary<string, string?> Compatible(LoopbackModelServer server) => new()
    {
        ["Ai:Provider"] = "OpenAICompatible",
        ["Ai:Endpoint"] = server.Endpoint,
        ["Ai:ApiKey"] = "test-key",
        ["Ai:Model"] = "soket-test-model",
        ["Ai:Timeout"] = "00:00:30",
        ["Ai:MaxOutputTokens"] = "700",
    };

    public static async Task<DraftingHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.AddDrafting(builder.Configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new DraftingHost(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
