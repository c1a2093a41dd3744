using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// What every stand-in for a remote service (Connector, identity provider, model, collector) starts from: a slim
/// ASP.NET Core app on 127.0.0.1 with a free port, quiet logs, HTTPS when given a certificate.
/// </summary>
public static class LoopbackHost
{
    public static WebApplicationBuilder CreateBuilder(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        return builder;
    }

    /// <summary>The started app's base address without a trailing slash, e.g. http://127.0.0.1:41234.</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
}
