using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// An OpenID Connect provider for tests, on a real Kestrel socket at http://127.0.0.1:{port}: discovery document,
/// key set (RSA), an authorization endpoint with a login form (a session cookie of its own afterwards, like any
/// provider), the token endpoint (authorization code, client secret, PKCE S256) issuing an RS256 id_token, and the
/// end-session endpoint. It stands in for Entra ID, Keycloak or ADFS, which cannot run here, and speaks their protocol.
/// </summary>
public sealed class LoopbackOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "soket-web";
    public const string ClientSecret = "loopback-client-secret";
    private const string SessionCookie = "idp_session";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = "idp-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, string> _sessions = new();
    private readonly Dictionary<string, User> _users = new(StringComparer.OrdinalIgnoreCase);

    private LoopbackOpenIdProvider(WebApplication app)
    {
        _app = app;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["end_session_endpoint"] = Issuer + "/logout",
            ["response_types_supported"] = new JsonArray("code"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = _key.ExportParameters(false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _keyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                }),
            });
        });
        app.MapGet("/authorize", Authorize);
        app.MapPost("/authorize", (Delegate)LoginAsync);
        app.MapPost("/token", (Delegate)TokenAsync);
        app.MapGet("/logout", (HttpContext http, string? post_logout_redirect_uri, string? state) =>
        {
            if (http.Request.Cookies[SessionCookie] is { } session)
                _sessions.TryRemove(session, out _);
            http.Response.Cookies.Delete(SessionCookie);
            LogoutCount++;
            var target = post_logout_redirect_uri ?? "/";
            return Results.Redirect(state is null ? target : $"{target}{(target.Contains('?') ? '&' : '?')}state={Uri.EscapeDataString(state)}");
        });
    }

    public string Issuer { get; private set; } = "";

    public int LogoutCount { get; private set; }

    /// <summary>Claims the provider puts in the id_token of each user (email, name, groups…).</summary>
    public void AddUser(string login, string password, string? email, string name, params string[] groups) =>
        _users[login] = new User(login, password, email, name, groups);

    public static async Task<LoopbackOpenIdProvider> StartAsync()
    {
        var provider = new LoopbackOpenIdProvider(LoopbackHost.CreateBuilder().Build());
        await provider._app.StartAsync();
        provider.Issuer = LoopbackHost.Address(provider._app);
        return provider;
    }

    /// <summary>The bot's settings for this provider.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("SignIn:Provider", "OpenIdConnect"),
        new("SignIn:OpenIdConnect:Authority", Issuer),
        new("SignIn:OpenIdConnect:ClientId", ClientId),
        new("SignIn:OpenIdConnect:ClientSecret", ClientSecret),
        new("SignIn:OpenIdConnect:DisplayName", "tài khoản Tỉnh ủy"),
    ];

    private IResult Authorize(HttpContext http)
    {
        var q = http.Request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || string.IsNullOrEmpty(q["redirect_uri"]) || q["code_challenge_method"] != "S256")
            return Results.BadRequest("invalid_request");
        // Already signed in here: straight back with a code, as a provider with a session does.
        if (http.Request.Cookies[SessionCookie] is { } session && _sessions.TryGetValue(session, out var login))
            return Results.Redirect(Issue(_users[login], q));
        var hidden = string.Join("", q.Select(p => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode(p.Value.ToString())}\"/>"));
        return Results.Content($"""
            <!DOCTYPE html><html lang="vi"><body><h1>Nhà cung cấp định danh thử nghiệm</h1>
            <form method="post" action="/authorize">{hidden}
            <label>Tên đăng nhập <input name="login" id="login"/></label>
            <label>Mật khẩu <input name="password" id="password" type="password"/></label>
            <button type="submit">Đăng nhập</button></form></body></html>
            """, "text/html; charset=utf-8");
    }

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        if (!_users.TryGetValue(form["login"].ToString(), out var user) || user.Password != form["password"])
            return Results.Content("<p>Sai mật khẩu</p>", "text/html; charset=utf-8", statusCode: 401);
        var session = Guid.NewGuid().ToString("N");
        _sessions[session] = user.Login;
        http.Response.Cookies.Append(SessionCookie, session, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
        return Results.Redirect(Issue(user, form.ToDictionary(f => f.Key, f => f.Value)));
    }

    private string Issue(User user, IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> request)
    {
        var q = request.ToDictionary(p => p.Key, p => p.Value.ToString());
        var code = Guid.NewGuid().ToString("N");
        _codes[code] = new Grant(user, q["redirect_uri"], q.GetValueOrDefault("nonce"), q["code_challenge"]);
        var redirect = q["redirect_uri"];
        return $"{redirect}{(redirect.Contains('?') ? '&' : '?')}code={code}&state={Uri.EscapeDataString(q.GetValueOrDefault("state") ?? "")}";
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var (clientId, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        if (http.Request.Headers.Authorization.ToString() is { Length: > 6 } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            (clientId, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        if (clientId != ClientId || secret != ClientSecret)
            return Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: 401);
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"])
            return Results.Json(new JsonObject { ["error"] = "invalid_grant" }, statusCode: 400);
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (challenge != grant.CodeChallenge)
            return Results.Json(new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "PKCE" }, statusCode: 400);

        var claims = new List<Claim>
        {
            new("sub", grant.User.Login), new("name", grant.User.Name),
            new("iat", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        };
        if (grant.User.Email is not null)
            claims.Add(new Claim("email", grant.User.Email));
        if (grant.Nonce is not null)
            claims.Add(new Claim("nonce", grant.Nonce));
        claims.AddRange(grant.User.Groups.Select(g => new Claim("groups", g)));
        var now = DateTime.UtcNow;
        var idToken = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(Issuer, ClientId, claims, now.AddSeconds(-5), now.AddMinutes(10),
            new SigningCredentials(new RsaSecurityKey(_key) { KeyId = _keyId }, SecurityAlgorithms.RsaSha256)));
        return Results.Json(new JsonObject
        {
            ["access_token"] = "idp-access-" + Guid.NewGuid().ToString("N"),
            ["token_type"] = "Bearer",
            ["expires_in"] = 600,
            ["id_token"] = idToken,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private sealed record User(string Login, string Password, string? Email, string Name, string[] Groups);

    private sealed record Grant(User User, string RedirectUri, string? Nonce, string CodeChallenge);
}
