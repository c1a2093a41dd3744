using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Assistant;
using SoKet.Bot.Cards;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting.Suggestions;

/// <summary>
/// The buttons of a suggestion card: accept (as is or edited: the history says which, and who accepted
/// it), ask again, or discard. The section's existing text is never touched until a person accepts.
/// </summary>
public sealed class SuggestionCommand(
    PeopleService people, SoKetDbContext db, ReportService reports, SuggestionQueue queue, CardCatalog cards) : IBotCommand
{
    public const string Working = "Đang soạn gợi ý…";

    public string Name => SuggestionCard.Command;

    public bool Matches(string foldedText) => false;

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = await people.ResolveAsync(turn.Activity, cancellationToken);
        var draft = Guid.TryParse(turn.SubmittedString("draftId"), out var draftId)
            ? await db.SectionDrafts.FirstOrDefaultAsync(d => d.Id == draftId, cancellationToken)
            : null;
        var report = draft is null ? null : await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == draft.ReportId, cancellationToken);
        if (draft is null || report is null || !user.IsMemberOf(report.UnitId))
        {
            turn.SendText("Gợi ý này không còn hoặc không thuộc đơn vị của đồng chí.");
            return;
        }

        switch (turn.SubmittedString("op"))
        {
            case "accept":
                await AcceptAsync(turn, user, draft, cancellationToken);
                break;
            case "regenerate":
                Request(turn, queue, user, report.Id, draft.SectionId);
                break;
            case "discard":
                draft.PendingSuggestion = null;
                draft.PendingSuggestionAtUtc = null;
                await db.SaveChangesAsync(cancellationToken);
                turn.SendText("Đã bỏ gợi ý. Nội dung mục này giữ nguyên như đồng chí đã soạn.");
                break;
            default:
                turn.SendText("Thao tác này không còn được hỗ trợ.");
                break;
        }
    }

    private async Task AcceptAsync(TurnContext turn, CurrentUser user, SectionDraft draft, CancellationToken cancellationToken)
    {
        if (draft.PendingSuggestion is null)
        {
            turn.SendText("Gợi ý này đã được xử lý trước đó; không có gì thay đổi.");
            return;
        }
        var text = turn.SubmittedString("text") ?? draft.PendingSuggestion;
        var source = Normalize(text) == Normalize(draft.PendingSuggestion) ? DraftSource.AiAccepted : DraftSource.AiEdited;
        var basedOn = int.TryParse(turn.SubmittedString("basedOn"), out var version) ? version : draft.Version;
        var result = await reports.SaveSectionAsync(draft.ReportId, draft.SectionId, basedOn, text, source, new Actor(user.PersonId, user.DisplayName), cancellationToken);
        switch (result.Kind)
        {
            case SaveResultKind.Saved or SaveResultKind.Unchanged:
                var saved = await db.SectionDrafts.FirstAsync(d => d.Id == draft.Id, cancellationToken);
                saved.PendingSuggestion = null;
                saved.PendingSuggestionAtUtc = null;
                await db.SaveChangesAsync(cancellationToken);
                turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard(
                    "Đã đưa gợi ý vào báo cáo",
                    source == DraftSource.AiAccepted
                        ? $"Lịch sử mục ghi nhận nội dung do AI gợi ý, đồng chí {user.DisplayName} chấp nhận."
                        : $"Lịch sử mục ghi nhận nội dung do AI gợi ý, đồng chí {user.DisplayName} đã sửa và chấp nhận.",
                    NoticeKind.Success)));
                break;
            case SaveResultKind.Conflict:
                turn.SendText($"Mục này vừa được đồng chí {result.Current?.UpdatedByName} cập nhật, nên gợi ý chưa được đưa vào để tránh ghi đè. Đồng chí mở lại mục để xem nội dung mới nhất.");
                break;
            case SaveResultKind.ReadOnly:
                turn.SendText("Báo cáo đã nộp nên không sửa được nữa.");
                break;
            default:
                turn.SendText("Không tìm thấy báo cáo của gợi ý này.");
                break;
        }
    }

    /// <summary>Queues a suggestion and acknowledges at once with the typing indicator; the card arrives proactively.</summary>
    internal static void Request(TurnContext turn, SuggestionQueue queue, CurrentUser user, Guid reportId, Guid sectionId)
    {
        var job = new SuggestionJob(reportId, sectionId, ConversationReference.From(turn.Activity), user.PersonId, user.DisplayName);
        switch (queue.TryEnqueue(job))
        {
            case SuggestionEnqueue.AlreadyWriting:
                turn.SendText("Gợi ý cho mục này đang được soạn; đồng chí chờ trong giây lát.");
                return;
            case SuggestionEnqueue.Busy:
                turn.SendText("Hệ thống đang soạn nhiều gợi ý cùng lúc. Đồng chí vui lòng thử lại sau ít phút.");
                return;
        }
        var typing = turn.Activity.CreateReply();
        typing.Type = ActivityTypes.Typing;
        turn.Send(typing);
        turn.SendText(Working);
    }

    private static string Normalize(string text) => string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()));
}
