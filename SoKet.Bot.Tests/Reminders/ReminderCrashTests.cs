using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>
/// Bot processes sharing one store (a SQLite file, or one PostgreSQL database in that flavour) fan out one campaign's reminders to a loopback Connector that answers
/// slowly; processes are killed mid-fan-out. Counted at the Connector, every member gets exactly one reminder.
/// </summary>
[Trait("Category", "Store")]
public sealed class ReminderCrashTests : IAsyncLifetime
{
    private const int UnitCount = 200;
    private const int MaxParallelSends = 4;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "soket-crash", Guid.NewGuid().ToString("N"));
    private readonly List<string> _conversations = [];
    private readonly List<BotProcess> _processes = [];
    private LoopbackConnector _connector = null!;
    private TestStore _store = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _store = new TestStore(_directory);
        _connectionString = _store.ConnectionString;
        _connector = await LoopbackConnector.StartAsync();
        // Slow answers keep sends in flight, so a kill lands in the middle of Connector calls.
        _connector.RespondToNext(10_000, ScriptedResponse.Json(200, new JsonObject { ["id"] = "1:sent" }) with { Delay = TimeSpan.FromMilliseconds(150) });
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
            process.Dispose();
        await _connector.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task A_sender_killed_mid_fan_out_and_restarted_sends_every_reminder_exactly_once()
    {
        var first = Start();
        await WaitForDeliveriesAsync(40, first);
        first.Kill();
        var atKill = ActivityRequests().Count;
        Assert.True(atKill < UnitCount, "The fan-out finished before the kill; the test proves nothing.");

        var second = Start();
        await WaitUntilSettledAsync(second);

        AssertExactlyOncePerConversation();
        // The kill cut Connector calls short: those were closed from their stamp, not posted again.
        await using var db = Open();
        Assert.Contains(await db.Set<ReminderOutboxItem>().Select(i => i.LastError).ToListAsync(), e => e != null && e.StartsWith("Unconfirmed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_processes_on_one_store_fan_out_without_duplicates_or_losses_even_when_one_is_killed()
    {
        var a = Start();
        var b = Start();
        await WaitForDeliveriesAsync(60, a);
        a.Kill();

        await WaitUntilSettledAsync(b);

        AssertExactlyOncePerConversation();
        await using var db = Open();
        var owners = await db.Set<ReminderOutboxItem>().Where(i => i.SentAtUtc != null).Select(i => i.Attempts).ToListAsync();
        Assert.All(owners, attempts => Assert.Equal(1, attempts));
    }

    private BotProcess Start()
    {
        var environment = new Dictionary<string, string>
        {
            ["Store__Provider"] = TestStore.Provider.Name,
            ["Store__ConnectionString"] = _connectionString,
            ["Store__DataDirectory"] = _directory,
            ["Reminders__PlannerEnabled"] = "true",
            ["Reminders__SenderEnabled"] = "true",
            ["Reminders__PlannerInterval"] = "00:00:01",
            ["Reminders__SenderPollInterval"] = "00:00:00.200",
            ["Reminders__BatchSize"] = "20",
            ["Reminders__MaxParallelSends"] = MaxParallelSends.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reminders__Lease"] = "00:00:05",
            ["Reminders__InFlightGrace"] = "00:00:03",
            ["Reminders__DaysBefore__0"] = "3",
            ["Reminders__SendAt"] = "00:00",
            ["Reminders__WorkingHours__Opens"] = "00:00",
            ["Reminders__WorkingHours__Closes"] = "23:59",
            ["WebChat__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        for (var day = 0; day < 7; day++)
            environment[$"Reminders__WorkingHours__Days__{day}"] = ((DayOfWeek)day).ToString();
        var process = BotProcess.Start(environment);
        _processes.Add(process);
        return process;
    }

    private async Task SeedAsync()
    {
        await _store.MigrateAsync();
        await using var db = Open();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SoKet.Bot.Export.VietnameseFormat.VietnamTimeZone).DateTime);
        var campaign = new Campaign { Id = Guid.NewGuid(), Code = "125-KH/ThU", Title = "Sơ kết", IssuingBody = "Ban Thường vụ", CreatedBy = "test", CreatedAtUtc = DateTime.UtcNow };
        var group = new CampaignGroup { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Cấp cơ sở" };
        campaign.Groups.Add(group);
        campaign.Deadlines.Add(new CampaignDeadline
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, GroupId = group.Id, Due = DueKind.Report, Timing = DeadlineTiming.OnDate,
            Date = today.AddDays(3).ToDateTime(TimeOnly.MinValue), What = "Gửi báo cáo", Source = "test",
        });
        db.Campaigns.Add(campaign);
        for (var n = 1; n <= UnitCount; n++)
        {
            var aad = Guid.NewGuid().ToString();
            var person = new Person { Id = Guid.NewGuid(), DisplayName = $"Cán bộ {n}", AadObjectId = aad };
            var unit = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, GroupId = group.Id, Name = $"Chi bộ {n}" };
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id });
            var conversation = $"a:crash-{n}";
            db.People.Add(person);
            db.Units.Add(unit);
            db.ConversationReferences.Add(new ConversationReferenceRecord
            {
                ChannelId = ChannelIds.Teams, ConversationId = conversation, ConversationType = "personal", ServiceUrl = _connector.ServiceUrl,
                UserId = "29:" + aad, UserAadObjectId = aad, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            });
            _conversations.Add(conversation);
        }
        await db.SaveChangesAsync();
    }

    private SoKetDbContext Open() => _store.Open();

    private List<RecordedRequest> ActivityRequests() => _connector.Requests.Where(r => r.Activity is not null).ToList();

    private async Task WaitForDeliveriesAsync(int count, BotProcess process)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(90);
        while (ActivityRequests().Count < count)
        {
            Assert.False(process.HasExited, "The bot process exited: " + process.Tail);
            Assert.True(DateTime.UtcNow < giveUp, $"Only {ActivityRequests().Count} reminders after 90 s. {process.Tail}");
            await Task.Delay(20);
        }
    }

    private async Task WaitUntilSettledAsync(BotProcess process)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            Assert.False(process.HasExited, "The bot process exited: " + process.Tail);
            await using (var db = Open())
            {
                var unitItems = db.Set<ReminderOutboxItem>().Where(i => i.Kind == ReminderKind.UnitReminder);
                if (await unitItems.CountAsync() == UnitCount && !await unitItems.AnyAsync(i => i.State == ReminderState.Pending))
                    return;
            }
            Assert.True(DateTime.UtcNow < giveUp, "Reminders still pending after 120 s. " + process.Tail);
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// No conversation is reminded twice, and every one is reminded — except, possibly, a send the killed process
    /// had stamped whose request it never got onto the wire: the outbox closes such an attempt as Sent
    /// ("Unconfirmed") rather than risk a duplicate, since the Connector cannot say whether it arrived. There can be
    /// no more of those than sends in flight in the killed process, and no loss of any other kind.
    /// </summary>
    private void AssertExactlyOncePerConversation()
    {
        var perConversation = ActivityRequests().GroupBy(r => r.ConversationId!).ToDictionary(g => g.Key, g => g.Count());
        var duplicated = perConversation.Where(p => p.Value > 1).Select(p => $"{p.Key}×{p.Value}").ToList();
        Assert.True(duplicated.Count == 0, "Reminded more than once: " + string.Join(", ", duplicated));

        var missing = _conversations.Where(c => !perConversation.ContainsKey(c)).ToHashSet();
        using var db = Open();
        var missed = db.Set<ReminderOutboxItem>().AsNoTracking().ToList()
            .Join(db.People.AsNoTracking().ToList(), i => i.PersonId, p => p.Id, (i, p) => (Conversation: "a:crash-" + p.DisplayName!.Split(' ')[^1], Item: i))
            .Where(x => missing.Contains(x.Conversation))
            .ToList();
        var unexplained = missed.Where(x => x.Item.State != ReminderState.Sent || x.Item.LastError?.StartsWith("Unconfirmed", StringComparison.Ordinal) != true)
            .Select(x => $"{x.Conversation}: {x.Item.State} attempts={x.Item.Attempts} error={x.Item.LastError}").ToList();
        Assert.True(unexplained.Count == 0, "Never reminded: " + string.Join("; ", unexplained));
        Assert.True(missed.Count <= MaxParallelSends, $"{missed.Count} stamped sends never reached the Connector, more than were in flight.");
    }
}
