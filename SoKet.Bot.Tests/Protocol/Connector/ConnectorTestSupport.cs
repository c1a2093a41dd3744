using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Tests.Protocol.Connector;

/// <summary>A generic host with only AddConnector, configured from in-memory settings, started so options are validated.</summary>
internal static class ConnectorTestHost
{
    /// <summary>Short back-off so retry tests stay fast; tests override what they measure.</summary>
    public static Dictionary<string, string?> FastRetries() => new()
    {
        ["Connector:Retry:MaxAttempts"] = "4",
        ["Connector:Retry:BaseDelay"] = "00:00:00.020",
        ["Connector:Retry:MaxDelay"] = "00:00:00.200",
    };

    public static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddConnector(builder.Configuration);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var host = Build(settings, configure);
        await host.StartAsync();
        return host;
    }

    public static IConnectorClient Client(this IHost host) => host.Services.GetRequiredService<IConnectorClient>();

    public static Activity Message(string serviceUrl, string conversationId, string text) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = serviceUrl,
        ChannelId = ChannelIds.Teams,
        Conversation = new ConversationAccount { Id = conversationId },
        From = new ChannelAccount { Id = "28:bot" },
        Recipient = new ChannelAccount { Id = "29:user" },
        Text = text,
    };
}

/// <summary>
/// The system clock, except that it records every wait requested through it and can shorten the wait to nothing —
/// so back-off delays are asserted exactly while the requests still go over real HTTP.
/// </summary>
internal sealed class RecordingTimeProvider(bool skipWaits) : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
        }

        return System.CreateTimer(callback, state, skipWaits && dueTime != Timeout.InfiniteTimeSpan ? TimeSpan.Zero : dueTime, period);
    }
}
