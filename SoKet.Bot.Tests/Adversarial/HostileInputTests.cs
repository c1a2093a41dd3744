using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// JSON that parses but is not text: a lone UTF-16 surrogate escaped as "\ud800" (or a property named twice) in any
/// part of an activity the bot keeps as JSON — card data, entities, channel data, fields it does not model. Each is
/// refused at the boundary with 400 and a Vietnamese message, before anything is echoed, stored or sent, and no
/// unhandled exception reaches the log. Also a download link whose expiry is not a number.
/// </summary>
[Trait("Category", "Store")]
public sealed class HostileInputTests : IAsyncLifetime
{
    private const string LoneSurrogate = "Nội dung gửi lên có ký tự không hợp lệ";
    private const string NameTwice = "lặp lại cùng một tên trường";

    private readonly BotApp _app = new();
    private readonly CapturingLoggerProvider _logs = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _app.TestServices = services => services.AddSingleton<ILoggerProvider>(_logs);
        _http = _app.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    // Raw strings: the backslashes reach the bot as JSON escapes.
    public static TheoryData<string, string, string> WebChatPayloads => new()
    {
        { "lone high surrogate in card data", """{"type":"message","value":{"x":"\ud800"}}""", LoneSurrogate },
        { "lone low surrogate in card data", """{"type":"message","value":{"action":"help","x":"\udfff"}}""", LoneSurrogate },
        { "surrogates in the wrong order in card data", """{"type":"message","value":{"x":"\udc00\ud800"}}""", LoneSurrogate },
        { "lone surrogate in a card data key", """{"type":"message","value":{"\ud800":"x"}}""", LoneSurrogate },
        { "lone surrogate deep in card data", """{"type":"message","value":{"a":[{"b":["ok","\ud800"]}]}}""", LoneSurrogate },
        { "lone surrogate in an entity", """{"type":"message","text":"trợ giúp","entities":[{"type":"\ud800"}]}""", LoneSurrogate },
        { "lone surrogate in the client activity id", """{"type":"message","text":"trợ giúp","channelData":{"clientActivityID":"\ud800"}}""", LoneSurrogate },
        { "lone surrogate elsewhere in channel data", """{"type":"message","text":"trợ giúp","channelData":{"clientActivityID":"c-1","x":{"\udfff":1}}}""", LoneSurrogate },
        { "a card data key given twice", """{"type":"message","value":{"action":"help","action":"help"}}""", NameTwice },
    };

