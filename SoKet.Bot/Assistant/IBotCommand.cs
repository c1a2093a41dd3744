using SoKet.Bot.Turns;

namespace SoKet.Bot.Assistant;

/// <summary>
/// A thing the user can ask for, by typing (matched on folded text, so "tro giup" = "trợ giúp") or
/// by a card button whose data carries {"command": Name}.
/// </summary>
public interface IBotCommand
{
    string Name { get; }

    bool Matches(string foldedText);

    Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken);
}
