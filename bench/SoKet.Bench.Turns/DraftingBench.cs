using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.People;
using SoKet.Bot.Reports;

namespace SoKet.Bench.Turns;

/// <summary>
/// SoKet's own drafting benchmark: N concurrent drafting conversations in Teams shape through POST
/// /api/messages, each writing the whole Hà Tĩnh reference outline on cards (Action.Execute), five
/// indicator rows and submitting; replies go to a loopback Connector started here.
/// </summary>
internal static class DraftingBench
{
    public static async Task<int> RunAsync(Options options)
    {
        var conversations = options.Int("conversations", 20);
        // Rounds run one after another against the same bot, each with conversations of its own (new users, new
        // units): the first round meets a cold bot, the later ones a bot warmed by the turns before them.
        var rounds = options.Int("rounds", 1);
        var dll = options.String("bot") ?? BotProcess.DefaultDll();
        var keep = options.Flag("keep");
        var botLog = options.String("bot-log");
        using var cancel = new CancellationTokenSource();
        await using var store = await BenchStore.CreateAsync(options, cancel.Token);
        options.RejectUnknown();
        store.Keep = keep;

        var users = await SeedAsync(store, conversations * rounds);
        await using var connector = await LoopbackConnector.StartAsync();
        await using var bot = BotProcess.Start(dll, store, BotProcess.FreePort(), botLog);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await bot.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancel.Token);
        Console.WriteLine($"store: {store.Label}; bot pid {bot.Pid} on {bot.MessagesUrl}");

        double[] sorted = [];
        var wall = new Stopwatch();
        for (var round = 0; round < rounds; round++)
        {
            var latencies = new ConcurrentBag<double>();
            var first = round * conversations;
            wall.Restart();
            await Task.WhenAll(users.Skip(first).Take(conversations)
                .Select((user, i) => Task.Run(() => new Drafter(http, connector, user, first + i, latencies).RunAsync())));
            wall.Stop();
            sorted = [.. latencies.Order()];
            if (rounds > 1)
                Console.WriteLine($"round {round + 1}: {sorted.Length} turns, {sorted.Length / wall.Elapsed.TotalSeconds:F1} turns/s, " +
                    $"p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms");
        }
        await bot.KillAsync();

        var counts = await StoreCounts.ReadAsync(store, CancellationToken.None);
        Console.WriteLine($"conversations: {conversations * rounds}; reports submitted: {counts.ReportsSubmitted}; section revisions: {counts.SectionRevisions}; indicator rows: {counts.IndicatorRows}");
        var last = rounds > 1 ? $" (round {rounds})" : "";
        Console.WriteLine($"turns{last}: {sorted.Length} in {wall.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"throughput{last}: {sorted.Length / wall.Elapsed.TotalSeconds:F1} turns/s");
        Console.WriteLine($"latency p50{last}: {Percentile(sorted, 0.50):F1} ms; p99: {Percentile(sorted, 0.99):F1} ms; max: {sorted[^1]:F1} ms");
        if (bot.Errors > 0)
            Console.WriteLine($"bot logged {bot.Errors} error(s){(bot.LogPath is null ? "" : $"; see {bot.LogPath}")}");
        return 0;
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    internal static string SeedFile() =>
        Path.Combine(BotProcess.RepositoryRoot(), "SoKet.Bot.Tests", "TestData", "seeds", "ke-hoach-150-KH-TU-ha-tinh-2023.txt");

    /// <summary>The Hà Tĩnh plan as an open campaign, its reading changed by <paramref name="adjust"/> when given.</summary>
    internal static async Task<Campaign> CampaignAsync(Func<PlanExtraction, PlanExtraction>? adjust = null)
    {
        var file = SeedFile();
        var text = await File.ReadAllTextAsync(file);
        var extraction = PlanImporter.Extract(text);
        return CampaignFactory.Create(adjust is null ? extraction : adjust(extraction), text, Path.GetFileName(file), "bench", DateTime.UtcNow);
    }

    private static async Task<List<string>> SeedAsync(BenchStore store, int count)
    {
        var campaign = await CampaignAsync();
        await using var db = store.Open();
        db.Campaigns.Add(campaign);
        var group = campaign.Groups.OrderBy(g => g.Order).First(g => !g.IsIssuer);
        var users = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var userId = $"29:1bench-user-{i:D4}";
            var person = new Person { Id = Guid.NewGuid(), DisplayName = $"Đảng viên {i + 1}", ChannelId = "msteams", ChannelUserId = userId, CreatedAtUtc = DateTime.UtcNow };
            var unit = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = $"Chi bộ số {i + 1}", GroupId = group.Id, CreatedAtUtc = DateTime.UtcNow };
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
            db.People.Add(person);
            db.Units.Add(unit);
            users.Add(userId);
        }
        await db.SaveChangesAsync();
        return users;
    }
}

