using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Drafting.Editor;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Drafting.Editor;

/// <summary>
/// Editor API bodies that parse as JSON but carry no usable text: a lone UTF-16 surrogate, a name given twice, a text
/// that is not a string. Each gets 400 with a Vietnamese message; the autosaved draft and the report stay as they were,
/// and no unhandled exception reaches the log.
/// </summary>
[Trait("Category", "Store")]
public sealed class HostileEditorInputTests : IAsyncLifetime
{
    private const string Kept = "Bản nháp của tôi, phải được giữ nguyên.";

    private readonly CapturingLoggerProvider _logs = new();
    private EditorWorld _world = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        var app = new BotApp { TestServices = services => services.AddSingleton<ILoggerProvider>(_logs) };
        _world = await EditorWorld.CreateAsync(app);
        var me = await _world.MyChatAsync();
        _token = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, me.Card!));
        await _world.JsonAsync(HttpMethod.Put, "draft", _token, new { text = Kept, basedOnVersion = 0 });
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    // Raw strings: the backslashes reach the editor API as JSON escapes.
    [Theory]
    [InlineData("lone high surrogate in the text", """{"text":"a\ud800","basedOnVersion":0}""", EditorTexts.BadRequest)]
    [InlineData("lone low surrogate in the text", """{"text":"\udfffa","basedOnVersion":0}""", EditorTexts.BadRequest)]
    [InlineData("lone surrogate in a key", """{"text":"Ghi đè!","\ud800":1}""", EditorTexts.BadRequest)]
    [InlineData("the text given twice", """{"text":"Ghi đè!","text":"Ghi đè lần nữa!"}""", EditorTexts.BadRequest)]
    [InlineData("the text a number", """{"text":5,"basedOnVersion":0}""", EditorTexts.TextNotString)]
    [InlineData("the text an object", """{"text":{"a":"b"},"basedOnVersion":0}""", EditorTexts.TextNotString)]
    [InlineData("the text null", """{"text":null,"basedOnVersion":0}""", EditorTexts.TextNotString)]
    [InlineData("no text", """{"basedOnVersion":0}""", EditorTexts.TextNotString)]
    public async Task An_autosave_without_usable_text_gets_400_and_keeps_the_draft(string what, string json, string expect)
    {
        var before = await _world.SnapshotAsync();
        // Only what the request logs counts: a new store's start logs EF Core probing a history table not there yet.
        _logs.Lines.Clear();

        using var response = await SendRawAsync(HttpMethod.Put, "draft", json);

        await AssertRefusedAsync(what, response, expect);
        Assert.Equal(before, await _world.SnapshotAsync());
        var reopened = await _world.JsonAsync(HttpMethod.Get, "section", _token);
        Assert.Equal(Kept, reopened["draft"]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("lone low surrogate in the text", """{"requestId":"{id}","text":"a\udc00","version":0}""", EditorTexts.BadRequest)]
    [InlineData("lone surrogate in the request id", """{"requestId":"\ud800","text":"Nội dung","version":0}""", EditorTexts.BadRequest)]
    [InlineData("lone surrogate in a key", """{"requestId":"{id}","text":"Nội dung","version":0,"\udbff":[]}""", EditorTexts.BadRequest)]
    [InlineData("the text a number", """{"requestId":"{id}","text":5,"version":0}""", EditorTexts.TextNotString)]
    [InlineData("no text", """{"requestId":"{id}","version":0}""", EditorTexts.TextNotString)]
    public async Task A_save_without_usable_text_gets_400_and_changes_nothing(string what, string json, string expect)
    {
        var before = await _world.SnapshotAsync();
        // Only what the request logs counts: a new store's start logs EF Core probing a history table not there yet.
        _logs.Lines.Clear();

        using var response = await SendRawAsync(HttpMethod.Post, "save", json.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        await AssertRefusedAsync(what, response, expect);
        Assert.Equal(before, await _world.SnapshotAsync());
        await using var db = _world.App.OpenStore();
        Assert.Equal(0, await db.ProcessedActivities.CountAsync(p => p.ActivityId.StartsWith("editor-")));
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, "/api/editor/" + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(EditorEndpoints.TokenHeader, _token);
        return await _world.Http.SendAsync(request);
    }

    private async Task AssertRefusedAsync(string what, HttpResponseMessage response, string expect)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {body}");
        Assert.Equal(expect, (await response.Content.ReadFromJsonAsync<JsonObject>())?["error"]?["message"]?.GetValue<string>());
        var errors = _logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message} {l.Exception?.GetType().Name}").ToList();
        Assert.True(errors.Count == 0, $"{what}: logged\n" + string.Join("\n", errors));
    }
}
