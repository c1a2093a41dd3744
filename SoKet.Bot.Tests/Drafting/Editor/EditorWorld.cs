using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.People;
using SoKet.Bot.Drafting.Editor;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Drafting.Editor;

/// <summary>
/// A unit whose drafters are this machine's local operator (the browser's own session in local mode) and a colleague
/// in another web chat, plus a second unit of a stranger with a report of its own.
/// </summary>
public sealed class EditorWorld : IAsyncDisposable
{
    public const string ColleagueId = "wc-colleague-0001";
    public const string StrangerId = "wc-stranger-00001";

    private EditorWorld(BotApp app, HttpClient http, DraftingSeed seed, Guid strangerReportId)
    {
        App = app;
        Http = http;
        Seed = seed;
        StrangerReportId = strangerReportId;
    }

    public BotApp App { get; }
    public HttpClient Http { get; }
    public DraftingSeed Seed { get; }
    public Guid StrangerReportId { get; }

    public static async Task<EditorWorld> CreateAsync(BotApp? app = null)
    {
        app ??= new BotApp();
        var http = app.CreateHttpClient();
        await using var db = app.OpenStore();
        var seed = await DraftingSeed.CreateAsync(db, [(LocalMode.WebChatOperatorId, "Nguyễn Văn An"), (ColleagueId, "Trần Thị Bình")], DraftingSeed.HaTinh);
        var other = new Unit
        {
            Id = Guid.NewGuid(), CampaignId = seed.Campaign.Id, Name = "Chi bộ Phòng Nội vụ", GroupId = seed.Unit.GroupId, CreatedAtUtc = DateTime.UtcNow,
        };
        var stranger = new Person { Id = Guid.NewGuid(), DisplayName = "Lê Văn Cường", ChannelId = ChannelIds.WebChat, ChannelUserId = StrangerId };
        db.People.Add(stranger);
        other.Members.Add(new UnitMember { UnitId = other.Id, PersonId = stranger.Id, Role = MemberRole.Drafter });
        db.Units.Add(other);
        var report = new Report { Id = Guid.NewGuid(), CampaignId = seed.Campaign.Id, UnitId = other.Id, Status = ReportStatus.NotStarted, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return new EditorWorld(app, http, seed, report.Id);
    }

    /// <summary>The local operator's chat (this browser's session), opened on the first section's card.</summary>
    public async Task<DraftingChat> MyChatAsync()
    {
        var chat = await DraftingChat.OpenAsync(Http);
        await OpenFirstSectionAsync(chat);
        return chat;
    }

    public async Task<DraftingChat> ColleagueChatAsync()
    {
        var chat = new DraftingChat(await App.OpenWebChatAsync(ColleagueId));
        await chat.Client.PollAsync();
        await OpenFirstSectionAsync(chat);
        return chat;
    }

    private static async Task OpenFirstSectionAsync(DraftingChat chat)
    {
        await chat.SayAsync("soạn báo cáo");
        // A report already worked on resumes on its section; a new one opens on the outline.
        if (DraftingChat.FindAction(chat.Card!, "Soạn tiếp") is not null)
            await chat.PressAsync("Soạn tiếp");
        Assert.Contains("Mục 1/", chat.Card!.ToJsonString(ProtocolJson.Options));
    }

    /// <summary>Presses «Mở trình soạn thảo» on <paramref name="section"/>; returns the editor's address from the answer.</summary>
    public static async Task<string> OpenEditorAsync(DraftingChat chat, JsonObject section)
    {
        var replies = await chat.PressAsync(EditorTexts.ButtonTitle, card: section);
        var signal = replies.Select(r => r.ChannelData?[SectionEditorChat.OpenSignal]).Single(s => s is not null)!;
        return signal["url"]!.GetValue<string>();
    }

    public static string TokenOf(string url) => System.Web.HttpUtility.ParseQueryString(url[(url.IndexOf('?') + 1)..])["t"]!;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, HttpClient? http = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, "/api/editor/" + path);
        if (token is not null)
            request.Headers.Add(EditorEndpoints.TokenHeader, token);
        if (key is not null)
            request.Headers.Add(EditorEndpoints.KeyHeader, key);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return await (http ?? Http).SendAsync(request);
    }

    public async Task<JsonObject> JsonAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var response = await SendAsync(method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: HTTP {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>What a refused request must leave as it was: the report's drafts, their history, the editor drafts.</summary>
    public async Task<(int Drafts, int Revisions, int EditorDrafts, string Texts)> SnapshotAsync()
    {
        await using var db = App.OpenStore();
        var texts = string.Join("|", await db.EditorDrafts.OrderBy(d => d.Id).Select(d => d.Text ?? "").ToListAsync());
        return (await db.SectionDrafts.CountAsync(), await db.SectionRevisions.CountAsync(), await db.EditorDrafts.CountAsync(d => d.Text != null), texts);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        App.Dispose();
        await Task.CompletedTask;
    }
}
