using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>
/// What an editor link stands for: who pressed «Mở trình soạn thảo» (channel, channel user, person), in which
/// conversation, for which report section, until when. <see cref="Id"/> names the press: a renewed link keeps it.
/// </summary>
public sealed record EditorTicket(
    [property: JsonPropertyName("i")] string Id,
    [property: JsonPropertyName("ch")] string ChannelId,
    [property: JsonPropertyName("u")] string ChannelUserId,
    [property: JsonPropertyName("p")] Guid PersonId,
    [property: JsonPropertyName("c")] string ConversationId,
    [property: JsonPropertyName("r")] Guid ReportId,
    [property: JsonPropertyName("s")] Guid SectionId,
    [property: JsonPropertyName("e")] long ExpiresUnix);

/// <summary>
/// Signs and reads editor links with ASP.NET Core Data Protection (keys in the store, so every instance reads every
/// link): the ticket is encrypted and authenticated, so a changed character or a ticket made elsewhere reads as
/// nothing. Expiry is checked against the app's clock here rather than by the time-limited protector, which reads the
/// system clock only.
/// </summary>
public sealed class EditorLinks(IDataProtectionProvider protection, IOptions<EditorOptions> options, TimeProvider clock)
{
    /// <summary>A link longer than this is not one of ours; it is refused before any decryption.</summary>
    public const int MaxTokenLength = 2_048;

    private readonly IDataProtector _protector = protection.CreateProtector("SoKet.Drafting.Editor.v1");

    public string Issue(string channelId, string channelUserId, Guid personId, string conversationId, Guid reportId, Guid sectionId) =>
        Protect(new EditorTicket(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), channelId, channelUserId, personId, conversationId,
            reportId, sectionId, clock.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds()));

    /// <summary>The same ticket with a fresh expiry: what the open page works on from now on.</summary>
    public string Renew(EditorTicket ticket) =>
        Protect(ticket with { ExpiresUnix = clock.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds() });

    public string Protect(EditorTicket ticket) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(ticket)));

    /// <summary>The ticket of a link that is ours, unchanged and unexpired; null for anything else.</summary>
    public EditorTicket? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
            return null;
        try
        {
            var ticket = JsonSerializer.Deserialize<EditorTicket>(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            return ticket is not null && ticket.ExpiresUnix > clock.GetUtcNow().ToUnixTimeSeconds() ? ticket : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
