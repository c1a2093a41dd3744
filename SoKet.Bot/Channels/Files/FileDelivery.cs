using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Channels.Files;

/// <summary>
/// Gives a user a file the bot produced. Web chat: a download link that expires. Teams: the file
/// consent card, after which Teams lets the bot upload into the user's OneDrive
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4).
/// </summary>
public sealed class FileDelivery(WebChatFiles files, IOptions<ChannelOptions> options, TimeProvider clock)
{
    public const string FileConsentContentType = "application/vnd.microsoft.teams.card.file.consent";
    public const string FileInfoContentType = "application/vnd.microsoft.teams.card.file.info";
    public const string FileConsentInvoke = "fileConsent/invoke";

    public async Task OfferAsync(TurnContext turn, string fileName, string contentType, byte[] content, string description, CancellationToken cancellationToken)
    {
        var stored = files.Stage(turn.Activity.Conversation?.Id, turn.Activity.From?.Id, Data.StoredFileKind.Export, fileName, contentType, content);
        var reply = turn.Activity.CreateReply();
        await OfferAsync(reply, turn.Activity.ChannelId, stored, description, cancellationToken);
        turn.Send(reply);
    }

    /// <summary>The same offer outside a turn: the file is stored at once, the message is returned for a proactive send.</summary>
    public async Task<Activity> PrepareOfferAsync(
        ConversationReference conversation, string fileName, string contentType, byte[] content, string description, CancellationToken cancellationToken)
    {
        var stored = await files.StoreAsync(conversation.ConversationId, conversation.UserId, fileName, contentType, content, cancellationToken);
        var message = conversation.CreateActivity();
        await OfferAsync(message, conversation.ChannelId, stored, description, cancellationToken);
        return message;
    }

    private async Task OfferAsync(Activity reply, string? channelId, StoredFile stored, string description, CancellationToken cancellationToken)
    {
        if (channelId == ChannelIds.Teams)
        {
            reply.Text = $"{description} Đồng chí bấm «Cho phép» để nhận tệp vào OneDrive.";
            reply.Attachments =
            [
                new Attachment
                {
                    ContentType = FileConsentContentType,
                    Name = stored.Name,
                    Content = new JsonObject
                    {
                        ["description"] = description,
                        ["sizeInBytes"] = stored.Size,
                        ["acceptContext"] = new JsonObject { ["fileId"] = stored.Id },
                        ["declineContext"] = new JsonObject { ["fileId"] = stored.Id },
                    },
                },
            ];
        }
        else
        {
            var expires = clock.GetUtcNow().Add(options.Value.DownloadLinkLifetime);
            reply.Text = $"{description} Đường dẫn tải tệp có hiệu lực đến {Text.VietnamTime.Format(expires)} và chỉ dùng được trên trình duyệt này.";
            reply.Attachments = [await files.ToAttachmentAsync(stored, cancellationToken)];
        }
    }
}
