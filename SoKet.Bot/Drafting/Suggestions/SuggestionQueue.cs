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

    public ChannelReader<SuggestionJob> Reader => _jobs.Reader;

    /// <returns>False when too many suggestions are already waiting; the user is asked to try again shortly.</returns>
    public bool TryEnqueue(SuggestionJob job) => _jobs.Writer.TryWrite(job);
}
