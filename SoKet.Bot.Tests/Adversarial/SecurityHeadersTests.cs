using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoKet.Bot.Tests.Browser;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13, item 7: every response carries nosniff, no Referer and a Content-Security-Policy that lets Web Chat
/// run and lets Teams — and nobody else — frame the pages; a Host header the bot does not answer to is refused.
/// The policy is proven in Chromium: the page works under it, and a page of another origin cannot frame it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityHeadersTests(BrowserFixture browser) : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/app.js")]
    [InlineData("GET", "/lib/webchat.js")]
    [InlineData("GET", "/healthz")]
    [InlineData("GET", "/api/webchat/token")]
    [InlineData("POST", "/v3/directline/conversations")]
    [InlineData("GET", "/api/files/0123/x.docx?exp=1&sig=x")]
    [InlineData("POST", "/api/messages")]
    [InlineData("GET", "/khong-co")]
    public async Task Every_response_carries_the_security_headers(string method, string path)
    {
        using var http = _app.CreateHttpClient();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var policy = Header(response, "Content-Security-Policy");
        if (path.StartsWith("/api/files/", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.OK)
            return;
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("soket.attacker.example")]
    public async Task A_host_name_the_bot_does_not_answer_to_is_refused(string host)
    {
        using var http = _app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/webchat/token");
        request.Headers.Host = host;

        using var refused = await http.SendAsync(request);
        using var local = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/webchat/token") { Headers = { Host = "localhost" } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Web_chat_runs_under_the_policy_and_a_page_of_another_origin_cannot_frame_it()
    {
        var baseUrl = _app.Start();
        await using var attacker = await FramingPage.StartAsync(baseUrl);
        var page = await browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { lock (console) console.Add(message.Text); };

        await page.GotoAsync(baseUrl.ToString());
        await page.GetByText("Kính chào đồng chí").First.WaitForAsync();
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("tro giup");
        await sendBox.PressAsync("Enter");
        await page.Locator(".ac-adaptiveCard").Last.WaitForAsync();
        lock (console)
            Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));

        var framing = await browser.NewPageAsync();
        var blocked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        framing.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors", StringComparison.Ordinal))
                blocked.TrySetResult(message.Text);
        };
        await framing.GotoAsync(attacker.Url);
        var refusal = await blocked.Task.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Contains("violates the following Content Security Policy directive", refusal);
        var frame = framing.Frames.Single(f => f != framing.MainFrame);
        Assert.Equal(0, await frame.Locator("#webchat").CountAsync());
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";

    /// <summary>A page on another loopback port (another origin) that puts SoKet in an iframe.</summary>
    private sealed class FramingPage : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FramingPage(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public static async Task<FramingPage> StartAsync(Uri target)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapGet("/", () => Results.Content($"<!DOCTYPE html><html><body><iframe src=\"{target}\" width=\"800\" height=\"600\"></iframe></body></html>", "text/html"));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new FramingPage(app, address + "/");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