/// <summary>One drafter in Teams: types "soạn báo cáo", then presses the card buttons (Action.Execute) until the report is submitted.</summary>
internal sealed class Drafter(HttpClient http, LoopbackConnector connector, string userId, int index, ConcurrentBag<double> latencies)
{
    private readonly string _conversationId = $"a:1bench-{index:D4}@unq.gbl.spaces";

    public async Task RunAsync()
    {
        await PostAsync(Activity("message", a => a["text"] = "soạn báo cáo"));
        var card = connector.LastCard(_conversationId) ?? throw new InvalidOperationException("No overview card.");
        card = await PressAsync(card, "Soạn tiếp");
        var indicators = 0;
        for (var turn = 0; turn < 200; turn++)
        {
            if (Find(card, "Lưu và tiếp tục") is not null)
                card = await PressAsync(card, "Lưu và tiếp tục", new JsonObject { ["text"] = $"Nội dung mục, lượt {turn}: đơn vị đã lãnh đạo thực hiện tốt nhiệm vụ, các chỉ tiêu cơ bản đạt và vượt kế hoạch." });
            else if (Find(card, "Lưu chỉ tiêu") is not null && indicators < 5)
                card = await PressAsync(card, "Lưu chỉ tiêu", Indicator(indicators++));
            else if (Find(card, "Xác nhận nộp") is not null)
            {
                await PressAsync(card, "Xác nhận nộp");
                return;
            }
            else if (Find(card, "Lưu chỉ tiêu") is not null)
                card = await PressAsync(card, "Mục lục báo cáo");
            else if (indicators < 5)
                card = await PressAsync(card, "Phụ lục chỉ tiêu");
            else
                card = await PressAsync(card, "Nộp báo cáo");
        }
        throw new InvalidOperationException($"Conversation {index} did not reach submission.");
    }

    private static JsonObject Indicator(int i) => new()
    {
        ["name"] = $"Chỉ tiêu số {i + 1}", ["unitOfMeasure"] = i % 2 == 0 ? "%" : "đảng viên",
        ["target"] = "1.000", ["result"] = "95,5", ["estimate"] = "1.234,5", ["lowerIsBetter"] = i == 4 ? "true" : "false",
    };

    private async Task<JsonObject> PressAsync(JsonObject card, string title, JsonObject? inputs = null)
    {
        var data = (Find(card, title) ?? throw new InvalidOperationException($"No button «{title}»."))["data"]!.DeepClone().AsObject();
        foreach (var (key, value) in inputs ?? [])
            data[key] = value?.DeepClone();
        var body = await PostAsync(Activity("invoke", a =>
        {
            a["name"] = "adaptiveCard/action";
            a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "drafting", ["data"] = data }, ["trigger"] = "manual" };
        }));
        var response = JsonNode.Parse(body)!;
        return response["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive"
            ? response["value"]!.AsObject()
            : throw new InvalidOperationException($"«{title}» was answered with {body}");
    }

    private async Task<string> PostAsync(JsonObject activity)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        response.EnsureSuccessStatusCode();
        return body;
    }

    private JsonObject Activity(string type, Action<JsonObject> configure)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = "1:" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Đảng viên" },
            ["recipient"] = new JsonObject { ["id"] = "28:soket-local", ["name"] = "Trợ lý sơ kết" },
            ["conversation"] = new JsonObject { ["id"] = _conversationId, ["conversationType"] = "personal", ["tenantId"] = "bench" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench" } },
            ["locale"] = "vi-VN",
        };
        configure(activity);
        return activity;
    }

    internal static JsonObject? Find(JsonNode? node, string title)
    {
        switch (node)
        {
            case JsonObject o when o["type"]?.GetValue<string>() is "Action.Submit" or "Action.Execute" && o["title"]?.GetValue<string>() is { } t && t.StartsWith(title, StringComparison.Ordinal):
                return o;
            case JsonObject o:
                foreach (var (_, child) in o)
                    if (Find(child, title) is { } found)
                        return found;
                return null;
            case JsonArray a:
                foreach (var child in a)
                    if (Find(child, title) is { } found)
                        return found;
                return null;
            default:
                return null;
        }
    }
}

