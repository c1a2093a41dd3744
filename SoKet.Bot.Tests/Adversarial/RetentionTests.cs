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
using Microsoft.Extensions.Time.Testing;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Channels.Files;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Retention;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13, item 4: stored files, web chat transcripts and conversations, exports and processed activity ids are
/// removed once past their retention (Retention:*), by a job that runs every night at 02:00 Vietnam time; campaign
/// records stay. A Teams file consent, once answered, forgets its copy at once.
/// </summary>
[Trait("Category", "Store")]
public sealed class RetentionTests : IDisposable
{
    // 10:00 on 06/12/2026 in Hà Nội.
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_cleanup_removes_what_is_past_its_retention_and_keeps_everything_else()
    {
        var clock = new ManualTimeProvider(Now);
        _app.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        _app.Start();
        var seeded = await SeedAsync(Now.UtcDateTime);
        StoreSnapshot before;
        await using (var db = _app.OpenStore())
            before = await StoreSnapshot.TakeAsync(db);

        RetentionReport report;
        await using (var scope = _app.Services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<RetentionCleanup>().RunAsync(CancellationToken.None);

        Assert.Equal(new RetentionReport(Files: 3, WebChatActivities: 3, WebChatConversations: 1, ProcessedActivityIds: 1), report);
        await using var after = _app.OpenStore();
        Assert.Equal(["new-upload", "new-export"], (await after.StoredFiles.Select(f => f.Id).ToListAsync()).Order().Reverse());
        Assert.Equal(["recent"], await after.WebChatActivities.Where(a => a.ConversationId == "active").Select(a => a.ActivityId).ToListAsync());
        Assert.False(await after.WebChatActivities.AnyAsync(a => a.ConversationId == "abandoned"));
        Assert.Equal(["active"], await after.WebChatConversations.Select(c => c.Id).ToListAsync());
        Assert.False(await after.ConversationStates.AnyAsync(s => s.Key == "webchat|abandoned"));
        Assert.False(await after.ConversationReferences.AnyAsync(r => r.ConversationId == "abandoned"));
        Assert.True(await after.ConversationStates.AnyAsync(s => s.Key == "webchat|active"));
        Assert.Equal(["new"], await after.ProcessedActivities.Select(p => p.ActivityId).ToListAsync());
        // Campaign records are not the job's: reports, drafts and audit entries stay whatever their age.
        (await StoreSnapshot.TakeAsync(after)).AssertUnchangedSince(before,
            "StoredFiles", "WebChatActivities", "WebChatConversations", "ConversationStates", "ConversationReferences", "ProcessedActivities");
        Assert.True(await after.Reports.AnyAsync(r => r.Id == seeded.Id));
    }

    [Fact]
    public async Task The_job_runs_at_two_in_the_morning_vietnam_time_and_not_before()
    {
        // 01:59 on 07/12/2026 in Hà Nội.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 18, 59, 0, TimeSpan.Zero));
        _app.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        _app.Start();
        await SeedAsync(clock.GetUtcNow().UtcDateTime);

        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(300);
        Assert.Equal(5, await CountFilesAsync());

        clock.Advance(TimeSpan.FromSeconds(2));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CountFilesAsync() != 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal(2, await CountFilesAsync());
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 19, 0, 0, TimeSpan.Zero), RetentionJob.NextRun(clock.GetUtcNow(), new TimeOnly(2, 0)));
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("accept")]
    public async Task An_answered_teams_file_consent_forgets_the_offered_copy_at_once(string answer)
    {
        await using var connector = await LoopbackConnector.StartAsync();
        await using var oneDrive = await OneDrive.StartAsync();
        _app.Settings["OutboundHttp:AllowLoopbackForTests"] = "true";
        using var http = _app.CreateHttpClient();
        await using (var db = _app.OpenStore())
            await AdversarialWorld.SeedAsync(db, "wc-nobody", null, null, connector.ServiceUrl);
        var ask = TeamsActivities.Message(connector.ServiceUrl, "xuất báo cáo", conversationId: "a:victim-member");
        ask.From!.Id = AdversarialWorld.VictimTeamsId;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, ask)).StatusCode);
        var consent = await connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == ask.Id, TimeSpan.FromSeconds(10));
        var fileId = consent.Activity!.Attachments![0].Content!["acceptContext"]!["fileId"]!.GetValue<string>();
        Assert.Equal(1, await CountFilesAsync(StoredFileKind.Export));

        var invoke = TeamsActivities.Invoke(connector.ServiceUrl, FileDelivery.FileConsentInvoke, new JsonObject
        {
            ["type"] = "fileUpload", ["action"] = answer, ["context"] = new JsonObject { ["fileId"] = fileId },
            ["uploadInfo"] = new JsonObject { ["name"] = "bao-cao.docx", ["uploadUrl"] = oneDrive.Url, ["uniqueId"] = "1A2B", ["fileType"] = "docx" },
        }, conversationId: ask.Conversation!.Id);
        invoke.From = ask.From;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, invoke)).StatusCode);

        Assert.Equal(0, await CountFilesAsync(StoredFileKind.Export));
        Assert.Equal(answer == "accept" ? 1 : 0, oneDrive.Uploads);
    }

    private async Task<int> CountFilesAsync(StoredFileKind? kind = null)
    {
        await using var db = _app.OpenStore();
        return await db.StoredFiles.CountAsync(f => kind == null || f.Kind == kind);
    }

    /// <summary>Rows on either side of each default retention, and campaign records older than all of them.</summary>
    private async Task<Report> SeedAsync(DateTime now)
    {
        await using var db = _app.OpenStore();
        StoredFile File(string id, StoredFileKind kind, double daysOld) => new()
        {
            Id = id, Kind = kind, ConversationId = "active", OwnerId = "wc-1", Name = id + ".txt", Content = [1, 2, 3], Size = 3, CreatedAtUtc = now.AddDays(-daysOld),
        };
        db.StoredFiles.AddRange(
            File("old-upload", StoredFileKind.Upload, 8), File("new-upload", StoredFileKind.Upload, 6),
            File("old-kept", StoredFileKind.Kept, 8),
            File("old-export", StoredFileKind.Export, 3), File("new-export", StoredFileKind.Export, 1));
        db.WebChatConversations.AddRange(
            new WebChatConversation { Id = "abandoned", UserId = "wc-1", CreatedAtUtc = now.AddDays(-200) },
            new WebChatConversation { Id = "active", UserId = "wc-2", CreatedAtUtc = now.AddDays(-200) });
        WebChatActivity Activity(string conversation, string id, double daysOld) => new()
        {
            ConversationId = conversation, ActivityId = id, Json = "{}", CreatedAtUtc = now.AddDays(-daysOld),
        };
        db.WebChatActivities.AddRange(Activity("abandoned", "a1", 120), Activity("abandoned", "a2", 100), Activity("active", "old", 95), Activity("active", "recent", 2));
        db.ConversationStates.AddRange(
            new ConversationStateRecord { Key = "webchat|abandoned", Json = "{}", UpdatedAtUtc = now.AddDays(-100) },
            new ConversationStateRecord { Key = "webchat|active", Json = "{}", UpdatedAtUtc = now.AddDays(-2) });
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            ChannelId = ChannelIds.WebChat, ConversationId = "abandoned", ServiceUrl = "urn:soket:webchat", UserId = "wc-1", CreatedAtUtc = now.AddDays(-200), UpdatedAtUtc = now.AddDays(-100),
        });
        db.ProcessedActivities.AddRange(
            new ProcessedActivity { ChannelId = ChannelIds.WebChat, ConversationId = "active", ActivityId = "old", ProcessedAtUtc = now.AddDays(-3) },
            new ProcessedActivity { ChannelId = ChannelIds.WebChat, ConversationId = "active", ActivityId = "new", ProcessedAtUtc = now.AddHours(-1) });
        var campaign = Drafting.DraftingSeed.CreateCampaign(Drafting.DraftingSeed.LaiChau);
        db.Campaigns.Add(campaign);
        var unit = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Chi bộ cũ", GroupId = campaign.Groups.First(g => !g.IsIssuer).Id, CreatedAtUtc = now.AddDays(-400) };
        db.Units.Add(unit);
        var report = new Report { Id = Guid.NewGuid(), CampaignId = campaign.Id, UnitId = unit.Id, Status = ReportStatus.Submitted, CreatedAtUtc = now.AddDays(-400), UpdatedAtUtc = now.AddDays(-400) };
        db.Reports.Add(report);
        db.AuditEntries.Add(new AuditEntry { AtUtc = now.AddDays(-400), Actor = "test", Action = "report.submitted", CampaignId = campaign.Id, UnitId = unit.Id, ReportId = report.Id });
        await db.SaveChangesAsync();
        return report;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, Activity activity) =>
        http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));

    /// <summary>Stands in for the OneDrive upload session Teams hands out (on loopback, allowed only because the test says so).</summary>
    private sealed class OneDrive : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _uploads;

        private OneDrive(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public int Uploads => Volatile.Read(ref _uploads);

        public static async Task<OneDrive> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var target = new OneDrive(app);
            app.MapPut("/upload", async (HttpContext context) =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref target._uploads);
                return Results.Created("/item", new { id = "item" });
            });
            await app.StartAsync();
            target.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/upload";
            return target;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
