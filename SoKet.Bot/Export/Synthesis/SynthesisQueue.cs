using System.Collections.Concurrent;
using System.Threading.Channels;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Export.Synthesis;

/// <summary>A consolidated report with synthesis paragraphs to write, and where to deliver it.</summary>
public sealed record SynthesisJob(Guid CampaignId, string CampaignCode, ConversationReference Conversation, Guid? PersonId, string RequestedBy);

public enum SynthesisEnqueue
{
    /// <summary>Queued, and the worker is free: it starts at once.</summary>
    Queued,

    /// <summary>Queued behind another campaign's job.</summary>
    QueuedBehind,

    AlreadyRunning,
    Busy,
}

/// <summary>
/// Syntheses are written in the background: a model takes seconds a section, far longer than the 15 seconds a
/// channel waits for a turn, so the turn only acknowledges and the document arrives proactively. One job per
/// campaign at a time (a double click, or two officers, ask once); a few campaigns may wait their turn.
/// </summary>
public sealed class SynthesisQueue
{
    private readonly Channel<SynthesisJob> _jobs = Channel.CreateBounded<SynthesisJob>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();

    public ChannelReader<SynthesisJob> Reader => _jobs.Reader;

    public SynthesisEnqueue TryEnqueue(SynthesisJob job)
    {
        if (!_inFlight.TryAdd(job.CampaignId, 0))
            return SynthesisEnqueue.AlreadyRunning;
        if (_jobs.Writer.TryWrite(job))
            return _inFlight.Count > 1 ? SynthesisEnqueue.QueuedBehind : SynthesisEnqueue.Queued;
        _inFlight.TryRemove(job.CampaignId, out _);
        return SynthesisEnqueue.Busy;
    }

    /// <summary>Called by the worker when a job is finished, whatever its outcome.</summary>
    public void Done(SynthesisJob job) => _inFlight.TryRemove(job.CampaignId, out _);
}
