using System.Threading.Channels;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Drafting.Suggestions;

/// <summary>A suggestion to write, and where to deliver it when it is ready.</summary>
public sealed record SuggestionJob(Guid ReportId, Guid SectionId, ConversationReference Conversation, Guid? PersonId, string RequestedBy);

/// <summary>
/// Suggestions are written in the background: a model may take longer than the 15 seconds a channel
/// waits for a turn, so the turn only acknowledges and the answer arrives proactively.
/// </summary>
public sealed class SuggestionQueue
{
    private readonly Channel<SuggestionJob> _jobs = Channel.CreateBounded<SuggestionJob>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });
    // Each in-flight section with the moment it was queued, for the suggestion latency metric.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid ReportId, Guid SectionId), long> _inFlight = new();

    public SuggestionQueue(System.Diagnostics.Metrics.IMeterFactory? meters = null) =>
        Telemetry.SoKetTelemetry.Gauge(meters, "soket.suggestions.queue_depth", () => _jobs.Reader.Count, "{suggestion}", "Drafting suggestions waiting to be written.");

    public ChannelReader<SuggestionJob> Reader => _jobs.Reader;

    /// <summary>Queues a suggestion unless one for the same section is already being written (a double click asks once).</summary>
    public SuggestionEnqueue TryEnqueue(SuggestionJob job)
    {
        var result = Enqueue(job);
        Telemetry.SoKetTelemetry.SuggestionsQueued.Add(1, new KeyValuePair<string, object?>("soket.result", result.ToString()));
        return result;
    }

    private SuggestionEnqueue Enqueue(SuggestionJob job)
    {
        if (!_inFlight.TryAdd((job.ReportId, job.SectionId), System.Diagnostics.Stopwatch.GetTimestamp()))
            return SuggestionEnqueue.AlreadyWriting;
        if (_jobs.Writer.TryWrite(job))
            return SuggestionEnqueue.Queued;
        _inFlight.TryRemove((job.ReportId, job.SectionId), out _);
        return SuggestionEnqueue.Busy;
    }

    /// <summary>Called by the worker when a job is finished, whatever its outcome.</summary>
    public void Done(SuggestionJob job)
    {
        if (_inFlight.TryRemove((job.ReportId, job.SectionId), out var queuedAt))
            Telemetry.SoKetTelemetry.SuggestionDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(queuedAt).TotalSeconds);
    }
}

public enum SuggestionEnqueue { Queued, AlreadyWriting, Busy }
