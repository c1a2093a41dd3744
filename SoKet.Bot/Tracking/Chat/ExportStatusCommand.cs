using SoKet.Bot.Assistant;
using SoKet.Bot.Cards;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Export;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tracking.Status;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Tracking.Chat;

/// <summary>
/// "xuất CSV": the status table as a CSV file. Web chat gets a signed, expiring download link; Teams gets the
/// table on a card until file delivery in Teams arrives with the export feature.
/// </summary>
public sealed class ExportStatusCommand(PeopleService people, StatusOverviewBuilder overview, WebChatFiles files, CardCatalog cards, TimeProvider clock) : IBotCommand
{
    public const string CommandName = "xuat-csv-tinh-hinh";

    public string Name => CommandName;

    public bool Matches(string foldedText) => foldedText.Contains("xuat csv", StringComparison.Ordinal);

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = await people.ResolveAsync(turn.Activity, cancellationToken);
        var units = await overview.VisibleUnitsAsync(user, cancellationToken);
        if (units is null)
        {
            turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard("Chưa có quyền xem", CurrentUser.AdminOnly, NoticeKind.Warning)));
            return;
        }
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, VietnameseFormat.VietnamTimeZone).DateTime);

        if (turn.Activity.ChannelId != ChannelIds.WebChat)
        {
            var table = new StatusSection("Bảng tình hình nộp báo cáo",
                StatusOverviewBuilder.Rows(units, today).Select(r => new StatusItem(r.Unit, $"{r.Status}{(r.Late == true ? ", muộn" : "")}")).ToList());
            var card = await overview.OverviewAsync(units, user, now, today, SubmissionStatusCommand.TeamsFileNote, cancellationToken);
            card = card with { Sections = [table, .. card.Sections.Where(s => s.Heading.StartsWith("Không nhắn được", StringComparison.Ordinal))] };
            turn.SendCard(cards.Render(StatusOverviewCard.TemplateName, card), card.Title);
            return;
        }

        using var csv = new MemoryStream();
        StatusTableExporter.WriteCsv(StatusOverviewBuilder.Rows(units, today), csv);
        csv.Position = 0;
        var name = $"tinh-hinh-nop-bao-cao-{today:yyyy-MM-dd}.csv";
        var stored = await files.SaveAsync(turn.Activity.Conversation?.Id, name, "text/csv", csv, cancellationToken);
        var reply = turn.Activity.CreateReply($"Bảng tình hình nộp báo cáo của {units.Count} đơn vị (tệp CSV, mở được bằng Excel). Đường dẫn tải có thời hạn.");
        reply.Attachments = [await files.ToAttachmentAsync(stored, cancellationToken)];
        turn.Send(reply);
    }
}
