using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reminders.Planning;
using SoKet.Bot.Reminders.Sending;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>A seeded unit: its id, its one member's person id and AAD id, and the 1:1 conversation they opened with the bot (if any).</summary>
internal sealed record SeededUnit(Guid UnitId, string Name, Guid GroupId, Guid PersonId, string AadObjectId, string? ConversationId);

/// <summary>
/// The real bot over HTTP with a manual clock and a loopback Connector, seeded with one campaign (one group,
/// one dated report deadline) and units whose one member has talked to the bot. The planner and sender are
/// driven one pass at a time, so a test decides when time passes.
/// </summary>
internal sealed class ReminderTestBed : IAsyncDisposable
{
    public const string GroupName = "Chi bộ, đảng bộ cơ sở";

    private ReminderTestBed(BotApp app, LoopbackConnector connector, ManualTimeProvider clock, HttpClient http)
    {
        App = app;
        Connector = connector;
        Clock = clock;
        Http = http;
    }

    public BotApp App { get; }
    public LoopbackConnector Connector { get; }
    public ManualTimeProvider Clock { get; }
    public HttpClient Http { get; }
    public Guid CampaignId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid AdminId { get; private set; }
    public string AdminAad { get; } = Guid.NewGuid().ToString();
    public Guid LeaderId { get; private set; }
    public string AdminConversation { get; } = "a:admin-" + Guid.NewGuid().ToString("N");
    public string LeaderConversation { get; } = "a:leader-" + Guid.NewGuid().ToString("N");
    public string LeaderAad { get; } = Guid.NewGuid().ToString();
    public List<SeededUnit> Units { get; } = [];

    public static async Task<ReminderTestBed> StartAsync(DateTimeOffset now, DateOnly deadline, int units = 3, Action<Dictionary<string, string?>>? settings = null)
    {
        var connector = await LoopbackConnector.StartAsync();
        var clock = new ManualTimeProvider(now);
        var app = new BotApp();
        app.Settings["Connector:Retry:BaseDelay"] = "00:00:00.050";
        settings?.Invoke(app.Settings);
        app.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        var http = app.CreateHttpClient();
        var bed = new ReminderTestBed(app, connector, clock, http);
        await bed.SeedAsync(deadline, units);
        return bed;
    }

    private async Task SeedAsync(DateOnly deadline, int count)
    {
        await using var db = App.OpenStore();
        var campaign = new Campaign { Id = Guid.NewGuid(), Code = "125-KH/ThU", Title = "Kế hoạch sơ kết giữa nhiệm kỳ", IssuingBody = "Ban Thường vụ Thành ủy", CreatedBy = "test" };
        var group = new CampaignGroup { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = GroupName };
        campaign.Groups.Add(group);
        campaign.Deadlines.Add(new CampaignDeadline
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, GroupId = group.Id, Due = DueKind.Report, Timing = DeadlineTiming.OnDate,
            Date = deadline.ToDateTime(TimeOnly.MinValue), DatePrecision = DatePrecision.Day, What = "Gửi báo cáo sơ kết", Source = "trước ngày 30/6/2023",
        });
        campaign.Sections.Add(new CampaignSection { Id = Guid.NewGuid(), CampaignId = campaign.Id, Order = 1, Path = "1", NumberLabel = "I.", Level = 1, Heading = "Kết quả" });
        campaign.Sections.Add(new CampaignSection { Id = Guid.NewGuid(), CampaignId = campaign.Id, Order = 2, Path = "2", NumberLabel = "II.", Level = 1, Heading = "Hạn chế" });
        db.Campaigns.Add(campaign);
        CampaignId = campaign.Id;
        GroupId = group.Id;