    [Theory]
    [MemberData(nameof(WebChatPayloads))]
    public async Task A_web_chat_post_that_is_not_text_gets_400_in_vietnamese_and_nothing_is_stored(string what, string json, string expect)
    {
        var chat = await StartChatAsync();
        var before = await SnapshotAsync();
        // Only what the request logs counts: a new store's start logs EF Core probing a history table not there yet.
        _logs.Lines.Clear();

        using var response = await chat.PostRawAsync(new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertRefusedAsync(what, response, expect);
        (await SnapshotAsync()).AssertUnchangedSince(before);
        Assert.Empty(await chat.PollAsync());
    }

    [Theory]
    [InlineData("lone surrogate in card data", """{"type":"message","value":{"x":"\ud800"}}""")]
    [InlineData("lone surrogate in the client activity id", """{"type":"message","channelData":{"clientActivityID":"\ud800"}}""")]
    [InlineData("lone surrogate in an entity", """{"type":"message","entities":[{"\udfff":"x"}]}""")]
    public async Task An_upload_whose_activity_part_is_not_text_gets_400_in_vietnamese_and_no_file_is_kept(string what, string json)
    {
        var chat = await StartChatAsync();
        var before = await SnapshotAsync();
        // Only what the request logs counts: a new store's start logs EF Core probing a history table not there yet.
        _logs.Lines.Clear();
        using var form = new MultipartFormDataContent();
        var part = new StringContent(json, Encoding.UTF8);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(part, "activity", "blob");
        form.Add(new ByteArrayContent("Tên đơn vị\nChi bộ 1\n"u8.ToArray()), "file", "don-vi.csv");

        using var response = await chat.UploadRawAsync(form);

        await AssertRefusedAsync(what, response, LoneSurrogate);
        (await SnapshotAsync()).AssertUnchangedSince(before);
        Assert.Empty(await chat.PollAsync());
    }

    public static TheoryData<string, string> TeamsPayloads => new()
    {
        { "lone surrogate in card data", """{"type":"message","id":"1:s1","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi","value":{"x":"\ud800"}}""" },
        { "lone surrogate in the tenant id", """{"type":"message","id":"1:s2","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi","channelData":{"tenant":{"id":"\ud800"}}}""" },
        { "lone surrogate in an entity", """{"type":"message","id":"1:s3","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"text":"hi","entities":[{"type":"\udfff"}]}""" },
        { "lone surrogate in a field the bot does not model", """{"type":"message","id":"1:s4","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1","userPrincipalName":"\ud800"},"conversation":{"id":"a:1"},"text":"hi"}""" },
        { "lone surrogate in an invoke's value", """{"type":"invoke","name":"adaptiveCard/action","id":"1:s5","channelId":"msteams","serviceUrl":"{url}","from":{"id":"29:1"},"conversation":{"id":"a:1"},"value":{"action":{"data":{"\ud800":1}}}}""" },
    };

    [Theory]
    [MemberData(nameof(TeamsPayloads))]
    public async Task A_bot_framework_activity_that_is_not_text_gets_400_and_changes_nothing(string what, string json)
    {
        var before = await SnapshotAsync();
        // Only what the request logs counts: a new store's start logs EF Core probing a history table not there yet.
        _logs.Lines.Clear();

        using var response = await _http.PostAsync("/api/messages", new StringContent(json.Replace("{url}", _connector.ServiceUrl, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        await AssertRefusedAsync(what, response, LoneSurrogate);
        (await SnapshotAsync()).AssertUnchangedSince(before);
        Assert.Empty(_connector.Requests);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999999")]
    [InlineData("-1")]
    [InlineData("")]
    public async Task A_download_link_whose_expiry_is_not_a_number_gets_the_bad_link_answer(string exp)
    {
        var chat = await StartChatAsync();
        using (var upload = await chat.UploadAsync("don-vi.csv", "Tên đơn vị\nChi bộ 1\n"u8.ToArray(), "text/csv"))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        chat.Rewind();
        var echo = (await chat.PollAsync()).Last(a => a.From?.Role == "user" && a.Attachments is { Count: > 0 });
        var link = Assert.Single(echo.Attachments!).ContentUrl!;
        var mangled = System.Text.RegularExpressions.Regex.Replace(link, @"exp=\d+", "exp=" + Uri.EscapeDataString(exp));

        using var response = await _http.GetAsync(mangled);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Đường dẫn tải tệp không hợp lệ, đã hết hạn hoặc không dành cho đồng chí. Đồng chí vui lòng yêu cầu xuất lại tệp.", await ErrorMessageAsync(response));
        using var intact = await _http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, intact.StatusCode);
    }

    private async Task AssertRefusedAsync(string what, HttpResponseMessage response, string expect)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {body}");
        Assert.Contains(expect, await ErrorMessageAsync(response));
        var errors = _logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message} {l.Exception?.GetType().Name}").ToList();
        Assert.True(errors.Count == 0, $"{what}: logged\n" + string.Join("\n", errors));
    }

    private async Task<DirectLineClient> StartChatAsync()
    {
        var chat = new DirectLineClient(_http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        return chat;
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["error"]?["message"]?.GetValue<string>() ?? "";

    private async Task<StoreSnapshot> SnapshotAsync()
    {
        await using var db = _app.OpenStore();
        return await StoreSnapshot.TakeAsync(db);
    }
}
