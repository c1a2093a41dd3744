using System.Diagnostics;

namespace SoKet.Bot.Telemetry;

/// <summary>
/// One turn as a span ("soket.turn") and as points of <see cref="SoKetTelemetry.Turns"/> and
/// <see cref="SoKetTelemetry.TurnDuration"/>. Tags: the channel, the activity type, the route that ran (its id, a
/// constant of the code) and the outcome — nothing the user wrote. The turn pipeline opens it around a turn, names
/// the route when it resolves one, and completes it with the outcome; a turn left without an outcome (cancelled,
/// or an exception escaping the pipeline) is recorded as "Aborted".
/// </summary>
public sealed class TurnTelemetry : IDisposable
{
    private static readonly AsyncLocal<TurnTelemetry?> Current = new();

    private static readonly HashSet<string> Channels = new(StringComparer.Ordinal) { "msteams", "webchat", "emulator", "directline", "test" };

    private static readonly HashSet<string> ActivityTypes = new(StringComparer.Ordinal)
    {
        "message", "invoke", "conversationUpdate", "installationUpdate", "event", "typing", "messageReaction", "messageUpdate", "messageDelete", "endOfConversation",
    };

    private readonly Activity? _span;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _channel;
    private readonly string _type;
    private string? _command;
    private string _outcome = "Aborted";

    private TurnTelemetry(string? channelId, string? activityType)
    {
        // Web chat clients choose these fields themselves: anything unknown is "other", so a forged value adds no series.
        _channel = SoKetTelemetry.Closed(channelId, Channels);
        _type = SoKetTelemetry.Closed(activityType, ActivityTypes);
        _span = SoKetTelemetry.Source.StartActivity("soket.turn", ActivityKind.Internal);
        _span?.SetTag("soket.channel", _channel);
        _span?.SetTag("soket.activity_type", _type);
    }

    public static TurnTelemetry Start(string? channelId, string? activityType)
    {
        var turn = new TurnTelemetry(channelId, activityType);
        Current.Value = turn;
        return turn;
    }

    /// <summary>The route the current turn runs (a route id of the routing table).</summary>
    public static void Command(string routeId)
    {
        if (Current.Value is not { } turn)
            return;
        turn._command = routeId;
        turn._span?.SetTag("soket.command", routeId);
    }

    public void Complete(string outcome) => _outcome = outcome;

    public void Dispose()
    {
        var tags = new TagList
        {
            { "soket.channel", _channel },
            { "soket.activity_type", _type },
            { "soket.command", _command ?? "none" },
            { "soket.outcome", _outcome },
        };
        SoKetTelemetry.Turns.Add(1, tags);
        SoKetTelemetry.TurnDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        if (_span is not null)
        {
            _span.SetTag("soket.outcome", _outcome);
            if (_outcome is "Failed" or "Aborted")
                _span.SetStatus(ActivityStatusCode.Error);
            _span.Dispose();
        }
        if (Current.Value == this)
            Current.Value = null;
    }
}
