using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Cards;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Turns;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Suggestions;

/// <summary>
/// Asking for an AI suggestion (queued once the turn is stored, written in the background) and the buttons of
/// the suggestion card: "Đưa vào báo cáo" (as written or edited), "Gợi ý lại", "Bỏ gợi ý".
/// </summary>
public sealed class SuggestionChat(OwnedIds ids, ReportService reports, SuggestionQueue queue, CardCatalog cards, DraftingFlow flow)
{
    public const string Working = "Đang soạn gợi ý…";

    public async Task CardAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // A draft of another unit gets the same answer as one that does not exist.
        if (await ids.DraftAsync(turn, turn.Input.GuidField("draftId"), cancellationToken) is not var (view, tracked))
        {
            turn.SendText("Gợi ý này không còn hoặc không thuộc đơn vị của đồng chí.");
            return;
        }

        switch (turn.Input.Field("op"))
        {
            case "accept":
                await AcceptAsync(turn, view, tracked, cancellationToken);
                break;
            case "regenerate":
                Request(queue, turn, view.Report.Id, tracked.SectionId);
                break;
            case "discard":
                tracked.PendingSuggestion = null;
                tracked.PendingSuggestionAtUtc = null;
                turn.SendText("Đã bỏ gợi ý. Nội dung mục này giữ nguyên như đồng chí đã soạn.");
                break;
            default:
                turn.SendText("Thao tác này không còn được hỗ trợ.");
                break;
        }
    }

    /// <summary>Queues a suggestion for the section once the turn is stored; the drafter is told at once that it is being written.</summary>
    /// <remarks>Static, with the queue passed in: the drafting flow asks for suggestions, and this chat redraws the flow's card.</remarks>
    public static void Request(SuggestionQueue queue, TurnContext turn, Guid reportId, Guid sectionId)
    {
        var job = new SuggestionJob(reportId, sectionId, ConversationReference.From(turn.Activity), turn.User.PersonId, turn.User.DisplayName);
        turn.OnCommitted(_ =>
        {
            switch (queue.TryEnqueue(job))
            {
                case SuggestionEnqueue.AlreadyWriting:
                    turn.SendText("Gợi ý cho mục này đang được soạn; đồng chí chờ trong giây lát.");
                    break;
                case SuggestionEnqueue.Busy:
                    turn.SendText("Hệ thống đang soạn nhiều gợi ý cùng lúc. Đồng chí vui lòng thử lại sau ít phút.");
                    break;
                default:
                    var typing = turn.Activity.CreateReply();
                    typing.Type = ActivityTypes.Typing;
                    turn.Send(typing);
                    turn.SendText(Working);
                    break;
            }
            return Task.CompletedTask;
        });
    }

    private async Task AcceptAsync(TurnContext turn, ReportView view, SectionDraft draft, CancellationToken cancellationToken)
    {
        if (draft.PendingSuggestion is null)
        {
            turn.SendText("Gợi ý này đã được xử lý trước đó; không có gì thay đổi.");
            return;
        }
        var user = turn.User;
        var text = turn.Input.Field("text") ?? draft.PendingSuggestion;
        var source = Normalize(text) == Normalize(draft.PendingSuggestion) ? DraftSource.AiAccepted : DraftSource.AiEdited;
        var basedOn = int.TryParse(turn.Input.Field("basedOn"), out var version) ? version : draft.Version;
        var result = reports.SaveSection(view, draft.SectionId, basedOn, text, source, new Actor(user.PersonId, user.DisplayName));
        switch (result.Kind)
        {
            case SaveResultKind.Saved or SaveResultKind.Unchanged:
                draft.PendingSuggestion = null;
                draft.PendingSuggestionAtUtc = null;
                var history = source == DraftSource.AiAccepted
                    ? $"Lịch sử mục ghi nhận nội dung do AI gợi ý, đồng chí {user.DisplayName} chấp nhận."
                    : $"Lịch sử mục ghi nhận nội dung do AI gợi ý, đồng chí {user.DisplayName} đã sửa và chấp nhận.";
                // The section's card on screen still shows the text from before the accept, and its «Lưu» would meet the
                // version check: when the drafting flow is on this section, its card is drawn again with the new text (and
                // an undo); older cards' buttons stop working.
                if (DraftingFlow.IsShowing(turn, view.Report.Id, draft.SectionId))
                    await flow.ShowSectionAsync(turn, view, draft.SectionId, $"Đã đưa gợi ý vào báo cáo. {history}",
                        result.Kind == SaveResultKind.Saved ? result.Current!.Version : null, cancellationToken);
                else
                    turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard("Đã đưa gợi ý vào báo cáo", history, NoticeKind.Success)));
                break;
            case SaveResultKind.Conflict:
                turn.SendText($"Mục này vừa được đồng chí {MarkdownText.Literal(result.Current?.UpdatedByName)} cập nhật, nên gợi ý chưa được đưa vào để tránh ghi đè. Đồng chí mở lại mục để xem nội dung mới nhất.");
                break;
            case SaveResultKind.ReadOnly:
                turn.SendText("Báo cáo đã nộp nên không sửa được nữa.");
                break;
            case SaveResultKind.TooLong:
                // The suggestion stays pending: the user can shorten it and accept again.
                turn.SendText(Editor.EditorTexts.TooLongText());
                break;
            default:
                turn.SendText("Không tìm thấy báo cáo của gợi ý này.");
                break;
        }
    }

    private static string Normalize(string text) => string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()));
}
