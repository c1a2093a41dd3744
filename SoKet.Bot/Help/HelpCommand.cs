using SoKet.Bot.Assistant;
using SoKet.Bot.Cards;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Help;

/// <summary>"xin chào", "trợ giúp" (or "tro giup", "help"): the card listing what SoKet does.</summary>
public sealed class HelpCommand(CardCatalog cards) : IBotCommand
{
    private static readonly string[] Phrases =
        ["tro giup", "giup do", "giup toi", "huong dan", "xin chao", "chao", "chao ban", "help", "hello", "hi", "menu", "bat dau", "start"];

    public string Name => "help";

    public bool Matches(string foldedText) =>
        Phrases.Any(p => foldedText == p || foldedText.StartsWith(p + " ", StringComparison.Ordinal));

    public Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.SendCard(cards.Render("help", HelpCardData.Create(isAdmin: false)), "Trợ giúp: những việc Trợ lý sơ kết có thể làm");
        return Task.CompletedTask;
    }
}

/// <summary>The data bound into cards/help.json.</summary>
public static class HelpCardData
{
    public static object Create(bool isAdmin) => new
    {
        isAdmin,
    };
}
