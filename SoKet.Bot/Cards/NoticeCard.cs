using System.Text.Json.Serialization;

namespace SoKet.Bot.Cards;

/// <summary>How a notice is coloured: its title in the host's accent, good, warning or attention colour.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))]
public enum NoticeKind
{
    [JsonStringEnumMemberName("info")]
    Info,

    [JsonStringEnumMemberName("success")]
    Success,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("error")]
    Error,
}

/// <summary>A label and value shown in the notice's fact list.</summary>
public sealed record NoticeFact(string Title, string Value);

/// <summary>
/// Data for cards/notice.json, the generic card for confirmations and errors: a title, an optional
/// text and optional facts. Render with <c>catalog.Render(NoticeCard.TemplateName, notice)</c>.
/// </summary>
public sealed record NoticeCard(string Title, string? Text = null, NoticeKind Kind = NoticeKind.Info, IReadOnlyList<NoticeFact>? Facts = null)
{
    public const string TemplateName = "notice";
}
