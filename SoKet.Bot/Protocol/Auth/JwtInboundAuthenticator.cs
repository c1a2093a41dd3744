using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SoKet.Bot.Protocol.Auth;

/// <summary>
/// Validates the bearer token a channel sends with each activity, following "Authenticate requests
/// from the Bot Connector service to your bot"
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot).
/// Never throws for a bad token: every refusal is an <see cref="AuthenticationOutcome"/> with a
/// short reason meant for logs, not for the caller.
/// </summary>
internal sealed class JwtInboundAuthenticator : IInboundAuthenticator
{
    /// <summary>Channel tokens are about 1–2 KB; anything far larger is refused before it is decoded.</summary>
    public const int MaxTokenLength = 16 * 1024;

    // The connector authentication page requires RS256; the reference SDKs also accept RS384/RS512.
    // Everything else (none, HS*, ES*, PS*) is refused: a symmetric "alg" with a public key as
    // secret is the classic JWT forgery.
    private static readonly string[] AcceptedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    // Lowercase, as the connector authentication page names it.
    internal const string ServiceUrlClaim = "serviceurl";

    private readonly JsonWebTokenHandler _handler = new()
    {
        // Keep JWT claim names as sent ("serviceurl", "aud"), not WS-Federation URIs.
        MapInboundClaims = false,
        MaximumTokenSizeInBytes = MaxTokenLength,
    };

    private readonly BotCredentialsOptions _credentials;
    private readonly BotAuthenticationOptions _options;
    private readonly SigningKeyCache _keys;

    public JwtInboundAuthenticator(
        IOptions<BotCredentialsOptions> credentials,
        IOptions<BotAuthenticationOptions> options,
        SigningKeyCache keys)
    {
        _credentials = credentials.Value;
        _options = options.Value;
        _keys = keys;
    }

