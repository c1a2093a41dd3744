using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// A fake Bot Framework channel for tests: a real HTTP server on loopback that publishes an OpenID
/// metadata document and a key set (with <c>endorsements</c> per key, like login.botframework.com),
/// and mints tokens signed with those keys, so the bot's real authentication code can be exercised.
/// </summary>
/// <example>
/// <code>
/// await using var channel = await TestChannel.StartAsync();
/// // point the bot at it: configuration keys BotAuthentication:Authorities:0:*
/// builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(channel.AuthoritySettings()));
/// request.Headers.Authorization = new("Bearer", channel.CreateToken(appId, activity.ServiceUrl));
/// </code>
/// </example>
public sealed class TestChannel : IAsyncDisposable
{
    /// <summary>The issuer of real Bot Framework channel tokens; the default <see cref="Issuer"/>.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>Channels the default key is endorsed for when <see cref="StartAsync"/> is given none.</summary>
    public static IReadOnlyList<string> DefaultEndorsements { get; } =
        [ChannelIds.Teams, ChannelIds.WebChat, "directline", ChannelIds.Emulator];

    private const string MetadataPath = "/.well-known/openidconfiguration";
    private const string KeySetPath = "/keys";

    private readonly WebApplication _server;
    private readonly RSA _untrustedKey = RSA.Create(2048);
    private readonly List<PublishedKey> _keys = [];
    private readonly Lock _keysLock = new();
    private int _metadataRequestCount;
    private int _keySetRequestCount;

    private TestChannel(WebApplication server, string issuer)
    {
        _server = server;
        Issuer = issuer;
    }

    /// <summary>URL of the OpenID metadata document (http://127.0.0.1:{port}/.well-known/openidconfiguration).</summary>
    public string MetadataUrl { get; private set; } = "";

    /// <summary>The "iss" of tokens minted here, unless <see cref="CreateToken"/> is given another.</summary>
    public string Issuer { get; }

    /// <summary>Key id of the key published at start; tokens are signed with it by default.</summary>
    public string KeyId { get; private set; } = "";

    /// <summary>How many times the metadata document was requested (key refreshes the bot made).</summary>
    public int MetadataRequestCount => Volatile.Read(ref _metadataRequestCount);

    /// <summary>How many times the key set was requested.</summary>
    public int KeySetRequestCount => Volatile.Read(ref _keySetRequestCount);

    /// <summary>False simulates an outage: the metadata document and key set answer 503.</summary>
    public bool IsAvailable { get; set; } = true;

    /// <summary>
    /// Starts the server on a free loopback port and publishes one signing key (<see cref="KeyId"/>).
    /// </summary>
    /// <param name="issuer">The "iss" of minted tokens; <see cref="BotFrameworkIssuer"/> by default.</param>
    /// <param name="endorsements">Channel ids the first key is endorsed for; <see cref="DefaultEndorsements"/> by default.</param>
    public static async Task<TestChannel> StartAsync(string? issuer = null, IEnumerable<string>? endorsements = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = builder.Build();
        var channel = new TestChannel(server, issuer ?? BotFrameworkIssuer);
        server.Run(channel.HandleAsync);
        channel.KeyId = channel.PublishKey([.. endorsements ?? DefaultEndorsements]);

        try
        {
            await server.StartAsync();
            var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            channel.MetadataUrl = address.TrimEnd('/') + MetadataPath;
            return channel;
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Configuration for the bot that trusts this channel (and only it), as the Bot Framework
    /// authority: keys BotAuthentication:Authorities:0:MetadataUrl, :Issuers:0, :RequireEndorsement,
    /// :RequireServiceUrlClaim. Add MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId yourself.
    /// </summary>
    public IReadOnlyDictionary<string, string?> AuthoritySettings()
    {
        const string at = BotAuthenticationOptions.Section + ":Authorities:0:";
        return new Dictionary<string, string?>
        {
            [at + nameof(TokenAuthority.MetadataUrl)] = MetadataUrl,
            [at + nameof(TokenAuthority.Issuers) + ":0"] = Issuer,
            [at + nameof(TokenAuthority.RequireEndorsement)] = "true",
            [at + nameof(TokenAuthority.RequireServiceUrlClaim)] = "true",
        };
    }

    /// <summary>
    /// Publishes one more trusted key (as a channel does when it rotates keys) and returns its key id.
    /// The bot only learns it on its next key refresh; sign with it through <see cref="CreateToken"/>'s kid.
    /// </summary>
    /// <param name="endorsements">Channel ids the key is endorsed for (may be none).</param>
    public string PublishKey(params string[] endorsements)
    {
        var key = new PublishedKey($"test-{Guid.NewGuid():N}", RSA.Create(2048), endorsements);
        lock (_keysLock)
        {
            _keys.Add(key);
        }

        return key.KeyId;
    }

    /// <summary>Mints a signed channel token (compact JWS, RS256), valid from a minute ago for an hour unless told otherwise.</summary>
    /// <param name="audience">"aud": the bot's MicrosoftAppId.</param>
    /// <param name="serviceUrl">The "serviceurl" claim (the activity's serviceUrl); null leaves the claim out.</param>
    /// <param name="issuer">"iss"; <see cref="Issuer"/> by default.</param>
    /// <param name="notBefore">"nbf" (and "iat").</param>
    /// <param name="expires">"exp".</param>
    /// <param name="signWithUntrustedKey">Sign with a key the channel never published, still naming a published kid: a forged signature.</param>
    /// <param name="kid">
    /// The header's key id: a key from <see cref="PublishKey"/> signs with that key; an id never published
    /// signs with the default key under that unknown id. <see cref="KeyId"/> by default.
    /// </param>
    public string CreateToken(
        string audience,
        string? serviceUrl,
        string? issuer = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        bool signWithUntrustedKey = false,
        string? kid = null)
    {
        var (keyId, rsa) = ResolveSigningKey(kid, signWithUntrustedKey);
        return CreateJwt(Descriptor(audience, serviceUrl, issuer, notBefore, expires, keyId, rsa));
    }

    /// <summary>
    /// Signs exactly <paramref name="claims"/> with a published key, adding nothing (no exp, no nbf):
    /// for tokens <see cref="CreateToken"/> cannot make, such as one without an expiry.
    /// </summary>
    /// <param name="claims">The JWT payload, claim name to value (string, number, bool or array).</param>
    /// <param name="kid">The published key to sign with; <see cref="KeyId"/> by default.</param>
    public string SignClaims(IReadOnlyDictionary<string, object> claims, string? kid = null)
    {
        var (keyId, rsa) = ResolveSigningKey(kid, signWithUntrustedKey: false);
        var payload = new JwtPayload();
        foreach (var (name, value) in claims)
        {
            payload[name] = value;
        }

        var header = new JwtHeader(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256));
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(header, payload));
    }

