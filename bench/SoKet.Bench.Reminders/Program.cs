using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoKet.Bench.Reminders;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Conversations;
using SoKet.Bot.Reports;
using SoKet.Bot.Tracking;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Cards;
using SoKet.Bot.Channels.Files;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Reminders;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Turns;

// Fan-out benchmark: N units, one member each, all due for the same milestone; the real planner and sender
// (SQLite outbox, leases, token bucket) against a Connector that enforces a per-app limit with 429s.
var units = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
var limit = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var botRate = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : limit;
var directory = Path.Combine(Path.GetTempPath(), "soket-bench-reminders", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
var connectionString = $"Data Source={Path.Combine(directory, "soket.db")};Default Timeout=30";

await using var connector = new RateLimitedConnector(limit);
await connector.StartAsync();
var conversations = await SeedAsync(connectionString, connector.ServiceUrl, units);
Console.WriteLine($"Seeded {units:N0} units; Connector limit {limit}/s, bot token bucket {botRate}/s.");

var builder = WebApplication.CreateBuilder([]);
builder.Logging.ClearProviders();
// SOKET_BENCH_LOG=1: the bot's warnings and errors on stderr (a stall or a failing send shows there).
if (Environment.GetEnvironmentVariable("SOKET_BENCH_LOG") is { Length: > 0 })
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls("http://127.0.0.1:0");
var settings = new Dictionary<string, string?>
{
    ["Store:ConnectionString"] = connectionString,
    ["Store:DataDirectory"] = directory,
    ["WebChat:Enabled"] = "false",
    // Planning 50,000 units takes minutes of CPU on these machines; planned once, the fan-out is what is measured.
    ["Reminders:PlannerInterval"] = "00:30:00",
    ["Reminders:SenderPollInterval"] = "00:00:00.100",
    ["Reminders:BatchSize"] = "200",
    ["Reminders:MaxParallelSends"] = "16",
    ["Reminders:PerTenantRatePerSecond"] = botRate.ToString(CultureInfo.InvariantCulture),
    ["Reminders:DaysBefore:0"] = "3",
    ["Reminders:SendAt"] = "00:00",
    ["Reminders:WorkingHours:Opens"] = "00:00",
    ["Reminders:WorkingHours:Closes"] = "23:59",
};
for (var day = 0; day < 7; day++)
    settings[$"Reminders:WorkingHours:Days:{day}"] = ((DayOfWeek)day).ToString();
builder.Configuration.AddInMemoryCollection(settings);
builder.Services.AddStore(builder.Configuration);
builder.Services.AddBotAuthentication(builder.Configuration);
builder.Services.AddConnector(builder.Configuration);
builder.Services.AddConversations();
builder.Services.AddTurns();
builder.Services.AddWebChat(builder.Configuration);
builder.Services.AddChannelFiles(builder.Configuration);
builder.Services.AddCards();
builder.Services.AddPeople(builder.Configuration);
builder.Services.AddCampaigns();
builder.Services.AddReports();
builder.Services.AddTracking();
builder.Services.AddReminders(builder.Configuration);
await using var app = builder.Build();

var stopwatch = Stopwatch.StartNew();
await app.StartAsync();
var lastProgress = -1L;
TimeSpan? firstSend = null;
var idleSince = Stopwatch.StartNew();
while (true)
{
    await Task.Delay(1000);
    var accepted = connector.AcceptedCount;
    if (accepted != lastProgress)
    {
        lastProgress = accepted;
        idleSince.Restart();
        Console.WriteLine($"{stopwatch.Elapsed:hh\\:mm\\:ss} accepted {accepted:N0}, 429s {connector.Throttled:N0}");
        if (accepted > 0 && lastProgress == accepted && firstSend is null)
            firstSend = stopwatch.Elapsed;
    }
    // Planning 50,000 units takes a while before the first send: idleness counts only once sending has begun.
    if (accepted >= units || (accepted > 0 ? idleSince.Elapsed > TimeSpan.FromMinutes(3) : stopwatch.Elapsed > TimeSpan.FromMinutes(10)))
        break;
}
await app.StopAsync();

var duplicates = connector.Accepted.Count(p => p.Value > 1);
var extraMessages = connector.Accepted.Sum(p => Math.Max(0, p.Value - 1));
var lost = conversations.Count(c => !connector.Accepted.ContainsKey(c));
var window = (connector.LastAcceptedUtc - connector.FirstAcceptedUtc)?.TotalSeconds ?? 0;
var rate = window > 0 ? (connector.AcceptedCount - 1) / window : 0;
await using (var db = Open(connectionString))
{
    var states = await db.Set<ReminderOutboxItem>().GroupBy(i => i.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
    Console.WriteLine("Outbox: " + string.Join(", ", states.Select(s => $"{s.Key} {s.Count:N0}")));
}
Console.WriteLine($"Units {units:N0}; limit {limit}/s; accepted {connector.AcceptedCount:N0} in {window:F1} s = {rate:F1}/s = {rate / limit:P1} of the limit");
Console.WriteLine($"429 answers {connector.Throttled:N0}; duplicates {duplicates} conversations ({extraMessages} extra messages); losses {lost}");
Console.WriteLine($"Wall time {stopwatch.Elapsed:hh\\:mm\\:ss}; first message accepted by {firstSend:hh\\:mm\\:ss} (planning the outbox before it)");
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(directory, recursive: true);
return duplicates == 0 && lost == 0 ? 0 : 1;

static SoKetDbContext Open(string connectionString) =>
    StoreProvider.Sqlite.CreateContext(connectionString);

static async Task<List<string>> SeedAsync(string connectionString, string serviceUrl, int count)
{
    await using var db = Open(connectionString);
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SoKet.Bot.Export.VietnameseFormat.VietnamTimeZone).DateTime);
    var campaign = new Campaign { Id = Guid.NewGuid(), Code = "125-KH/ThU", Title = "Sơ kết", IssuingBody = "Ban Thường vụ", CreatedBy = "bench" };
    var group = new CampaignGroup { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Cấp cơ sở" };
    campaign.Groups.Add(group);
    campaign.Deadlines.Add(new CampaignDeadline
    {
        Id = Guid.NewGuid(), CampaignId = campaign.Id, GroupId = group.Id, Due = DueKind.Report, Timing = DeadlineTiming.OnDate,
        Date = today.AddDays(3).ToDateTime(TimeOnly.MinValue), What = "Gửi báo cáo", Source = "bench",
    });
    db.Campaigns.Add(campaign);
    await db.SaveChangesAsync();

    var conversations = new List<string>(count);
    for (var n = 1; n <= count; n++)
    {
        var aad = Guid.NewGuid().ToString();
        var person = new Person { Id = Guid.NewGuid(), DisplayName = $"Cán bộ {n}", AadObjectId = aad };
        var unit = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, GroupId = group.Id, Name = $"Chi bộ {n}" };
        db.People.Add(person);
        db.Units.Add(unit);
        db.UnitMembers.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id });
        var conversation = $"a:bench-{n}";
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            ChannelId = ChannelIds.Teams, ConversationId = conversation, ConversationType = "personal", ServiceUrl = serviceUrl,
            TenantId = "7a0f1c2e-5b8d-4e3a-9c61-2d4f8b0e6a13", UserId = "29:" + aad, UserAadObjectId = aad, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        });
        conversations.Add(conversation);
        if (n % 5000 == 0)
        {
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
    await db.SaveChangesAsync();
    return conversations;
}
