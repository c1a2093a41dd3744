using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13, item 1, the download side: a file a Teams user sends arrives as a downloadUrl the bot fetches. It is
/// fetched through the guarded client only: an internal address is never contacted, a redirect to one is refused
/// like the first URL, and a body too large or too slow is cut at the limit. The office admin sends the file, so
/// the plan reader really asks for it.
/// </summary>
[Trait("Category", "Store")]
public sealed class OutboundFetchTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "vanphong@thanhuy.laichau.dcs.vn";

    private readonly BotApp _app = new();
    private readonly OutboundTraffic _traffic = OutboundTraffic.Instance;
    private LoopbackConnector _connector = null!;
    private HttpClient? _client;

    private HttpClient Http => _client ??= _app.CreateHttpClient();

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:{canary}/ke-hoach.docx", "")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("https://10.1.2.3/ke-hoach.docx", "10.1.2.3")]
    [InlineData("https://attacker.example/ke-hoach.docx", "attacker.example")]
    public async Task A_download_url_naming_an_internal_or_unknown_host_is_never_requested(string template, string host)
    {
        await using var canary = new Canary();
        var url = template.Replace("{canary}", canary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var before = await SnapshotAsync();

        var answer = await SendFileAsync(url);

        Assert.Equal("Tôi không tải được tệp «ke-hoach.docx». Đồng chí vui lòng gửi lại tệp.", answer);
        Assert.Equal(0, canary.Connections);
        if (host.Length > 0)
            Assert.Empty(_traffic.Toward(host));
        (await SnapshotAsync()).AssertUnchangedSince(before, [.. StoreSnapshot.TurnBookkeeping, "People"]);
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_refused_like_the_first_url()
    {
        _app.Settings["OutboundHttp:AllowLoopbackForTests"] = "true"; // the fake SharePoint below listens on 127.0.0.1
        await using var sharePoint = await FakeSharePoint.StartAsync();

        var answer = await SendFileAsync(sharePoint.Url + "redirect");

        Assert.Equal("Tôi không tải được tệp «ke-hoach.docx». Đồng chí vui lòng gửi lại tệp.", answer);
        Assert.Equal(1, sharePoint.Requests);
        Assert.Empty(_traffic.Toward("169.254.169.254"));
    }

    private const long BigDownloadBytes = 200L * 1024 * 1024;

    [Fact]
    public async Task A_download_larger_than_allowed_is_cut_at_the_limit()
    {
        _app.Settings["OutboundHttp:AllowLoopbackForTests"] = "true";
        await using var sharePoint = await FakeSharePoint.StartAsync();

        var watch = Stopwatch.StartNew();
        var answer = await SendFileAsync(sharePoint.BigUrl);
        watch.Stop();

        Assert.Contains("vượt quá giới hạn 10 MB", answer);
        await sharePoint.ClosedAsync();
        // The limit is 10 MB; what the server got out beyond it sat in socket buffers when the bot hung up. A bot that
        // read on would have taken all 200 MB (the margin keeps a starved, loaded machine from failing the test).
        Assert.True(sharePoint.BytesSent < 60L * 1024 * 1024, $"the bot read past the limit: {sharePoint.BytesSent} bytes were sent over {sharePoint.Requests} request(s)");
        output.WriteLine($"200 MB chunked download refused after {sharePoint.BytesSent:N0} bytes were sent, in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_download_that_never_answers_is_given_up_after_the_timeout()
    {
        _app.Settings["OutboundHttp:AllowLoopbackForTests"] = "true";
        _app.Settings["OutboundHttp:Timeout"] = "00:00:02";
        _app.Settings["OutboundHttp:ConnectTimeout"] = "00:00:01";
        await using var sharePoint = await FakeSharePoint.StartAsync();

        var watch = Stopwatch.StartNew();
        var answer = await SendFileAsync(sharePoint.Url + "slow");
        watch.Stop();

        Assert.Equal("Tôi không tải được tệp «ke-hoach.docx». Đồng chí vui lòng gửi lại tệp.", answer);
        output.WriteLine($"a download that never answers was given up after {watch.ElapsedMilliseconds} ms (OutboundHttp:Timeout 2 s)");
    }

    /// <summary>The admin sends a .docx in Teams whose download info names <paramref name="downloadUrl"/>; returns the bot's answer.</summary>
    private async Task<string> SendFileAsync(string downloadUrl)
    {
        _ = Http;
        var message = TeamsActivities.Message(_connector.ServiceUrl, "");
        message.Attachments =
        [
            new Attachment
            {
                ContentType = AttachmentReader.TeamsFileDownloadInfo, Name = "ke-hoach.docx",
                ContentUrl = "https://contoso.sharepoint.com/personal/vanphong/Documents/ke-hoach.docx",
                Content = new JsonObject { ["downloadUrl"] = downloadUrl, ["uniqueId"] = "1150D938", ["fileType"] = "docx" },
            },
        ];
        await using (var db = _app.OpenStore())
        {
            if (!await db.People.AnyAsync(p => p.Email == AdminEmail))
            {
                db.People.Add(new Person { Id = Guid.NewGuid(), DisplayName = "Văn phòng Thành ủy", Email = AdminEmail, IsAdmin = true });
                await db.SaveChangesAsync();
            }
        }
        _connector.AddMember(message.From!.Id!, "Văn phòng Thành ủy", AdminEmail);
        using var response = await Http.PostAsync("/api/messages",
            new StringContent(JsonSerializer.Serialize(message, ProtocolJson.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == message.Id, TimeSpan.FromSeconds(30));
        return reply.Activity!.Text ?? "";
    }

    private async Task<StoreSnapshot> SnapshotAsync()
    {
        _ = Http;
        await using var db = _app.OpenStore();
        return await StoreSnapshot.TakeAsync(db);
    }

    /// <summary>A SharePoint stand-in on loopback: a redirect to the cloud metadata address, a 30 MB body, a body that never comes.</summary>
    private sealed class FakeSharePoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _bytesSent;
        private int _requests;

        private FakeSharePoint(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public long BytesSent => Interlocked.Read(ref _bytesSent);

        public int Requests => Volatile.Read(ref _requests);

        public Task ClosedAsync() => _closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        /// <summary>A 200 MB chunked download, served from a raw socket.</summary>
        public string BigUrl { get; private set; } = "";

        private System.Net.Sockets.TcpListener? _big;

        /// <summary>
        /// Serves <see cref="BigUrl"/> straight from a socket, not Kestrel: once a client hangs up Kestrel accepts
        /// further writes without sending them (until it notices), so only a socket's own send says what left. The
        /// small send buffer keeps "sent" close to what the client took.
        /// </summary>
        private async Task ServeBigAsync()
        {
            System.Net.Sockets.Socket client;
            try
            {
                client = await _big!.AcceptSocketAsync();
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                return; // the test did not ask for the big download
            }
            using var connection = client;
            Interlocked.Increment(ref _requests);
            client.SendBufferSize = 64 * 1024;
            try
            {
                var request = new byte[8192];
                var seen = "";
                while (!seen.Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await client.ReceiveAsync(request, System.Net.Sockets.SocketFlags.None);
                    if (read == 0)
                        return;
                    seen += Encoding.ASCII.GetString(request, 0, read);
                }
                await client.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(), System.Net.Sockets.SocketFlags.None);
                var chunk = new byte[64 * 1024];
                var header = Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n");
                var trailer = "\r\n"u8.ToArray();
                for (var sent = 0L; sent < BigDownloadBytes; sent += chunk.Length)
                {
                    await client.SendAsync(header, System.Net.Sockets.SocketFlags.None);
                    await client.SendAsync(chunk, System.Net.Sockets.SocketFlags.None);
                    await client.SendAsync(trailer, System.Net.Sockets.SocketFlags.None);
                    Interlocked.Add(ref _bytesSent, chunk.Length);
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
            finally
            {
                _closed.TrySetResult();
            }
        }

        public static async Task<FakeSharePoint> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var fake = new FakeSharePoint(app);
            app.Use((context, next) =>
            {
                Interlocked.Increment(ref fake._requests);
                return next(context);
            });
            app.MapGet("/redirect", () => Results.Redirect("https://169.254.169.254/latest/meta-data/iam/security-credentials/"));
            app.MapGet("/slow", async (HttpContext context) =>
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
            });
            await app.StartAsync();
            fake.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
            fake._big = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            fake._big.Start();
            fake.BigUrl = $"http://127.0.0.1:{((IPEndPoint)fake._big.LocalEndpoint).Port}/big";
            _ = fake.ServeBigAsync();
            return fake;
        }

        public async ValueTask DisposeAsync()
        {
            _big?.Stop();
            await _app.DisposeAsync();
        }
    }
}
