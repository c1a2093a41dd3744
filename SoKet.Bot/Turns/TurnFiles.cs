using SoKet.Bot.Protocol;

namespace SoKet.Bot.Turns;

public enum AttachmentProblem { None, TooLarge, Unavailable }

/// <summary>A file a user sent, read into memory (or why it could not be).</summary>
public sealed record InboundFile(string Name, string? ContentType, long? Size, byte[]? Content, AttachmentProblem Problem);

/// <summary>
/// Files in and out of a conversation, whatever the channel: what a user attached, a file kept for a later
/// turn, a document offered for download. Features use this; the channels implement it.
/// </summary>
public interface ITurnFiles
{
    /// <summary>The attachments of <paramref name="activity"/> that are files (not cards).</summary>
    IReadOnlyList<Attachment> FileAttachments(Activity activity);

    /// <summary>Reads an attached file, refusing more than <paramref name="maxBytes"/>.</summary>
    Task<InboundFile> ReadAsync(Activity activity, Attachment attachment, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="content"/> for a later turn of the same conversation (stored with this turn); returns its id.</summary>
    string Keep(TurnContext turn, string name, string contentType, byte[] content);

    /// <summary>A file kept earlier in this same conversation; null for an unknown id or one of another conversation.</summary>
    Task<InboundFile?> FindKeptAsync(TurnContext turn, string id, CancellationToken cancellationToken);

    /// <summary>Offers a document to the user: a signed download link in the web chat, a file consent card in Teams.</summary>
    Task OfferAsync(TurnContext turn, string fileName, string contentType, byte[] content, string description, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a document made outside any turn (background work) and returns the message offering it, as
    /// <see cref="OfferAsync"/> would, for the caller to send to <paramref name="conversation"/> proactively.
    /// </summary>
    Task<Activity> PrepareOfferAsync(ConversationReference conversation, string fileName, string contentType, byte[] content, string description, CancellationToken cancellationToken);
}
