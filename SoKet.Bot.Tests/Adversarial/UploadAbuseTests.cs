using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Campaigns.Import;
using SoKet.Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13, item 4 and the download half of item 7: one size limit on every part of every upload, a per-user
/// quota and upload rate, a .docx bomb through the web chat upload, and downloads that are safe to serve and work
/// only for the user they were made for.
/// </summary>
[Trait("Category", "Store")]
public sealed class UploadAbuseTests(ITestOutputHelper output) : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_activity_part_over_the_activity_limit_is_refused_and_nothing_is_stored()
    {
        var chat = await StartAsync();
        var before = await SnapshotAsync();

        using var response = await chat.UploadRawAsync(Form(activityText: new string('a', 300 * 1024), ("don-vi.csv", "Tên đơn vị\n"u8.ToArray())));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Nội dung gửi lên vượt quá giới hạn 256 KB.", await ErrorAsync(response));
        (await SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Fact]
    public async Task More_files_than_one_upload_may_carry_are_refused_and_none_is_stored()
    {
        var chat = await StartAsync();
        var before = await SnapshotAsync();

        using var response = await chat.UploadRawAsync(Form(null, [.. Enumerable.Range(1, 5).Select(i => ($"tep-{i}.txt", new byte[1024]))]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Mỗi lần chỉ gửi được tối đa 4 tệp.", await ErrorAsync(response));
        (await SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Fact]
    public async Task A_request_larger_than_the_sum_of_its_part_limits_is_refused_before_it_is_read()
    {
        _app.Settings["Channels:MaxUploadFileBytes"] = "65536";
        _app.Settings["Channels:MaxUploadFilesPerRequest"] = "1";
        var chat = await StartAsync();
        var before = await SnapshotAsync();

        using var response = await chat.UploadRawAsync(Form(null, ("lon.txt", new byte[1024 * 1024])));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        (await SnapshotAsync()).AssertUnchangedSince(before);
    }

    [Fact]
    public async Task A_file_over_the_file_limit_is_counted_but_its_content_is_not_kept()
    {
        _app.Settings["Channels:MaxUploadFileBytes"] = "65536";
        var chat = await StartAsync();

        using var response = await chat.UploadAsync("ke-hoach.txt", new byte[100 * 1024], "text/plain");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = _app.OpenStore();
        var file = await db.StoredFiles.SingleAsync();
        Assert.Null(file.Content);
        Assert.Equal(100 * 1024, file.Size);
    }

    [Fact]
    public async Task The_daily_upload_quota_stops_one_user_and_not_another()
    {
        _app.Settings["Channels:UploadQuotaBytesPerDay"] = "102400";
        var chat = await StartAsync();
        var file = Encoding.UTF8.GetBytes(new string('x', 40 * 1024));

        using (var first = await chat.UploadAsync("a.txt", file, "text/plain"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await chat.UploadAsync("b.txt", file, "text/plain"))
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var before = await SnapshotAsync();
        using var third = await chat.UploadAsync("c.txt", file, "text/plain");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.StartsWith("Đồng chí đã tải lên tới giới hạn 100 KB trong 24 giờ.", await ErrorAsync(third));
        // The only change: the notice in the user's own chat.
        (await SnapshotAsync()).AssertUnchangedSince(before, "WebChatActivities");
        var notice = (await chat.PollAsync()).Last(a => a.From?.Role == "bot");
        Assert.StartsWith("Đồng chí đã tải lên tới giới hạn", notice.Text);

        // Another web chat user (in local mode every browser is the one operator, so the other user gets a token here).
        var other = await _app.OpenWebChatAsync("wc-another-user");
        using var theirs = await other.UploadAsync("d.txt", file, "text/plain");
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
    }

    [Fact]
    public async Task Uploads_are_limited_per_user_with_a_vietnamese_please_wait()
    {
        _app.Settings["RateLimits:UploadsPerUser:Permits"] = "2";
        _app.Settings["RateLimits:UploadsPerUser:Window"] = "01:00:00";
        var chat = await StartAsync();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await chat.UploadAsync($"{i}.txt", "Tên đơn vị\n"u8.ToArray(), "text/plain");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var before = await SnapshotAsync();

        using var held = await chat.UploadAsync("3.txt", "Tên đơn vị\n"u8.ToArray(), "text/plain");

        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.True(held.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
        Assert.StartsWith("Đồng chí gửi yêu cầu quá nhanh. Vui lòng chờ", await ErrorAsync(held));
        (await SnapshotAsync()).AssertUnchangedSince(before, "WebChatActivities");
    }

    [Fact]
    public async Task A_docx_with_a_one_gigabyte_part_uploaded_in_web_chat_is_refused_in_vietnamese()
    {
        var bomb = DocxLimitsTests.DocxWithDocumentPart(1L << 30);
        var chat = await StartAsync(); // a local web chat user is office staff: the plan route reads the file

        var watch = Stopwatch.StartNew();
        using var response = await chat.UploadAsync("bom.docx", bomb, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Tệp “bom.docx” khi giải nén có nội dung vượt quá giới hạn", reply.Text);
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.PendingPlanImports.CountAsync());
        output.WriteLine($"{bomb.Length:N0}-byte .docx (1 GiB inflated part) refused over HTTP in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_docx_whose_document_part_is_not_named_xml_is_refused_like_any_bomb()
    {
        // A 64 MB document part called "word/document.dat": the SDK loads it through the package's relationships.
        var bomb = DocxLimitsTests.DocxWithDocumentPart(DocxLimitsTests.SixtyFourMegabytes, "word/document.dat");
        var chat = await StartAsync(); // office staff: the plan route reads the file

        using var response = await chat.UploadAsync("bom.docx", bomb, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Tệp “bom.docx” khi giải nén có nội dung vượt quá giới hạn", reply.Text);
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.PendingPlanImports.CountAsync());
    }

    [Theory]
    [InlineData("trang.html", "text/html", "<script>alert(document.cookie)</script>")]
    [InlineData("anh.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    public async Task A_download_is_served_as_an_attachment_with_a_type_from_its_extension(string name, string claimed, string content)
    {
        using var http = _app.CreateHttpClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        using (var upload = await chat.UploadAsync(name, Encoding.UTF8.GetBytes(content), claimed))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var link = await OwnUploadLinkAsync(chat);

        using var download = await http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(content, await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_download_link_works_only_in_the_browser_it_was_made_for_and_for_at_most_an_hour()
    {
        // Local mode: this browser is the local operator; another web chat user's upload is not theirs to fetch.
        using var http = _app.CreateHttpClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        using (var upload = await chat.UploadAsync("don-vi.csv", "Tên đơn vị\nChi bộ 1\n"u8.ToArray(), "text/csv"))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var link = await OwnUploadLinkAsync(chat);
        var other = await _app.OpenWebChatAsync("wc-another-user");
        using (var upload = await other.UploadAsync("bao-cao.txt", "Báo cáo riêng"u8.ToArray(), "text/plain"))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var theirLink = await OwnUploadLinkAsync(other);

        using var mine = await http.GetAsync(link);
        using var theirs = await http.GetAsync(theirLink);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        Assert.Contains("không dành cho đồng chí", await theirs.Content.ReadAsStringAsync());
        var expires = long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(http.BaseAddress!, link).Query)["exp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3000, 3600);
    }

    [Fact]
    public async Task With_sign_in_a_download_link_without_the_users_session_opens_nothing()
    {
        using var app = new BotApp();
        app.Settings["SignIn:Provider"] = "LocalAccounts";
        app.Start();
        string link;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var files = scope.ServiceProvider.GetRequiredService<SoKet.Bot.Channels.WebChat.WebChatFiles>();
            var file = files.Stage("conv-1", "wc-signed-user", SoKet.Bot.Data.StoredFileKind.Export, "tong-hop.docx", "application/octet-stream", "nội dung"u8.ToArray());
            await scope.ServiceProvider.GetRequiredService<SoKet.Bot.Data.SoKetDbContext>().SaveChangesAsync();
            link = await files.CreateDownloadUrlAsync(file, CancellationToken.None);
        }
        using var http = app.CreateHttpClient();

        using var anonymous = await http.GetAsync(link);

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("không dành cho đồng chí", await anonymous.Content.ReadAsStringAsync());
    }

    /// <summary>The link to the user's own upload, from the echo of their upload activity.</summary>
    private static async Task<string> OwnUploadLinkAsync(DirectLineClient chat)
    {
        chat.Rewind();
        var echo = (await chat.PollAsync()).Last(a => a.From?.Role == "user" && a.Attachments is { Count: > 0 });
        return Assert.Single(echo.Attachments!).ContentUrl!;
    }

    private async Task<DirectLineClient> StartAsync()
    {
        var chat = new DirectLineClient(_app.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        return chat;
    }

    private static MultipartFormDataContent Form(string? activityText, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        var activity = new JsonObject { ["type"] = "message", ["text"] = activityText, ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") } };
        var part = new StringContent(activity.ToJsonString(), Encoding.UTF8);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(part, "activity", "blob");
        foreach (var (name, content) in files)
            form.Add(new ByteArrayContent(content), "file", name);
        return form;
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["error"]?["message"]?.GetValue<string>() ?? "";

    private async Task<StoreSnapshot> SnapshotAsync()
    {
        await using var db = _app.OpenStore();
        return await StoreSnapshot.TakeAsync(db);
    }
}
