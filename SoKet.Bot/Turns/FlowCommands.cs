using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Turns;

/// <summary>"hủy", "huy", "thôi", "dừng lại": leaves whatever flow the user is in.</summary>
public sealed class FlowCommands
{
    public const string Cancel = "huy";

    public const string Cancelled =
        "Đã hủy thao tác đang thực hiện. Khi cần, đồng chí gõ «trợ giúp» để xem các việc tôi có thể làm.";

    public const string NothingToCancel = "Hiện không có thao tác nào đang thực hiện để hủy.";

    public Task CancelAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Flow.Name is null)
        {
            turn.Answer(NothingToCancel);
            return Task.CompletedTask;
        }
        turn.CancelFlow();
        turn.Answer(Cancelled);
        return Task.CompletedTask;
    }

    internal static void Register(RouteTableBuilder routes) =>
        routes.Add<FlowCommands>(Cancel, c => c.CancelAsync)
            .SaysExactly("hủy", "hủy bỏ", "hủy thao tác", "thôi", "thôi không làm nữa", "dừng lại", "thoát", "cancel", "stop", "quit")
            .Rank(RouteRank.Cancel);
}