    public async Task<AuthenticationOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);

        var appId = _credentials.MicrosoftAppId;
        if (string.IsNullOrWhiteSpace(appId))
        {
            return AuthenticationOutcome.Fail("no MicrosoftAppId is configured, so no token can be accepted");
        }

        if (!TryGetBearerToken(authorizationHeader, out var token, out var headerProblem))
        {
            return AuthenticationOutcome.Fail(headerProblem);
        }

        // Checked before any decoding: the Bot Framework only sends signed JWS, and an encrypted (five-part)
        // token would make the handler decrypt and decompress attacker input (the class of GHSA-8g9c-28fc-mcx2).
        if (!IsCompactJws(token))
        {
            return AuthenticationOutcome.Fail("token is not a three-part signed JWT");
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        // The token is attacker-controlled input: whatever the parser throws is a refusal, not a 500.
        catch (Exception)
        {
            return AuthenticationOutcome.Fail("token is malformed");
        }

        if (!AcceptedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return AuthenticationOutcome.Fail("token signing algorithm is not RS256, RS384 or RS512");
        }

        var keyId = jwt.Kid;
        if (string.IsNullOrEmpty(keyId))
        {
            return AuthenticationOutcome.Fail("token header has no key id (kid)");
        }

        var issuer = jwt.Issuer is { Length: > 0 } iss ? iss : null;
        var authority = issuer is null
            ? null
            : _options.Authorities.FirstOrDefault(a => a.Issuers.Contains(issuer, StringComparer.Ordinal));
        if (authority is null)
        {
            return AuthenticationOutcome.Fail($"token issuer '{Truncate(issuer)}' is not a configured authority");
        }

        var signingKey = await _keys.GetSigningKeyAsync(authority, keyId, cancellationToken);
        if (signingKey is null)
        {
            return AuthenticationOutcome.Fail("token key id (kid) is not published by its issuer");
        }

        // The handler reports failures in the result rather than throwing; anything it still throws is a refusal too.
        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, CreateValidationParameters(authority, appId, signingKey));
        }
        catch (Exception ex)
        {
            return AuthenticationOutcome.Fail(Describe(ex));
        }
        if (!result.IsValid || result.ClaimsIdentity is not { } identity)
        {
            return AuthenticationOutcome.Fail(result.Exception is { } failure ? Describe(failure) : "token validation failed");
        }

        if (authority.RequireServiceUrlClaim)
        {
            var claimed = identity.FindFirst(ServiceUrlClaim)?.Value;
            if (string.IsNullOrEmpty(claimed))
            {
                return AuthenticationOutcome.Fail("token has no serviceurl claim");
            }

            // Connector authentication requires the claim to match the activity's serviceUrl, so that
            // a token captured from one service cannot make the bot send replies to another host.
            if (!string.Equals(claimed, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticationOutcome.Fail("token serviceurl claim does not match activity.serviceUrl");
            }
        }

        if (authority.RequireEndorsement)
        {
            // Connector authentication requires the activity's channel id among the signing key's
            // endorsements: a key endorsed for one channel must not vouch for activities of another.
            if (string.IsNullOrEmpty(activity.ChannelId) || !signingKey.Endorsements.Contains(activity.ChannelId))
            {
                return AuthenticationOutcome.Fail($"signing key is not endorsed for channel '{Truncate(activity.ChannelId)}'");
            }
        }

        if (_options.AllowedChannelIds.Length > 0
            && !_options.AllowedChannelIds.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return AuthenticationOutcome.Fail($"channel '{Truncate(activity.ChannelId)}' is not in BotAuthentication:AllowedChannelIds");
        }

        return AuthenticationOutcome.Success(identity);
    }

    private TokenValidationParameters CreateValidationParameters(TokenAuthority authority, string appId, SigningKey signingKey) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = authority.Issuers,
        ValidateAudience = true,
        ValidAudience = appId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = _options.ClockSkew,
        RequireSignedTokens = true,
        // Only the key the token names: the handler must not fall back to trying others.
        IssuerSigningKey = signingKey.Key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = AcceptedAlgorithms,
        AuthenticationType = "Bearer",
        SaveSigninToken = false,
    };

    private static bool TryGetBearerToken(string? header, out string token, out string problem)
    {
        token = "";
        if (string.IsNullOrWhiteSpace(header))
        {
            problem = "no Authorization header";
            return false;
        }

        var trimmed = header.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        // RFC 6750 section 2.1 and RFC 9110 section 11.1: the scheme name is case-insensitive.
        if (space <= 0 || !trimmed.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            problem = "Authorization header is not a Bearer token";
            return false;
        }

        token = trimmed[(space + 1)..].Trim();
        if (token.Length == 0)
        {
            problem = "Authorization header has an empty Bearer token";
            return false;
        }

        if (token.Length > MaxTokenLength)
        {
            problem = $"token is longer than {MaxTokenLength} characters";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>
    /// JWS compact serialization (RFC 7515 section 7.1): exactly three non-empty base64url parts.
    /// An empty third part would be an unsecured token (alg "none"), which is never accepted.
    /// </summary>
    private static bool IsCompactJws(string token)
    {
        var dots = 0;
        var partLength = 0;
        foreach (var c in token)
        {
            if (c == '.')
            {
                if (partLength == 0 || ++dots > 2)
                {
                    return false;
                }

                partLength = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')
            {
                partLength++;
            }
            else
            {
                return false;
            }
        }

        return dots == 2 && partLength > 0;
    }

    private static string Describe(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "token has expired",
        SecurityTokenNotYetValidException => "token is not valid yet",
        SecurityTokenNoExpirationException => "token has no expiry (exp)",
        SecurityTokenInvalidLifetimeException => "token lifetime is invalid",
        SecurityTokenInvalidAudienceException => "token audience is not MicrosoftAppId",
        SecurityTokenInvalidIssuerException => "token issuer is not accepted",
        SecurityTokenInvalidAlgorithmException => "token signing algorithm is not accepted",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "token signature is invalid",
        _ => $"token validation failed ({exception.GetType().Name})",
    };

    private static string Truncate(string? value) =>
        value is null ? "" : value.Length <= 100 ? value : string.Concat(value.AsSpan(0, 100), "…");
}
