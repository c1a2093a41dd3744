using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SoKet.Bot.Tests.Drafting.Import;

/// <summary>
/// Where a Teams attachment's downloadUrl points (SharePoint/OneDrive in production): real HTTP on 127.0.0.1 serving
/// the bytes a test put there. The bot fetches it through its guarded client (OutboundHttp:AllowLoopbackForTests).
/// </summary>
internal sealed class LoopbackFiles : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    private LoopbackFiles(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<LoopbackFiles> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var files = new LoopbackFiles(app);
        app.MapGet("/files/{name}", (string name) => files._files.TryGetValue(name, out var bytes)
            ? Results.Bytes(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            : Results.NotFound());
        await app.StartAsync();
        files.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/files/";
        return files;
    }

    /// <summary>Serves <paramref name="content"/> and returns its download URL.</summary>
    public string Put(string name, byte[] content)
    {
        _files[name] = content;
        return BaseUrl + Uri.EscapeDataString(name);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
