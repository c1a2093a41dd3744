using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SoKet.Bot.Protocol.Auth;

/// <summary>A key published by a token authority, with the channel ids the Bot Framework endorses it for.</summary>
internal sealed record SigningKey(string KeyId, SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// Signing keys of each configured token authority, read from its OpenID metadata document
/// (<c>jwks_uri</c>) and kept in memory.
/// Bot Framework rules (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication):
/// keys change over time, so they are re-read at least daily and once more when a token names an
/// unknown key id; each Bot Framework key carries an extra "endorsements" array of channel ids.
/// </summary>
internal sealed partial class SigningKeyCache : IDisposable
{
    public const string HttpClientName = "SoKet.Auth.OpenIdMetadata";

    private readonly ConcurrentDictionary<string, AuthorityKeys> _authorities = new(StringComparer.Ordinal);
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyCache> _logger;

    // Fetches are shared by all callers, so they must not be cancelled by one caller's request;
    // they stop when the application shuts down (or at the HttpClient's timeout).
    private readonly CancellationTokenSource _shutdown = new();

    public SigningKeyCache(
        IHttpClientFactory httpClientFactory,
        IOptions<BotAuthenticationOptions> options,
        TimeProvider time,
        ILogger<SigningKeyCache> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// The key <paramref name="keyId"/> of <paramref name="authority"/>, or null when the authority
    /// does not publish it (also after the one refresh an unknown key id allows) or its keys
    /// could never be loaded.
    /// </summary>
    public async Task<SigningKey?> GetSigningKeyAsync(TokenAuthority authority, string keyId, CancellationToken cancellationToken)
    {
        var entry = _authorities.GetOrAdd(authority.MetadataUrl, static url => new AuthorityKeys(url));

        var snapshot = entry.Snapshot;
        if (snapshot is null)
        {
            await RefreshAsync(entry).WaitAsync(cancellationToken);
            snapshot = entry.Snapshot;
        }
        else if (_time.GetUtcNow() - snapshot.FetchedAt >= _options.KeyRefreshInterval)
        {
            // Stale keys are still the best we have: serve them and refresh in the background,
            // so a slow metadata endpoint does not delay every request once a day.
            _ = RefreshAsync(entry);
        }

        if (snapshot is not null && snapshot.Keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        // An unknown key id usually means the authority rotated its keys: read them once more
        // (throttled, so a flood of forged key ids cannot turn us into a load generator).
        await RefreshAsync(entry).WaitAsync(cancellationToken);
        return entry.Snapshot?.Keys.GetValueOrDefault(keyId);
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
    }

    /// <summary>
    /// Starts a fetch unless one is already running (then its task is shared: no thundering herd)
    /// or the last attempt is more recent than MinimumRefreshInterval (then nothing happens).
    /// </summary>
    private Task RefreshAsync(AuthorityKeys entry)
    {
        lock (entry.Gate)
        {
            if (entry.InFlight is { IsCompleted: false } running)
            {
                return running;
            }

            var now = _time.GetUtcNow();
            if (entry.LastAttempt is { } last && now - last < _options.MinimumRefreshInterval)
            {
                return Task.CompletedTask;
            }

            entry.LastAttempt = now;
            // Task.Run: the fetch's synchronous start must not run under the lock.
            entry.InFlight = Task.Run(() => FetchAsync(entry), CancellationToken.None);
            return entry.InFlight;
        }
    }

    private async Task FetchAsync(AuthorityKeys entry)
    {
        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            var jwksUri = await ReadJwksUriAsync(client, entry.MetadataUrl, _shutdown.Token);
            var keys = await ReadKeysAsync(client, jwksUri, _shutdown.Token);
            if (keys.Count == 0)
            {
                LogNoUsableKeys(jwksUri);
                return;
            }

            entry.Snapshot = new KeySnapshot(keys, _time.GetUtcNow());
            LogKeysLoaded(keys.Count, jwksUri);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (_shutdown.IsCancellationRequested)
        {
        }
        // Anything else (network, timeout, bad JSON, a key IdentityModel rejects) must leave the
        // previous keys in place: this task is shared and awaited by requests, so it never faults.
        catch (Exception ex)
        {
            LogFetchFailed(ex, entry.MetadataUrl);
        }
    }

    private static async Task<Uri> ReadJwksUriAsync(HttpClient client, string metadataUrl, CancellationToken cancellationToken)
    {
        using var metadata = await GetJsonAsync(client, new Uri(metadataUrl), cancellationToken);

        // OpenID Connect Discovery 1.0, section 3: "jwks_uri" is REQUIRED.
        if (metadata.RootElement.ValueKind != JsonValueKind.Object
            || !metadata.RootElement.TryGetProperty("jwks_uri", out var jwksUriElement)
            || jwksUriElement.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(jwksUriElement.GetString(), UriKind.Absolute, out var jwksUri))
        {
            throw new InvalidDataException("The OpenID metadata document has no absolute jwks_uri.");
        }

        if (!EndpointRules.IsAcceptable(jwksUri))
        {
            throw new InvalidDataException($"The jwks_uri '{jwksUri}' is not https.");
        }

        return jwksUri;
    }

    private async Task<Dictionary<string, SigningKey>> ReadKeysAsync(HttpClient client, Uri jwksUri, CancellationToken cancellationToken)
    {
        using var keySet = await GetJsonAsync(client, jwksUri, cancellationToken);
        if (keySet.RootElement.ValueKind != JsonValueKind.Object
            || !keySet.RootElement.TryGetProperty("keys", out var keysElement)
            || keysElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The key set has no \"keys\" array.");
        }

        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var element in keysElement.EnumerateArray())
        {
            if (TryReadKey(element, out var key, out var skipReason))
            {
                keys.TryAdd(key.KeyId, key);
            }
            else
            {
                LogKeySkipped(jwksUri, skipReason);
            }
        }

        return keys;
    }

    private static bool TryReadKey(JsonElement element, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SigningKey? key, out string skipReason)
    {
        key = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            skipReason = "not a JSON object";
            return false;
        }

        JsonWebKey jwk;
        try
        {
            jwk = new JsonWebKey(element.GetRawText());
        }
        catch (ArgumentException)
        {
            skipReason = "not a valid JSON Web Key";
            return false;
        }

        // Channel tokens are RSA-signed (RS256); a key for another use or type can never verify one.
        if (string.IsNullOrEmpty(jwk.Kid))
        {
            skipReason = "no kid";
            return false;
        }

        if (!string.Equals(jwk.Kty, JsonWebAlgorithmsKeyTypes.RSA, StringComparison.Ordinal))
        {
            skipReason = $"kid '{jwk.Kid}' has key type '{jwk.Kty}', not RSA";
            return false;
        }

        if (!string.IsNullOrEmpty(jwk.Use) && !string.Equals(jwk.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal))
        {
            skipReason = $"kid '{jwk.Kid}' is for use '{jwk.Use}', not signatures";
            return false;
        }

        // Keys are used through their RSA modulus and exponent; Bot Framework and Entra ID publish
        // them next to the x5c certificate chain, so a key without them is not one of theirs.
        if (string.IsNullOrEmpty(jwk.N) || string.IsNullOrEmpty(jwk.E))
        {
            skipReason = $"kid '{jwk.Kid}' has no RSA modulus and exponent (n, e)";
            return false;
        }

        var endorsements = new HashSet<string>(StringComparer.Ordinal);
        if (element.TryGetProperty("endorsements", out var endorsementsElement) && endorsementsElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var channel in endorsementsElement.EnumerateArray())
            {
                if (channel.ValueKind == JsonValueKind.String && channel.GetString() is { Length: > 0 } channelId)
                {
                    endorsements.Add(channelId);
                }
            }
        }

        key = new SigningKey(jwk.Kid, jwk, endorsements);
        skipReason = "";
        return true;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded {Count} token signing keys from {JwksUri}")]
    private partial void LogKeysLoaded(int count, Uri jwksUri);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not refresh token signing keys from {MetadataUrl}; keeping the previous keys")]
    private partial void LogFetchFailed(Exception exception, string metadataUrl);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The key set at {JwksUri} has no usable RSA signing key; keeping the previous keys")]
    private partial void LogNoUsableKeys(Uri jwksUri);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Skipped a key in {JwksUri}: {Reason}")]
    private partial void LogKeySkipped(Uri jwksUri, string reason);

    private sealed record KeySnapshot(IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset FetchedAt);

    private sealed class AuthorityKeys(string metadataUrl)
    {
        private volatile KeySnapshot? _snapshot;

        public string MetadataUrl { get; } = metadataUrl;
        public object Gate { get; } = new();

        /// <summary>Replaced whole, never mutated, so readers need no lock.</summary>
        public KeySnapshot? Snapshot { get => _snapshot; set => _snapshot = value; }

        // Guarded by Gate.
        public DateTimeOffset? LastAttempt { get; set; }
        public Task? InFlight { get; set; }
    }
}

/// <summary>Where signing keys may be fetched from.</summary>
internal static class EndpointRules
{
    /// <summary>
    /// https only: keys fetched over plain http could be swapped by anyone on the path, which
    /// would let them mint tokens. Loopback http is allowed for local test channels.
    /// </summary>
    public static bool IsAcceptable(Uri uri) =>
        uri.IsAbsoluteUri
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
