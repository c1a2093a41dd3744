using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Assistant;

/// <summary>The root of SoKet's conversation logic: routes each activity to a command; knows no channel.</summary>
public sealed partial class SoKetBot(
    IEnumerable<IBotCommand> commands,
    IEnumerable<IFileCommand> fileCommands,
    Dialogs.DialogRunner dialogs,
    Channels.Files.FileConsentHandler fileConsent,
    ILogger<SoKetBot> logger) : IBot
{
    internal const string Welcome =
        "Kính chào đồng chí! Tôi là Trợ lý sơ kết, giúp đơn vị soạn và nộp báo cáo sơ kết ngay trong cuộc trò chuyện. Đồng chí gõ «trợ giúp» để xem những việc tôi có thể làm.";

    internal const string NotUnderstood =
        "Tôi chưa hiểu yêu cầu «{0}». Đồng chí gõ «trợ giúp» để xem các việc tôi có thể làm.";

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // An unfinished flow (drafting a section, answering a prompt) gets the turn first; it lets
        // "trợ giúp", "hủy" and deadline questions interrupt it and then resumes.
        if (await dialogs.TryContinueAsync(turn, cancellationToken))
            return;

        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Invoke when activity.Name == "adaptiveCard/action":
                await OnCardActionAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Invoke when activity.Name == Channels.Files.FileDelivery.FileConsentInvoke:
                await fileConsent.HandleAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Invoke:
                turn.InvokeResponse = InvokeResponse.Error(501, "NotImplemented", $"Invoke '{activity.Name}' is not supported.");
                break;
            case ActivityTypes.ConversationUpdate when BotWasAdded(activity) || UserJoinedWebChat(activity):
            case ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade":
                turn.SendText(Welcome);
                break;
        }
    }

    private async Task OnMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Action.Submit arrives as a message with the button's data (and inputs) in value.
        if (CommandName(turn.Activity.Value) is { } submitted)
        {
            await RunAsync(turn, submitted, cancellationToken);
            return;
        }

        var files = Channels.Attachments.AttachmentReader.FileAttachments(turn.Activity);
        if (files.Count > 0)
        {
            foreach (var file in files)
                await OnFileAsync(turn, file, cancellationToken);
            return;
        }

        var folded = VietnameseText.FoldForMatching(turn.Activity.Text);
        if (folded.Length == 0)
            return;
        var command = commands.FirstOrDefault(c => c.Matches(folded));
        if (command is null)
        {
            var shown = VietnameseText.CleanLine(turn.Activity.Text);
            if (shown.Length > 60)
                shown = shown[..60] + "…";
            var reply = turn.Activity.CreateReply(string.Format(System.Globalization.CultureInfo.InvariantCulture, NotUnderstood, shown));
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = [CardAction.ImBack("Trợ giúp"), CardAction.ImBack("Soạn báo cáo"), CardAction.ImBack("Hạn nộp báo cáo khi nào?")],
            };
            turn.Send(reply);
            return;
        }
        await command.ExecuteAsync(turn, cancellationToken);
    }

    private async Task OnFileAsync(TurnContext turn, Attachment file, CancellationToken cancellationToken)
    {
        var name = file.Name ?? "";
        var handler = fileCommands.OrderBy(c => c.Order).FirstOrDefault(c => c.Accepts(name));
        if (handler is null)
        {
            turn.SendText($"Tôi chưa xử lý được tệp «{name}». Đồng chí gửi kế hoạch dưới dạng .docx, .txt hoặc .md, hoặc danh sách đơn vị dưới dạng .csv.");
            return;
        }
        await handler.HandleAsync(turn, file, cancellationToken);
    }

    private async Task OnCardActionAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Action.Execute: value = {action:{type,id,verb,data},trigger}; the verb names the command.
        var action = turn.Activity.Value?["action"];
        var name = action?["verb"]?.GetValue<string>() ?? CommandName(action?["data"]);
        if (name is null)
        {
            turn.InvokeResponse = InvokeResponse.Error(400, "BadRequest", "Thao tác trên thẻ thiếu tên lệnh.");
            return;
        }
        await RunAsync(turn, name, cancellationToken);
    }

    private async Task RunAsync(TurnContext turn, string name, CancellationToken cancellationToken)
    {
        var command = commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            LogUnknownCommand(name);
            turn.SendText("Thao tác này không còn được hỗ trợ. Đồng chí gõ «trợ giúp» để xem các việc tôi có thể làm.");
            return;
        }
        await command.ExecuteAsync(turn, cancellationToken);
    }

    private static string? CommandName(JsonNode? value) =>
        value is JsonObject obj && obj["command"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true;

    private static bool UserJoinedWebChat(Activity activity) =>
        activity.ChannelId == ChannelIds.WebChat && activity.MembersAdded?.Any(m => m.Id == activity.From?.Id) == true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card submitted unknown command {Command}")]
    private partial void LogUnknownCommand(string command);
}
