using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.Channels.Outbound;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Channels.Files;

/// <summary>
/// The user's answer to a file consent card: upload the file to the URL Teams gives, then show it in the chat.
/// Only Teams sends this invoke (the route is Teams-only); the file must be one offered in this conversation to
/// this user, and the upload goes through the guarded client, so an uploadUrl can only be an https OneDrive or
/// SharePoint address. Whatever the answer, the offered copy is forgotten: declined, it is not wanted; uploaded,
/// it lives in the user's OneDrive.
/// </summary>
public sealed partial class FileConsentHandler(WebChatFiles files, GuardedHttpClient http, ILogger<FileConsentHandler> logger)
{
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var value = turn.Input.Data;
        var action = Text(value["action"]);
        var fileId = Text(value["context"]?.AsObjectOrNull()?["fileId"]);
        turn.InvokeResponse = new InvokeResponse { StatusCode = 200 };

        var file = fileId is null ? null : await files.FindAsync(fileId, cancellationToken);
        // A file offered in another conversation, or to someone else, is answered like one that does not exist.
        if (file is not null && (file.Kind != StoredFileKind.Export || file.ConversationId != turn.Activity.Conversation?.Id
            || (file.OwnerId is { } owner && owner != turn.Activity.From?.Id)))
        {
            LogForeignFile(fileId);
            file = null;
        }

        if (action != "accept")
        {
            if (file is not null)
                await files.ForgetAsync(file.Id, cancellationToken);
            turn.SendText("Đồng chí đã không nhận tệp. Khi cần, đồng chí yêu cầu xuất lại.");
            return;
        }

        var upload = value["uploadInfo"]?.AsObjectOrNull();
        var uploadUrl = Text(upload?["uploadUrl"]);
        if (file?.Content is null || uploadUrl is null)
        {
            turn.SendText("Tệp không còn sẵn để gửi. Đồng chí vui lòng yêu cầu xuất lại.");
            return;
        }

        var content = file.Content;
        var sent = await http.PutAsync(uploadUrl, content,
            headers => headers.ContentRange = new ContentRangeHeaderValue(0, content.Length - 1, content.Length), cancellationToken);
        if (sent.Outcome != OutboundOutcome.Ok)
        {
            // The same words whatever went wrong: the answer must not tell a prober which addresses answer.
            LogUploadFailed(sent.Outcome, sent.Status);
            turn.SendText("Chưa tải được tệp lên OneDrive của đồng chí. Đồng chí vui lòng thử xuất lại sau ít phút.");
            return;
        }

        await files.ForgetAsync(file.Id, cancellationToken);
        var reply = turn.Activity.CreateReply();
        reply.ReplyToId = null;
        reply.Attachments =
        [
            new Attachment
            {
                ContentType = FileDelivery.FileInfoContentType,
                Name = Text(upload?["name"]) ?? file.Name,
                ContentUrl = Text(upload?["contentUrl"]),
                Content = new JsonObject
                {
                    ["uniqueId"] = Text(upload?["uniqueId"]),
                    ["fileType"] = Text(upload?["fileType"]) ?? Path.GetExtension(file.Name).TrimStart('.'),
                },
            },
        ];
        turn.Send(reply);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 0 and <= 8192 ? s : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uploading a consented file failed: {Outcome} (HTTP {Status})")]
    private partial void LogUploadFailed(OutboundOutcome outcome, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A file consent answer named file {FileId}, which was not offered in this conversation")]
    private partial void LogForeignFile(string? fileId);
}

internal static class JsonNodeExtensions
{
    public static JsonObject? AsObjectOrNull(this JsonNode? node) => node as JsonObject;
}

public static class FileServiceCollectionExtensions
{
    /// <summary>Files in and out of conversations (<see cref="ITurnFiles"/>), and Teams' file consent answer.</summary>
    public static IServiceCollection AddChannelFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGuardedHttp(configuration);
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
        webChatFiles.Stage(turn.Activity.Conversation?.Id, turn.Activity.From?.Id, StoredFileKind.Kept, name, contentType, content).Id;

    public async Task<InboundFile?> FindKeptAsync(TurnContext turn, string id, CancellationToken cancellationToken)
    {
        var file = await webChatFiles.FindAsync(id, cancellationToken);
        // A file kept in another conversation, or for someone else, is not this user's to use, whatever id the card carries.
        if (file is null || file.ConversationId != turn.Activity.Conversation?.Id || (file.OwnerId is { } owner && owner != turn.Activity.From?.Id))
            return null;
        return new InboundFile(file.Name, file.ContentType, file.Size, file.Content, file.Content is null ? AttachmentProblem.TooLarge : AttachmentProblem.None);
    }

    public Task OfferAsync(TurnContext turn, string fileName, string contentType, byte[] content, string description, CancellationToken cancellationToken) =>
        delivery.OfferAsync(turn, fileName, contentType, content, description, cancellationToken);

    public Task<Activity> PrepareOfferAsync(ConversationReference conversation, string fileName, string contentType, byte[] content, string description, CancellationToken cancellationToken) =>
        delivery.PrepareOfferAsync(conversation, fileName, contentType, content, description, cancellationToken);
}