        var admin = new Person { Id = Guid.NewGuid(), DisplayName = "Văn phòng Thành ủy", AadObjectId = AdminAad, IsAdmin = true };
        var leader = new Person { Id = Guid.NewGuid(), DisplayName = "Lò Văn Hùng", AadObjectId = LeaderAad };
        db.People.AddRange(admin, leader);
        AdminId = admin.Id;
        LeaderId = leader.Id;
        foreach (var (aad, conversationId) in new[] { (LeaderAad, LeaderConversation), (AdminAad, AdminConversation) })
            db.ConversationReferences.Add(Reference(conversationId, aad));
        await db.SaveChangesAsync();
        await AddUnitsAsync(db, count);
    }

    public async Task AddUnitsAsync(SoKetDbContext db, int count, bool withConversation = true)
    {
        for (var i = 0; i < count; i++)
        {
            var n = Units.Count + 1;
            var person = new Person { Id = Guid.NewGuid(), DisplayName = $"Cán bộ số {n}", AadObjectId = Guid.NewGuid().ToString(), ChannelId = ChannelIds.Teams };
            var unit = new Unit { Id = Guid.NewGuid(), CampaignId = CampaignId, Name = $"Chi bộ số {n}", GroupId = GroupId, LeaderPersonId = LeaderId };
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Secretary });
            db.People.Add(person);
            db.Units.Add(unit);
            string? conversationId = null;
            if (withConversation)
            {
                conversationId = $"a:1unit{n}-{Guid.NewGuid():N}";
                db.ConversationReferences.Add(Reference(conversationId, person.AadObjectId));
            }
            Units.Add(new SeededUnit(unit.Id, unit.Name, GroupId, person.Id, person.AadObjectId, conversationId));
        }
        await db.SaveChangesAsync();
    }

    private ConversationReferenceRecord Reference(string conversationId, string aadObjectId) => new()
    {
        ChannelId = ChannelIds.Teams, ConversationId = conversationId, ConversationType = "personal", ServiceUrl = Connector.ServiceUrl,
        TenantId = TeamsActivities.TenantId, UserId = "29:" + aadObjectId, UserAadObjectId = aadObjectId,
        BotId = "28:soket-local", CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
    };

    public async Task SubmitAsync(SeededUnit unit)
    {
        await using var db = App.OpenStore();
        db.Reports.Add(new Report
        {
            Id = Guid.NewGuid(), CampaignId = CampaignId, UnitId = unit.UnitId, Status = ReportStatus.Submitted,
            SubmittedAtUtc = Clock.GetUtcNow().UtcDateTime, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>One planner pass, as if the previous one ran at <paramref name="lastRun"/>; returns how many unit reminders it wrote.</summary>
    public async Task<int> PlanAsync(DateTimeOffset lastRun)
    {
        var before = (await OutboxAsync()).Count(i => i.Kind == ReminderKind.UnitReminder);
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderPlanningRun>().PlanAsync(Clock.GetUtcNow(), lastRun, CancellationToken.None);
        return (await OutboxAsync()).Count(i => i.Kind == ReminderKind.UnitReminder) - before;
    }

    /// <summary>Runs sender batches until nothing is due now.</summary>
    public async Task SendDueAsync(TimeSpan? patience = null)
    {
        var sender = App.GetService<ReminderSender>();
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        while (await sender.RunBatchAsync(CancellationToken.None) > 0 || await PendingDueAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Reminders still due after the test's patience ran out.");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends while moving the manual clock on a second at a time, so items put back after a 429 fall due again.</summary>
    public async Task SendUntilNonePendingAsync(TimeSpan patience)
    {
        var giveUp = DateTime.UtcNow + patience;
        while ((await OutboxAsync()).Any(i => i.State == ReminderState.Pending))
        {
            if (DateTime.UtcNow > giveUp)
                throw new TimeoutException("Reminders still pending after the test's patience ran out.");
            await SendDueAsync(patience);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<int> PendingDueAsync()
    {
        await using var db = App.OpenStore();
        var now = Clock.GetUtcNow().UtcDateTime;
        return await db.Set<ReminderOutboxItem>().CountAsync(i => i.State == ReminderState.Pending && i.DueAtUtc <= now);
    }

    public async Task<List<ReminderOutboxItem>> OutboxAsync()
    {
        await using var db = App.OpenStore();
        return await db.Set<ReminderOutboxItem>().AsNoTracking().OrderBy(i => i.Id).ToListAsync();
    }

    /// <summary>Activities the bot posted to the conversation that Teams accepted.</summary>
    public List<Activity> Delivered(string? conversationId) =>
        Connector.Requests.Where(r => r.ConversationId == conversationId && r.Activity is not null && r.ResponseStatusCode is >= 200 and < 300)
            .Select(r => r.Activity!).ToList();

    /// <summary>Sends a Teams message as the person with this AAD id and returns the bot's reply.</summary>
    public async Task<Activity> AskAsync(string aadObjectId, string text, System.Text.Json.Nodes.JsonNode? value = null)
    {
        var activity = TeamsActivities.Message(Connector.ServiceUrl, text);
        activity.From!.AadObjectId = aadObjectId;
        activity.Value = value;
        var response = await Http.PostAsync("/api/messages",
            new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await Connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == activity.Id, TimeSpan.FromSeconds(10));
        return reply.Activity!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        App.Dispose();
        await Connector.DisposeAsync();
    }
}

internal static class CardText
{
    /// <summary>Every string in the activity's cards and text, joined, for asserting what a user reads.</summary>
    public static string Of(Activity activity) =>
        ShownText.Unescape(activity.Text ?? "") + "\n" + string.Join("\n", (activity.Attachments ?? []).Select(a => ShownText.Of(a.Content)?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? ""));
}
