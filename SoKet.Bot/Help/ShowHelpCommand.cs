using SoKet.Bot.Assistant;
using SoKet.Bot.Cards;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Help;

/// <summary>"xin chào", "trợ giúp" (or "tro giup", "help"): the card listing what SoKet does.</summary>
public sealed class ShowHelpCommand(CardCatalog cards) : IBotCommand
{
    private static readonly string[] Phrases =
        ["tro giup", "giup do", "giup toi", "huong dan", "xin chao", "chao", "chao ban", "help", "hello", "hi", "menu", "bat dau", "start"];

    public string Name => "help";

    public bool Matches(string foldedText) =>
        Phrases.Any(p => foldedText == p || foldedText.StartsWith(p + " ", StringComparison.Ordinal));

    public Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.SendCard(cards.Render(HelpCard.TemplateName, HelpCard.Create(isAdmin: false)), "Trợ giúp: những việc Trợ lý sơ kết có thể làm");
        return Task.CompletedTask;
    }
}
