using SoKet.Bot.Assistant;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Dialogs;

public enum InterruptMode
{
    /// <summary>The handler answers, then the active dialog asks its question again ("trợ giúp", a deadline question).</summary>
    ResumeDialog,

    /// <summary>The whole stack is cancelled, then the handler answers ("hủy").</summary>
    CancelDialogs,
}

/// <summary>
/// Something the user may type in the middle of a dialog that is not an answer to it. Checked, in
/// registration order, before the active dialog sees typed text; only short messages are checked
/// (see <see cref="DialogRunner.MaxInterruptWords"/>), so drafted paragraphs never trigger one.
/// </summary>
public interface IDialogInterrupt
{
    InterruptMode Mode { get; }

    /// <param name="foldedText">The text folded for matching ("Trợ giúp!" → "tro giup").</param>
    bool Matches(string foldedText);

    Task HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>"hủy", "huy", "thôi", "dừng lại": drops whatever the user was doing.</summary>
public sealed class CancelDialogsInterrupt : IDialogInterrupt
{
    private static readonly HashSet<string> Phrases =
        ["huy", "huy bo", "huy thao tac", "thoi", "thoi khong lam nua", "dung lai", "thoat", "cancel", "stop", "quit"];

    public InterruptMode Mode => InterruptMode.CancelDialogs;

    public bool Matches(string foldedText) => Phrases.Contains(foldedText);

    public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.SendText(DialogTexts.Cancelled);
        return Task.CompletedTask;
    }
}

/// <summary>Lets an existing <see cref="IBotCommand"/> (found by name) answer mid-dialog, e.g. "trợ giúp".</summary>
public sealed class CommandInterrupt(IEnumerable<IBotCommand> commands, string commandName, InterruptMode mode) : IDialogInterrupt
{
    private readonly IBotCommand _command =
        commands.FirstOrDefault(c => string.Equals(c.Name, commandName, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No command named '{commandName}' is registered to serve as a dialog interrupt.");

    public InterruptMode Mode => mode;

    public bool Matches(string foldedText) => _command.Matches(foldedText);

    public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken) => _command.ExecuteAsync(turn, cancellationToken);
}
