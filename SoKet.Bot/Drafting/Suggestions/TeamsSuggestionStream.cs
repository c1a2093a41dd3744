using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Conversations;

namespace SoKet.Bot.Drafting.Suggestions;

/// <summary>
/// Streams a suggestion into a Teams 1:1 chat as it is written
/// (https://learn.microsoft.com/microsoftteams/platform/bots/streaming-ux): an informative typing
/// activity opens the stream and returns its id; text updates follow as typing activities with an
/// increasing streamSequence, serially and at most one a second; the final message carries the card
/// and streamType "final" without a sequence. Any refusal ends streaming and the card is sent plainly.
/// </summary>
public sealed partial class TeamsSuggestionStream(IOutboundSender outbound, ConversationReference conversation, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _streamId;
    private int _sequence;
    private DateTimeOffset _lastSent;
    private string? _latest;
    private Task _pending = Task.CompletedTask;
    private bool _failed;

    public static bool Applies(ConversationReference conversation) =>
        conversation.ChannelId == ChannelIds.Teams && conversation.ConversationType is null or "personal";

    public async Task StartAsync(string informative, CancellationToken cancellationToken)
    {
        var opening = Typing(informative, new JsonObject { ["type"] = "streaminfo", ["streamType"] = "informative", ["streamSequence"] = ++_sequence });
        _streamId = await TrySendAsync(opening, cancellationToken);
        _lastSent = clock.GetUtcNow();
    }

    /// <summary>The suggester's partial text (each call extends the previous one); sent no faster than once a second.</summary>
    public void OnPartial(string text)
    {
        _latest = text;
        if (_streamId is null || _failed || !_pending.IsCompleted)
            return;
        _pending = SendLatestAsync();
    }

    public async Task FinishAsync(Activity final, CancellationToken cancellationToken)
    {
        await _pending;
        if (_streamId is not null && !_failed)
        {
            final.Entities = [new JsonObject { ["type"] = "streaminfo", ["streamId"] = _streamId, ["streamType"] = "final" }];
            if (await TrySendAsync(final, cancellationToken) is not null || !_failed)
                return;
            final.Entities = null;
        }
        await outbound.SendAsync(final, cancellationToken);
    }

    private async Task SendLatestAsync()
    {
        await _gate.WaitAsync();
        try
        {
            string? sent = null;
            while (!_failed && _latest is { } text && text != sent)
            {
                var wait = _lastSent + MinimumGap - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, clock);
                text = _latest!;
                var update = Typing(text, new JsonObject
                {
                    ["type"] = "streaminfo", ["streamId"] = _streamId, ["streamType"] = "streaming", ["streamSequence"] = ++_sequence,
                });
                await TrySendAsync(update, CancellationToken.None);
                _lastSent = clock.GetUtcNow();
                sent = text;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private Activity Typing(string text, JsonObject streamInfo)
    {
        var activity = conversation.CreateActivity(text);
        activity.Type = ActivityTypes.Typing;
        activity.Entities = [streamInfo];
        return activity;
    }

    private async Task<string?> TrySendAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            return await outbound.SendAsync(activity, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            _failed = true;
            LogStreamRefused(ex, (int)ex.StatusCode);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams refused the suggestion stream (HTTP {Status}); the suggestion is sent as a plain message")]
    private partial void LogStreamRefused(Exception exception, int status);
}
