using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Channels.WebChat;

public sealed record WebChatToken(string UserId, string? ConversationId, DateTimeOffset ExpiresAt);

/// <summary>
/// HMAC-signed tokens for the built-in Direct Line subset: a token names its user and, once a
/// conversation is started, that conversation only, so one browser cannot read another's chat.
/// It also carries the user's sign-in stamp (<see cref="IWebChatIdentity.StampAsync"/>): once the person signs
/// out, every token issued before stops working, on every instance.
/// The signing key is created once and kept in the store so every instance and restart shares it.
/// </summary>
public sealed class WebChatTokens(IServiceScopeFactory scopes, IWebChatIdentity identity, IOptions<WebChatOptions> options, TimeProvider clock)
{
    private readonly StoredSecret _key = new(scopes, "webchat.signing-key");

    public async Task<string> IssueAsync(string userId, string? conversationId, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow().Add(options.Value.TokenLifetime).ToUnixTimeSeconds();
        var stamp = await identity.StampAsync(userId, cancellationToken);
        var payload = $"{Encode(userId)}.{Encode(conversationId ?? "")}.{expires}.{Encode(stamp)}";
        return $"{payload}.{await SignAsync(payload, cancellationToken)}";
    }

    public async Task<WebChatToken?> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        const string prefix = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return null;
        return await ValidateTokenAsync(authorizationHeader[prefix.Length..].Trim(), cancellationToken);
    }

    public async Task<WebChatToken?> ValidateTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > 2048)
            return null;
        var parts = token.Split('.');
        if (parts.Length != 5)
            return null;
        var payload = $"{parts[0]}.{parts[1]}.{parts[2]}.{parts[3]}";
        var expected = Encoding.ASCII.GetBytes(await SignAsync(payload, cancellationToken));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[4])))
            return null;
        if (!long.TryParse(parts[2], out var exp))
            return null;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expiresAt <= clock.GetUtcNow())
            return null;
        var userId = Decode(parts[0]);
        if (Decode(parts[3]) != await identity.StampAsync(userId, cancellationToken))
            return null;
        var conversationId = Decode(parts[1]);
        return new WebChatToken(userId, conversationId.Length == 0 ? null : conversationId, expiresAt);
    }

    /// <summary>A download link's signature: the file id and expiry, so a link cannot be altered or reused after it expires.</summary>
    public Task<string> SignFileAsync(string fileId, long expiresUnix, CancellationToken cancellationToken) =>
        SignAsync($"file:{fileId}:{expiresUnix}", cancellationToken);

    public async Task<bool> VerifyFileAsync(string fileId, long expiresUnix, string? signature, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(signature) || expiresUnix < clock.GetUtcNow().ToUnixTimeSeconds())
            return false;
        var expected = Encoding.ASCII.GetBytes(await SignFileAsync(fileId, expiresUnix, cancellationToken));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    private async Task<string> SignAsync(string payload, CancellationToken cancellationToken)
    {
        var key = await _key.GetAsync(cancellationToken);
        return Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));
    }

    private static string Encode(string value) => Base64Url(Encoding.UTF8.GetBytes(value));

    private static string Decode(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(s));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
