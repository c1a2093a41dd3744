using SoKet.Bot.Conversations;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Export.Synthesis;

/// <summary>
/// One message that says how far a background job has got, updated in place: in Teams through the Connector's
/// update (PUT /v3/conversations/{id}/activities/{activityId}), in the web chat by a new version of the same
/// activity. Teams counts updates against the conversation's limits (PROTOCOL.md: 7 a second, 60 in 30 seconds), so
/// there an update waits at least <see cref="TeamsGap"/> after the previous one; the last one always goes. A channel
/// that refuses updates stops them, and the job goes on.
/// </summary>
internal sealed partial class ProgressMessage(IOutboundSender outbound, ConversationReference conversation, TimeProvider clock, ILogger logger)
{
    public static readonly TimeSpan TeamsGap = TimeSpan.FromSeconds(1.5);

    private readonly TimeSpan _gap = conversation.ChannelId == ChannelIds.Teams ? TeamsGap : TimeSpan.Zero;
    private string? _id;
    private long _last;

    public async Task StartAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            _id = await outbound.SendAsync(conversation.CreateActivity(text), cancellationToken);
            _last = clock.GetTimestamp();
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            LogFailed(logger, ex);
        }
    }

    /// <param name="final">The last word: sent whatever the time since the previous update.</param>
    public async Task UpdateAsync(string text, bool final, CancellationToken cancellationToken)
    {
        if (_id is null || (!final && clock.GetElapsedTime(_last) < _gap))
            return;
        var update = conversation.CreateActivity(text);
        update.Id = _id;
        try
        {
            await outbound.UpdateAsync(update, cancellationToken);
            _last = clock.GetTimestamp();
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or KeyNotFoundException)
        {
            LogFailed(logger, ex);
            _id = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A progress message could not be sent or updated; the job goes on without it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
