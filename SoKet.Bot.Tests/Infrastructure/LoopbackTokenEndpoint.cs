using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// A fake Entra ID token endpoint (<c>POST /{tenant}/oauth2/v2.0/token</c>) on https://127.0.0.1:{port}, for
/// running the real MSAL client-credentials flow without the network. MSAL refuses non-https authorities, so this
/// serves TLS with a throw-away self-signed certificate; trust it only in the HttpClient MSAL uses, via
/// <see cref="CreateTrustingHandler"/>. Set Connector:AuthorityHost to <see cref="AuthorityHost"/>.
/// </summary>
public sealed class LoopbackTokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly X509Certificate2 certificate;
    private readonly Lock gate = new();
    private readonly List<TokenRequest> requests = [];

    private LoopbackTokenEndpoint(WebApplication app, X509Certificate2 certificate)
    {
        this.app = app;
        this.certificate = certificate;
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueAsync);
    }

    /// <summary>e.g. https://127.0.0.1:41235 — the value for Connector:AuthorityHost.</summary>
    public string AuthorityHost { get; private set; } = "";

    /// <summary>expires_in of the tokens issued from now on.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Token requests received so far (a snapshot).</summary>
    public IReadOnlyList<TokenRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<LoopbackTokenEndpoint> StartAsync()
    {
        var certificate = CreateCertificate();
        var endpoint = new LoopbackTokenEndpoint(LoopbackHost.CreateBuilder(certificate).Build(), certificate);
        await endpoint.app.StartAsync();
        endpoint.AuthorityHost = LoopbackHost.Address(endpoint.app);
        return endpoint;
    }

    /// <summary>A handler that trusts this endpoint's certificate (pinned by thumbprint) and nothing else.</summary>
    public HttpMessageHandler CreateTrustingHandler()
    {
        var thumbprint = certificate.Thumbprint;
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is X509Certificate2 cert && cert.Thumbprint == thumbprint,
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }

    private async Task<IResult> IssueAsync(string tenant, HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        int number;
        lock (gate)
        {
            requests.Add(new TokenRequest(tenant, form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)));
            number = requests.Count;
        }

        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)TokenLifetime.TotalSeconds,
            ["access_token"] = "loopback-token-" + number.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}

/// <summary>One token request: the tenant in the path and the form fields (client_id, client_secret, scope, grant_type…).</summary>
public sealed record TokenRequest(string Tenant, IReadOnlyDictionary<string, string> Form);
