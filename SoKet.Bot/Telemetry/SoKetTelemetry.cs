using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SoKet.Bot.Telemetry;

/// <summary>
/// SoKet's own spans and instruments: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// "SoKet", that the features record into at their edges (a turn, a Connector call, a model call, a reminder, a
/// suggestion). OpenTelemetry (see <see cref="TelemetryServiceCollectionExtensions"/>) listens to them and exports.
/// Rule for every tag: identifiers and closed sets only (channel, activity type, route id, status, outcome, state) —
/// never a message's text, a report's text or a person's name, and never a value a client chooses freely, since
/// each distinct tag value is a time series of its own.
/// </summary>
public static class SoKetTelemetry
{
    public const string Name = "SoKet";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Seconds, from a few milliseconds (a turn on a warm store) to a minute (a model call).</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    public static readonly Counter<long> Turns =
        Meter.CreateCounter<long>("soket.turns", "{turn}", "Turns handled, by channel, activity type, command and outcome.");

    public static readonly Histogram<double> TurnDuration =
        Meter.CreateHistogram("soket.turn.duration", "s", "Time from receiving an activity to the turn's replies being sent.", advice: Seconds);

    public static readonly Counter<long> ConnectorRequests =
        Meter.CreateCounter<long>("soket.connector.requests", "{request}", "Bot Connector HTTP attempts (each retry counts), by operation and HTTP status.");

    public static readonly Histogram<double> ConnectorDuration =
        Meter.CreateHistogram("soket.connector.duration", "s", "Duration of one Bot Connector HTTP attempt.", advice: Seconds);

    public static readonly Counter<long> ModelCalls =
        Meter.CreateCounter<long>("soket.model.calls", "{call}", "Calls to the drafting model, by outcome.");

    public static readonly Histogram<double> ModelDuration =
        Meter.CreateHistogram("soket.model.duration", "s", "Duration of one call to the drafting model.", advice: Seconds);

    public static readonly Counter<long> RemindersFinished =
        Meter.CreateCounter<long>("soket.reminders.finished", "{reminder}", "Reminders closed by this instance, by final state (Sent, Failed, Unreachable, Skipped).");

    public static readonly Counter<long> SuggestionsQueued =
        Meter.CreateCounter<long>("soket.suggestions.requested", "{suggestion}", "Drafting suggestions asked for, by result (queued, already_writing, busy).");

    public static readonly Histogram<double> SuggestionDuration =
        Meter.CreateHistogram("soket.suggestion.duration", "s", "Time from queueing a drafting suggestion to its delivery.", advice: Seconds);

    public static readonly Counter<long> WebChatSessions =
        Meter.CreateCounter<long>("soket.webchat.sessions", "{session}", "Web chat conversations started.");

    /// <summary>
    /// A gauge read from an object of the container (a queue, a cached count): created on the container's meter, so it
    /// goes away with the container instead of keeping the object alive on the static meter. No factory, no gauge.
    /// </summary>
    public static void Gauge(IMeterFactory? meters, string name, Func<long> read, string unit, string description)
    {
        if (meters is null)
            return;
        meters.Create(Name).CreateObservableGauge(name, read, unit, description);
    }

    /// <summary>The values of an open set a client controls, mapped onto a closed one (a tag value is a time series).</summary>
    public static string Closed(string? value, IReadOnlySet<string> known) =>
        value is not null && known.Contains(value) ? value : "other";
}
