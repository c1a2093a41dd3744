using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reports;

// Drives N concurrent drafting conversations through POST /api/messages of the real bot (the built
// SoKet.Bot.dll, local mode, its own SQLite file), each writing the whole Hà Tĩnh reference outline,
// five indicator rows and submitting; replies go to a loopback Connector started here.
// Usage: dotnet run -c Release --project bench/SoKet.Bench.Turns -- [conversations=20]
var conversations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var repo = FindRepositoryRoot();
var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
var botDll = Path.Combine(repo, "SoKet.Bot", "bin", configuration, "net10.0", "SoKet.Bot.dll");
var seed = Path.Combine(repo, "SoKet.Bot.Tests", "TestData", "seeds", "ke-hoach-150-KH-TU-ha-tinh-2023.txt");
var dataDir = Path.Combine(Path.GetTempPath(), "soket-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dataDir);
var dbPath = Path.Combine(dataDir, "soket.db");

await using var connector = await LoopbackConnector.StartAsync();
var botPort = FreePort();
using var bot = StartBot(botDll, botPort, dbPath, dataDir);
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{botPort}/"), Timeout = TimeSpan.FromSeconds(60) };
await WaitHealthyAsync(http);
var users = await SeedAsync(dbPath, seed, conversations);

var latencies = new ConcurrentBag<double>();
var wall = Stopwatch.StartNew();
await Task.WhenAll(users.Select((user, i) => Task.Run(() => new Drafter(http, connector, user, i, latencies).RunAsync())));
wall.Stop();

var sorted = latencies.Order().ToArray();
await using (var db = Open(dbPath))
{
    var submitted = await db.Reports.CountAsync(r => r.Status == ReportStatus.Submitted);
    var revisions = await db.SectionRevisions.CountAsync();
    var rows = await db.IndicatorRows.CountAsync();
    Console.WriteLine($"conversations: {conversations}; reports submitted: {submitted}; section revisions: {revisions}; indicator rows: {rows}");
}
Console.WriteLine($"turns: {sorted.Length} in {wall.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"throughput: {sorted.Length / wall.Elapsed.TotalSeconds:F1} turns/s");
Console.WriteLine($"latency p50: {Percentile(sorted, 0.50):F1} ms; p99: {Percentile(sorted, 0.99):F1} ms; max: {sorted[^1]:F1} ms");

bot.Kill(entireProcessTree: true);
await bot.WaitForExitAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { /* left for the OS to clean */ }
return 0;

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "SoKet.sln")))
            return dir.FullName;
    throw new InvalidOperationException("Run the benchmark from a build inside the SoKet repository.");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static Process StartBot(string dll, int port, string dbPath, string dataDir)
{
    if (!File.Exists(dll))
        throw new FileNotFoundException($"Build the bot first (dotnet build -c Release SoKet.sln): {dll} is missing.");
    var info = new ProcessStartInfo("dotnet", [dll])
    {
        WorkingDirectory = Path.GetDirectoryName(dll)!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    info.Environment["Urls"] = $"http://127.0.0.1:{port}";
    info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    info.Environment["Store__ConnectionString"] = $"Data Source={dbPath}";
    info.Environment["Store__DataDirectory"] = dataDir;
    info.Environment["Logging__LogLevel__Default"] = "Warning";
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && line.Contains("fail", StringComparison.Ordinal)) Console.Error.WriteLine(line); };
    process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine(e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitHealthyAsync(HttpClient http)
{
    for (var attempt = 0; attempt < 150; attempt++)
    {
        try
        {
            if ((await http.GetAsync("healthz")).IsSuccessStatusCode)
                return;
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }
        await Task.Delay(200);
    }
    throw new TimeoutException("The bot did not become healthy within 30 s.");
}

static SoKetDbContext Open(string dbPath) =>
    StoreProvider.Sqlite.CreateContext($"Data Source={dbPath}");

static async Task<List<string>> SeedAsync(string dbPath, string seedFile, int count)
{
    var text = await File.ReadAllTextAsync(seedFile);
    var campaign = CampaignFactory.Create(PlanImporter.Extract(text), text, Path.GetFileName(seedFile), "bench", DateTime.UtcNow);
    await using var db = Open(dbPath);
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

/// <summary>A Bot Connector on loopback: accepts the bot's replies and keeps each conversation's last card.</summary>
internal sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _cards = new();

    private LoopbackConnector(Microsoft.AspNetCore.Builder.WebApplication app, string serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
    }

    public string ServiceUrl { get; }

    public JsonObject? LastCard(string conversationId) => _cards.GetValueOrDefault(conversationId);

    public static async Task<LoopbackConnector> StartAsync()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var connector = new LoopbackConnector(app, $"http://127.0.0.1:{port}/");
        app.MapPost("/v3/conversations/{**rest}", async (Microsoft.AspNetCore.Http.HttpContext context) =>
        {
            var activity = await JsonNode.ParseAsync(context.Request.Body);
            var conversation = activity?["conversation"]?["id"]?.GetValue<string>();
            if (conversation is not null && activity?["attachments"]?[0]?["content"] is JsonObject card)
                connector._cards[conversation] = card;
            return Microsoft.AspNetCore.Http.Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
