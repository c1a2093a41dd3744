using System.Security.Cryptography;

namespace SoKet.Bot.Dialogs;

/// <summary>One frame of a conversation's dialog stack, live for the current turn.</summary>
public sealed class DialogInstance
{
    internal DialogInstance(IDialog dialog, string token, string? step, object state)
    {
        Dialog = dialog;
        Token = token;
        Step = step;
        State = state;
    }

    internal IDialog Dialog { get; }

    public string Id => Dialog.Id;

    /// <summary>The dialog's position (a waterfall step name); null for dialogs without named steps.</summary>
    public string? Step { get; internal set; }

    /// <summary>
    /// Identifies this step instance. Cards rendered for it carry the token in their data, so a
    /// submit from an older card (a double click, a card scrolled back to) is recognised and ignored.
    /// </summary>
    public string Token { get; internal set; }

    public object State { get; }

    internal static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
