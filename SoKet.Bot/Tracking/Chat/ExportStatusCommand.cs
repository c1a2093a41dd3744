using SoKet.Bot.Cards;
using SoKet.Bot.Export;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tracking.Status;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Tracking.Chat;

/// <summary>
/// "xuất CSV" / "xuất Excel": the status table as a file — a signed, expiring download link in web chat,
/// the file consent card in Teams (<see cref="FileDelivery"/>).
/// </summary>
public sealed class ExportStatusCommand(StatusOverviewBuilder overview, ITurnFiles files, CardCatalog cards, TimeProvider clock)
{
    public const string CommandName = "xuat-csv-tinh-hinh";
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";


    public static bool Matches(string foldedText) =>
        foldedText.Contains("xuat csv", StringComparison.Ordinal) ||
        foldedText.Contains("xuat excel", StringComparison.Ordinal) ||
        foldedText.Contains("xuat xlsx", StringComparison.Ordinal);

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;
        var units = await overview.VisibleUnitsAsync(user, cancellationToken);
        if (units is null)
        {
            turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard("Chưa có quyền xem", TurnTexts.NotAllowed, NoticeKind.Warning)));
            return;
        }
        var today = Text.VietnamTime.Today(clock.GetUtcNow());
        var rows = StatusOverviewBuilder.Rows(units, today);
        var folded = Text.VietnameseText.FoldForMatching(turn.Input.Kind == InputKind.Text ? turn.Input.Text : turn.Input.Field("format"));
        var excel = folded.Contains("excel", StringComparison.Ordinal) || folded.Contains("xlsx", StringComparison.Ordinal);

        using var output = new MemoryStream();
        if (excel)
            StatusTableExporter.WriteXlsx(rows, output);
        else
            StatusTableExporter.WriteCsv(rows, output);
        var name = $"tinh-hinh-nop-bao-cao-{today:yyyy-MM-dd}.{(excel ? "xlsx" : "csv")}";
        await files.OfferAsync(turn, name, excel ? XlsxContentType : "text/csv", output.ToArray(),
            $"Bảng tình hình nộp báo cáo của {units.Count} đơn vị ({(excel ? "tệp Excel" : "tệp CSV, mở được bằng Excel")}).", cancellationToken);
    }
}
