using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using BotProcess = SoKet.Bot.Tests.Reminders.BotProcess;

namespace SoKet.Bot.Tests.Turns;

/// <summary>
/// The bot process is killed with SIGKILL (kill -9) while several drafters type paragraphs: every paragraph whose turn
/// was acknowledged (HTTP 200 from /api/messages) is in the store afterwards. What the bot answered, it kept.
/// </summary>
[Trait("Category", "Store")]
public sealed class KillDurabilityTests : IAsyncLifetime
{
    private const int Drafters = 4;
    private readonly TempFolder _folder = new();
    private TestStore _store = null!;
    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _store = new TestStore(Path.Combine(_folder.Path, "store"));
        await _store.MigrateAsync();
        _connector = await LoopbackConnector.StartAsync();
        await using var db = _store.Open();
        var seed = await DraftingSeed.CreateAsync(db, [], DraftingSeed.HaTinh);
        var first = ReportOutline.For(seed.Campaign.Sections, seed.Unit).First(e => e.IsWritable && !e.IsIndicatorTable);
        for (var i = 0; i < Drafters; i++)
        {
            // Each drafter has a unit of their own, its report left at the first section: typed paragraphs go in at once.
            var unit = new Unit { Id = Guid.NewGuid(), CampaignId = seed.Campaign.Id, Name = $"Chi bộ số {i + 1}", GroupId = seed.Unit.GroupId, LeaderPersonId = seed.Leader.Id, CreatedAtUtc = DateTime.UtcNow };
            var person = new Person { Id = Guid.NewGuid(), DisplayName = $"Đảng viên {i + 1}", ChannelId = ChannelIds.Emulator, ChannelUserId = $"user-{i}", CreatedAtUtc = DateTime.UtcNow };
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
            db.People.Add(person);
            db.Units.Add(unit);
            db.Reports.Add(new Report { Id = Guid.NewGuid(), CampaignId = seed.Campaign.Id, UnitId = unit.Id, LastSectionId = first.Id, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow });
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Every_acknowledged_paragraph_survives_a_kill_9_of_the_bot()
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Store__Provider"] = _store.StoreProvider.Name,
            ["Store__ConnectionString"] = _store.ConnectionString,
            ["Store__DataDirectory"] = _folder.Path,
            ["Reminders__PlannerEnabled"] = "false",
            ["Reminders__SenderEnabled"] = "false",
        };
        using var bot = BotProcess.Start(environment, $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilServingAsync(http, bot);

        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var drafters = Enumerable.Range(0, Drafters).Select(i => Task.Run(async () =>
        {
            var conversation = $"durability-{i}-{Guid.NewGuid():N}";
            await PostAsync(http, Activity(conversation, i, "soạn báo cáo"), CancellationToken.None);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var paragraph = $"Đoạn {n} của đảng viên {i + 1}: chi bộ đã quán triệt nghị quyết, tổ chức học tập nghiêm túc, có kế hoạch cụ thể.";
                try
                {
                    if (await PostAsync(http, Activity(conversation, i, paragraph), stop.Token) == HttpStatusCode.OK)
                        acknowledged.Add(paragraph);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return; // the bot died under this turn: it was never acknowledged
                }
            }
        })).ToArray();

        // Let turns flow, then kill the process in the middle of them.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (acknowledged.Count < 40 && DateTime.UtcNow < deadline && !bot.HasExited)
            await Task.Delay(50);
        bot.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(drafters);

        Assert.True(acknowledged.Count >= 10, $"only {acknowledged.Count} turns were acknowledged before the kill: {bot.Tail}");
        await using var db = _store.Open();
        var stored = (await db.SectionRevisions.Select(r => r.Text).ToListAsync()).ToHashSet();
        var lost = acknowledged.Where(p => !stored.Contains(p)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged paragraphs were lost, e.g. «{lost.FirstOrDefault()}»");
    }

    private Activity Activity(string conversation, int user, string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = ChannelIds.Emulator,
        ServiceUrl = _connector.ServiceUrl,
        From = new ChannelAccount { Id = $"user-{user}", Name = $"Đảng viên {user + 1}" },
        Recipient = new ChannelAccount { Id = "bot", Name = "Trợ lý sơ kết" },
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal" },
        Text = text,
        Locale = "vi-VN",
    };

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Activity activity, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("api/messages",
            new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"), cancellationToken);
        return response.StatusCode;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, BotProcess bot)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (bot.HasExited)
                throw new InvalidOperationException("The bot process exited: " + bot.Tail);
            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The bot did not start: " + bot.Tail);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
