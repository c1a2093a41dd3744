using SoKet.Bot.Cards;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Help;

/// <summary>"xin chào", "trợ giúp" (or "tro giup", "help"): the card listing what SoKet does; the greeting when the bot is added.</summary>
public sealed class HelpChat(CardCatalog cards, RouteTable routes)
{
    public const string Route = "help";

    internal const string Welcome =
        "Kính chào đồng chí! Tôi là Trợ lý sơ kết, giúp đơn vị soạn và nộp báo cáo sơ kết ngay trong cuộc trò chuyện. Đồng chí gõ «trợ giúp» để xem những việc tôi có thể làm.";

    public Task ShowAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // The office's commands only for those their routes let in: members never see buttons they may not press, and a
        // leader sees the status the route gives them.
        var user = turn.User;
        var card = HelpCard.For(id => routes.Find(id) is { } route && user.Holds(route.Roles));
        turn.SendCard(cards.Render(HelpCard.TemplateName, card), "Trợ giúp: những việc Trợ lý sơ kết có thể làm");
        return Task.CompletedTask;
    }

    public Task GreetAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.SendText(Welcome);
        return Task.CompletedTask;
    }
}

public static class HelpServiceCollectionExtensions
{
    public static IServiceCollection AddHelp(this IServiceCollection services)
    {
        services.AddRoutes("Help", routes =>
        {
            routes.Add<HelpChat>(HelpChat.Route, h => h.ShowAsync)
                .Says("trợ giúp", "giúp đỡ", "giúp tôi", "hướng dẫn", "xin chào", "chào", "chào bạn", "help", "hello", "hi", "menu", "bắt đầu", "start");
            routes.Add<HelpChat>("chao-mung", h => h.GreetAsync).OnWelcome();
        });
        services.AddCardSamples("help", sp =>
        {
            var cards = sp.GetRequiredService<CardCatalog>();
            return [("help", cards.Render(HelpCard.TemplateName, HelpCard.Create(isAdmin: true)))];
        });
        return services;
    }
}