    /// <summary>
    /// Mints an otherwise valid token as a five-part JWE (signed, then encrypted to the default key):
    /// the bot must refuse it without decoding it.
    /// </summary>
    public string CreateFivePartToken(string audience, string? serviceUrl)
    {
        var (keyId, rsa) = ResolveSigningKey(null, signWithUntrustedKey: false);
        var descriptor = Descriptor(audience, serviceUrl, null, null, null, keyId, rsa);
        descriptor.EncryptingCredentials = new EncryptingCredentials(
            new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes128CbcHmacSha256);
        return CreateJwt(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        _untrustedKey.Dispose();
        lock (_keysLock)
        {
            foreach (var key in _keys)
            {
                key.Rsa.Dispose();
            }
        }
    }

    private (string KeyId, RSA Rsa) ResolveSigningKey(string? kid, bool signWithUntrustedKey)
    {
        lock (_keysLock)
        {
            var keyId = kid ?? KeyId;
            if (signWithUntrustedKey)
            {
                return (keyId, _untrustedKey);
            }

            var published = _keys.FirstOrDefault(k => k.KeyId == keyId) ?? _keys[0];
            return (keyId, published.Rsa);
        }
    }

    private SecurityTokenDescriptor Descriptor(
        string audience, string? serviceUrl, string? issuer, DateTimeOffset? notBefore, DateTimeOffset? expires, string keyId, RSA rsa)
    {
        var now = DateTimeOffset.UtcNow;
        var exp = expires ?? (notBefore ?? now).AddHours(1);
        // A token whose expiry is given (even in the past) still has a sensible hour-long lifetime.
        var nbf = notBefore ?? new[] { now.AddMinutes(-1), exp.AddHours(-1) }.Min();
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            claims[JwtInboundAuthenticator.ServiceUrlClaim] = serviceUrl;
        }

        return new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            NotBefore = nbf.UtcDateTime,
            IssuedAt = nbf.UtcDateTime,
            Expires = exp.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        };
    }

    private static string CreateJwt(SecurityTokenDescriptor descriptor) =>
        new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateEncodedJwt(descriptor);

    private async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        JsonObject body;
        switch (context.Request.Path.Value)
        {
            case MetadataPath:
                Interlocked.Increment(ref _metadataRequestCount);
                var origin = $"{context.Request.Scheme}://{context.Request.Host}";
                // The fields login.botframework.com publishes; the bot reads only jwks_uri.
                body = new JsonObject
                {
                    ["issuer"] = Issuer,
                    ["authorization_endpoint"] = origin + "/authorize",
                    ["jwks_uri"] = origin + KeySetPath,
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                    ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
                };
                break;
            case KeySetPath:
                Interlocked.Increment(ref _keySetRequestCount);
                body = new JsonObject { ["keys"] = KeySetJson() };
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }

        if (!IsAvailable)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private JsonArray KeySetJson()
    {
        lock (_keysLock)
        {
            var keys = new JsonArray();
            foreach (var key in _keys)
            {
                var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
                keys.Add(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = new JsonArray([.. key.Endorsements.Select(e => (JsonNode?)e)]),
                });
            }

            return keys;
        }
    }

    private sealed record PublishedKey(string KeyId, RSA Rsa, string[] Endorsements);
}
