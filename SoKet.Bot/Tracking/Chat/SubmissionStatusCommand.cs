using SoKet.Bot.Cards;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tracking.Status;
using SoKet.Bot.Turns;

using SoKet.Bot.Help;

namespace SoKet.Bot.Tracking.Chat;

/// <summary>"tình hình nộp báo cáo": the admin's overview of every unit, a leader's of theirs; a card button drills into a group.</summary>
public sealed class SubmissionStatusCommand(StatusOverviewBuilder overview, CardCatalog cards, TimeProvider clock)
{
    public const string CommandName = HelpCard.SubmissionStatus;


    public static bool Matches(string foldedText) =>
        foldedText.Contains("tinh hinh nop", StringComparison.Ordinal)
        || (foldedText.Contains("don vi nao", StringComparison.Ordinal) && foldedText.Contains("chua nop", StringComparison.Ordinal));

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;
        var units = await overview.VisibleUnitsAsync(user, cancellationToken);
        if (units is null)
        {
            turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard("Chưa có quyền xem", TurnTexts.NotAllowed, NoticeKind.Warning)));
            return;
        }
        if (units.Count == 0)
        {
            turn.SendText("Chưa có đơn vị nào trong đợt sơ kết đang mở.");
            return;
        }

        var now = clock.GetUtcNow();
        var today = Text.VietnamTime.Today(now);
        StatusOverviewCard card;
        if (turn.Input.Field("groupId") is { } group && Guid.TryParse(group, out var groupId))
            card = overview.Group(units, groupId, user, now, today);
        else
            card = await overview.OverviewAsync(units, user, now, today, "", cancellationToken);
        turn.SendCard(cards.Render(StatusOverviewCard.TemplateName, card), card.Title);
    }
}
