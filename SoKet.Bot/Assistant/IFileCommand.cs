using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Assistant;

/// <summary>Something the bot does with a file a user sends (a plan, a list of units).</summary>
public interface IFileCommand
{
    /// <summary>Lower order wins when several accept the same file name.</summary>
    int Order { get; }

    bool Accepts(string fileName);

    Task HandleAsync(TurnContext turn, Attachment file, CancellationToken cancellationToken);
}
