using System.Net.Http.Headers;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Channels.Attachments;

/// <summary>A file a user sent in chat, read into memory (plans and unit lists are small).</summary>

/// <summary>
/// Reads the files users send: uploads to the built-in web chat come from the store; Teams sends
/// "application/vnd.microsoft.teams.file.download.info" with a pre-authenticated downloadUrl
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4).
/// </summary>
public sealed partial class AttachmentReader(WebChatFiles webChatFiles, IHttpClientFactory httpClients, ILogger<AttachmentReader> logger)
{
    public const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";
    public const string HttpClientName = "SoKet.Attachments";

    /// <summary>The attachments of an activity that are files (not cards).</summary>
    public static IReadOnlyList<Attachment> FileAttachments(Activity activity) =>
        activity.Attachments?.Where(a =>
            a.ContentType != Attachment.AdaptiveCardContentType &&
            a.ContentType != "text/html" &&
            (a.ContentUrl is not null || a.ContentType == TeamsFileDownloadInfo || a.Extra?.ContainsKey(WebChatFiles.SizeProperty) == true)).ToList() ?? [];

    public async Task<InboundFile> ReadAsync(Activity activity, Attachment attachment, long maxBytes, CancellationToken cancellationToken)
    {
        var name = attachment.Name ?? "tep";
        if (activity.ServiceUrl == WebChatChannel.ServiceUrl)
            return await ReadWebChatAsync(attachment, name, maxBytes, cancellationToken);

        var url = attachment.ContentType == TeamsFileDownloadInfo
            ? attachment.Content?["downloadUrl"]?.GetValue<string>()
            : attachment.ContentUrl;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
            return new InboundFile(name, attachment.ContentType, null, null, AttachmentProblem.Unavailable);

        try
        {
            var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogDownloadFailed((int)response.StatusCode);
                return new InboundFile(name, attachment.ContentType, null, null, AttachmentProblem.Unavailable);
            }
            var length = response.Content.Headers.ContentLength;
            if (length > maxBytes)
                return new InboundFile(name, attachment.ContentType, length, null, AttachmentProblem.TooLarge);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                    return new InboundFile(name, attachment.ContentType, total, null, AttachmentProblem.TooLarge);
                buffer.Write(chunk, 0, read);
            }
            return new InboundFile(name, response.Content.Headers.ContentType?.MediaType ?? attachment.ContentType, total, buffer.ToArray(), AttachmentProblem.None);
        }
        catch (HttpRequestException ex)
        {
            LogDownloadError(ex);
            return new InboundFile(name, attachment.ContentType, null, null, AttachmentProblem.Unavailable);
        }
    }

    private async Task<InboundFile> ReadWebChatAsync(Attachment attachment, string name, long maxBytes, CancellationToken cancellationToken)
    {
        var size = attachment.Extra?.TryGetValue(WebChatFiles.SizeProperty, out var s) == true && s.TryGetInt64(out var n) ? n : (long?)null;
        var fileId = WebChatFiles.FileIdFromUrl(attachment.ContentUrl);
        var file = fileId is null ? null : await webChatFiles.FindAsync(fileId, cancellationToken);
        if (file?.Content is null)
            return new InboundFile(name, attachment.ContentType, size, null, size > maxBytes ? AttachmentProblem.TooLarge : AttachmentProblem.Unavailable);
        if (file.Size > maxBytes)
            return new InboundFile(name, file.ContentType, file.Size, null, AttachmentProblem.TooLarge);
        return new InboundFile(file.Name, file.ContentType, file.Size, file.Content, AttachmentProblem.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Downloading an attachment failed with HTTP {Status}")]
    private partial void LogDownloadFailed(int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Downloading an attachment failed")]
    private partial void LogDownloadError(Exception exception);
}

public static class AttachmentServiceCollectionExtensions
{
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.AddHttpClient(AttachmentReader.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(60);
            http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SoKet", "1.0"));
        });
        services.AddScoped<AttachmentReader>();
        return services;
    }
}
