using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Conversations;

/// <summary>Sends an activity to its conversation over whichever channel owns it.</summary>
public interface IOutboundSender
{
    /// <returns>The id the channel gave the sent activity, when it gives one.</returns>
    Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Replaces a message the bot sent earlier (its <see cref="Activity.Id"/>), e.g. a progress line.</summary>
    Task UpdateAsync(Activity activity, CancellationToken cancellationToken);
}

/// <summary>A channel that delivers activities itself instead of through the Bot Connector (the built-in web chat).</summary>
public interface IChannelOutbound
{
    bool Owns(Activity activity);
    Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken);
    Task UpdateAsync(Activity activity, CancellationToken cancellationToken);
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

    public async Task UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            if (channel.Owns(activity))
            {
                await channel.UpdateAsync(activity, cancellationToken);
                return;
            }
        }
        // PUT /v3/conversations/{conversationId}/activities/{activityId}.
        await connector.UpdateActivityAsync(activity, cancellationToken);
    }
}
