using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Protocol;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Channels.Files;

/// <summary>The user's answer to a file consent card: upload the file to the URL Teams gives, then show it in the chat.</summary>
public sealed partial class FileConsentHandler(WebChatFiles files, IHttpClientFactory httpClients, ILogger<FileConsentHandler> logger)
{
    public const string HttpClientName = "SoKet.FileUpload";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var value = turn.Activity.Value;
        var action = value?["action"]?.GetValue<string>();
        var fileId = value?["context"]?["fileId"]?.GetValue<string>();
        turn.InvokeResponse = new InvokeResponse { StatusCode = 200 };
        if (action != "accept")
        {
            turn.SendText("Đồng chí đã không nhận tệp. Khi cần, đồng chí yêu cầu xuất lại.");
            return;
        }

        var upload = value?["uploadInfo"];
        var uploadUrl = upload?["uploadUrl"]?.GetValue<string>();
        var file = fileId is null ? null : await files.FindAsync(fileId, cancellationToken);
        if (file?.Content is null || uploadUrl is null)
        {
            turn.SendText("Tệp không còn sẵn để gửi. Đồng chí vui lòng yêu cầu xuất lại.");
            return;
        }

        using var content = new ByteArrayContent(file.Content);
        content.Headers.ContentRange = new ContentRangeHeaderValue(0, file.Content.Length - 1, file.Content.Length);
        var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.PutAsync(uploadUrl, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogUploadFailed((int)response.StatusCode);
            turn.SendText("Chưa tải được tệp lên OneDrive của đồng chí. Đồng chí vui lòng thử xuất lại sau ít phút.");
            return;
        }

        var reply = turn.Activity.CreateReply();
        reply.ReplyToId = null;
        reply.Attachments =
        [
            new Attachment
            {
                ContentType = FileDelivery.FileInfoContentType,
                Name = upload?["name"]?.GetValue<string>() ?? file.Name,
                ContentUrl = upload?["contentUrl"]?.GetValue<string>(),
                Content = new JsonObject
                {
                    ["uniqueId"] = upload?["uniqueId"]?.GetValue<string>(),
                    ["fileType"] = upload?["fileType"]?.GetValue<string>() ?? Path.GetExtension(file.Name).TrimStart('.'),
                },
            },
        ];
        turn.Send(reply);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uploading a consented file failed with HTTP {Status}")]
    private partial void LogUploadFailed(int status);
}

public static class FileServiceCollectionExtensions
{
    /// <summary>Files in and out of conversations (<see cref="ITurnFiles"/>), and Teams' file consent answer.</summary>
    public static IServiceCollection AddChannelFiles(this IServiceCollection services)
    {
        services.AddHttpClient(FileConsentHandler.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(2));
        services.AddAttachments();
        services.AddScoped<FileDelivery>();
        services.AddScoped<ITurnFiles, ChannelFiles>();
        services.AddRoutes("Channels", routes =>
            // Only Teams sends a file consent answer: from any other channel it is a forgery.
            routes.Add<FileConsentHandler>(FileDelivery.FileConsentInvoke, h => h.HandleAsync).OnInvoke(FileDelivery.FileConsentInvoke).OnlyOn(ChannelIds.Teams));
        return services;
    }
}

/// <summary>The channels' side of <see cref="ITurnFiles"/>: attachments read from Teams or the web chat store, files kept and offered.</summary>
internal sealed class ChannelFiles(AttachmentReader reader, WebChatFiles webChatFiles, FileDelivery delivery) : ITurnFiles
{
    public IReadOnlyList<Attachment> FileAttachments(Activity activity) => AttachmentReader.FileAttachments(activity);

    public Task<InboundFile> ReadAsync(Activity activity, Attachment attachment, long maxBytes, CancellationToken cancellationToken) =>
        reader.ReadAsync(activity, attachment, maxBytes, cancellationToken);

    public string Keep(TurnContext turn, string name, string contentType, byte[] content) =>
        webChatFiles.Stage(turn.Activity.Conversation?.Id, name, contentType, content).Id;

    public async Task<InboundFile?> FindKeptAsync(TurnContext turn, string id, CancellationToken cancellationToken)
    {
        var file = await webChatFiles.FindAsync(id, cancellationToken);
        // A file kept in another conversation is not this user's to use, whatever id the card carries.
        if (file is null || file.ConversationId != turn.Activity.Conversation?.Id)
            return null;
        return new InboundFile(file.Name, file.ContentType, file.Size, file.Content, file.Content is null ? AttachmentProblem.TooLarge : AttachmentProblem.None);
    }

    public Task OfferAsync(TurnContext turn, string fileName, string contentType, byte[] content, string description, CancellationToken cancellationToken) =>
        delivery.OfferAsync(turn, fileName, contentType, content, description, cancellationToken);

    public Task<Activity> PrepareOfferAsync(ConversationReference conversation, string fileName, string contentType, byte[] content, string description, CancellationToken cancellationToken) =>
        delivery.PrepareOfferAsync(conversation, fileName, contentType, content, description, cancellationToken);
}
