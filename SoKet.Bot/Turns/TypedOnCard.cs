using System.Text;
using System.Text.Json.Nodes;
using SoKet.Bot.Text;

namespace SoKet.Bot.Turns;

/// <summary>
/// Prose the user typed into a card whose button can no longer be carried out (the card's flow ended, or a newer card
/// replaced it). The press is refused, so the text would otherwise be gone with the card: it is sent back, as typed,
/// for the user to copy. Only the inputs that hold writing are given back (a section's text, review comments); the
/// short fields of a form are quicker to type again than to read back.
/// </summary>
internal static class TypedOnCard
{
    /// <summary>The card inputs that hold prose: a section's text, the review's general comment and per-section comments.</summary>
    private static bool IsProse(string field) =>
        field is "text" or "general" || field.StartsWith("comment_", StringComparison.Ordinal);

    // As much as a card's text input takes (ReportService.MaxSectionChars, which the turn layer does not reference):
    // anything longer was not typed on a card.
    private const int MaxChars = 20_000;

    public const string Intro = "Lần bấm này không lưu nội dung đồng chí gõ trên thẻ. Tôi gửi lại dưới đây để đồng chí sao chép và dùng lại nếu cần:";

    /// <summary>The message that gives the typed prose back, or null when the card carried none.</summary>
    public static string? GiveBack(TurnInput input)
    {
        StringBuilder? message = null;
        foreach (var (field, value) in input.Data)
        {
            if (!IsProse(field) || value is not JsonValue v || !v.TryGetValue<string>(out var typed) || string.IsNullOrWhiteSpace(typed))
                continue;
            message ??= new StringBuilder(Intro);
            var text = typed.Trim();
            message.Append("\n\n").Append(MarkdownText.Literal(text.Length > MaxChars ? text[..MaxChars] : text));
        }
        return message?.ToString();
    }
}
