using System.Text.Json.Nodes;
using SoKet.Bot.Channels.Outbound;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Channels.Attachments;

/// <summary>
/// Reads the files users send: uploads to the built-in web chat come from the store (only the sender's own
/// uploads in this conversation); Teams sends "application/vnd.microsoft.teams.file.download.info" with a
/// pre-authenticated downloadUrl (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4),
/// fetched through the guarded client: a URL naming anything but an allowed https host is never requested.
/// </summary>
public sealed class AttachmentReader(WebChatFiles webChatFiles, GuardedHttpClient http)
{
    public const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    /// <summary>The attachments of an activity that are files (not cards).</summary>
    public static IReadOnlyList<Attachment> FileAttachments(Activity activity) =>
        activity.Attachments?.Where(a =>
            a.ContentType != Attachment.AdaptiveCardContentType &&
            a.ContentType != "text/html" &&
            (a.ContentUrl is not null || a.ContentType == TeamsFileDownloadInfo || a.Extra?.ContainsKey(WebChatFiles.SizeProperty) == true)).ToList() ?? [];

    public async Task<InboundFile> ReadAsync(Activity activity, Attachment attachment, long maxBytes, CancellationToken cancellationToken)
    {
        var name = WebChatFiles.SafeName(attachment.Name);
        if (activity.ServiceUrl == WebChatChannel.ServiceUrl)
            return await ReadWebChatAsync(activity, attachment, name, maxBytes, cancellationToken);

        var url = attachment.ContentType == TeamsFileDownloadInfo
            ? (attachment.Content as JsonObject)?["downloadUrl"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null
            : attachment.ContentUrl;
        var read = await http.GetAsync(url, maxBytes, cancellationToken);
        return read.Outcome switch
        {
            OutboundOutcome.Ok => new InboundFile(name, read.ContentType ?? attachment.ContentType, read.Size, read.Content, AttachmentProblem.None),
            OutboundOutcome.TooLarge => new InboundFile(name, attachment.ContentType, read.Size, null, AttachmentProblem.TooLarge),
            _ => new InboundFile(name, attachment.ContentType, null, null, AttachmentProblem.Unavailable),
        };
    }

    private async Task<InboundFile> ReadWebChatAsync(Activity activity, Attachment attachment, string name, long maxBytes, CancellationToken cancellationToken)
    {
        var size = attachment.Extra?.TryGetValue(WebChatFiles.SizeProperty, out var s) == true && s.TryGetInt64(out var n) ? n : (long?)null;
        var fileId = WebChatFiles.FileIdFromUrl(attachment.ContentUrl);
        var file = fileId is null ? null : await webChatFiles.FindAsync(fileId, cancellationToken);
        // Only a file uploaded in this conversation by this user is read; any other id is as if the file were gone.
        if (file is not null && (file.ConversationId != activity.Conversation?.Id || (file.OwnerId is { } owner && owner != activity.From?.Id)))
            file = null;
        if (file?.Content is null)
            return new InboundFile(name, attachment.ContentType, size, null, size > maxBytes ? AttachmentProblem.TooLarge : AttachmentProblem.Unavailable);
        if (file.Size > maxBytes)
            return new InboundFile(name, file.ContentType, file.Size, null, AttachmentProblem.TooLarge);
        return new InboundFile(file.Name, file.ContentType, file.Size, file.Content, AttachmentProblem.None);
    }
}

public static class AttachmentServiceCollectionExtensions
{
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddScoped<AttachmentReader>();
        return services;
    }
}
