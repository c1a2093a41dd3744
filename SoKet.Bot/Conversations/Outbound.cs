using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Conversations;

/// <summary>Sends an activity to its conversation over whichever channel owns it.</summary>
public interface IOutboundSender
{
    /// <returns>The id the channel gave the sent activity, when it gives one.</returns>
    Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the message <paramref name="activity"/>.Id of its conversation with <paramref name="activity"/> (a progress
    /// message moving on). False when the channel cannot replace a message.
    /// </summary>
    Task<bool> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>A channel that delivers activities itself instead of through the Bot Connector (the built-in web chat).</summary>
public interface IChannelOutbound
{
    bool Owns(Activity activity);
    Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Replaces the message with <paramref name="activity"/>.Id; false when the channel cannot.</summary>
    Task<bool> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>Routes outgoing activities: built-in channels first, the Bot Connector (Teams, emulator) otherwise.</summary>
public sealed class OutboundRouter(IEnumerable<IChannelOutbound> channels, IConnectorClient connector) : IOutboundSender
{
    public async Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            if (channel.Owns(activity))
                return await channel.SendAsync(activity, cancellationToken);
        }

        var response = string.IsNullOrEmpty(activity.ReplyToId)
            ? await connector.SendToConversationAsync(activity, cancellationToken)
            : await connector.ReplyToActivityAsync(activity, cancellationToken);
        return response.Id;
    }

    public async Task<bool> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(activity.Id))
            return false;
        foreach (var channel in channels)
        {
            if (channel.Owns(activity))
                return await channel.UpdateAsync(activity, cancellationToken);
        }
        // PUT /v3/conversations/{conversationId}/activities/{activityId}: Teams shows the message edited in place.
        await connector.UpdateActivityAsync(activity, cancellationToken);
        return true;
    }
}
