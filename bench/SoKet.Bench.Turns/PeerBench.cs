using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Chat;
using SoKet.Bot.Drafting;
using SoKet.Bot.Reports;
using SoKet.Bot.People;

namespace SoKet.Bench.Turns;

/// <summary>
/// SoKet in the shape Microsoft's JavaScript Bot Builder peer runs (../shared/peer-bench): its driver.js
/// posts N conversations × K typed messages (emulator channel, users user-0 … user-(N-1), a new
/// conversation id per run) and ends each turn at the first message activity the bot sends back.
/// For SoKet, message 1 («soạn báo cáo») opens the unit's report at its first section and every further
/// message is a section paragraph, saved into the open section before the bot answers.
/// </summary>
internal static class PeerBench
{
    /// <summary>The messages driver.js sends for SoKet (turn k sends line k mod lines), next to this program.</summary>
    public static string MessagesSource() => Path.Combine(AppContext.BaseDirectory, "messages.txt");

    /// <summary>
    /// peer-seed: a fresh store with N units whose members are the driver's users, the bot started on it;
    /// prints key=value lines (url, pid, messages, …, then "ready") and serves until SIGTERM/SIGINT, then
    /// kills the bot (SIGKILL) and prints what the store holds (section_revisions=…, …).
    /// </summary>
    public static async Task<int> SeedAndServeAsync(Options options)
    {
        var conversations = options.Int("conversations", 20);
        var channel = options.String("channel") ?? "emulator";
        var port = options.Int("port", 0, min: 0);
        var dll = options.String("bot") ?? BotProcess.DefaultDll();
        var botLog = options.String("bot-log");
        var messagesPath = options.String("messages");
        var maxSeconds = options.Int("max-seconds", 3600);
        var keep = options.Flag("keep");

        var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult("SIGTERM"); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult("SIGINT"); });
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; stop.TrySetResult("SIGHUP"); });
        using var cancel = new CancellationTokenSource();

        await using var store = await BenchStore.CreateAsync(options, cancel.Token);
        options.RejectUnknown();
        store.Keep = keep;
        var lines = ReadMessages(MessagesSource());
        messagesPath = Path.GetFullPath(messagesPath ?? Path.Combine(store.DataDirectory, "messages.txt"));
        if (!string.Equals(messagesPath, MessagesSource(), StringComparison.Ordinal))
            await File.WriteAllLinesAsync(messagesPath, lines, new UTF8Encoding(false));

        var (opened, firstSection) = await SeedAsync(store, conversations, channel);
        await using var bot = BotProcess.Start(dll, store, port == 0 ? BotProcess.FreePort() : port, botLog);
        await bot.WaitHealthyAsync(TimeSpan.FromSeconds(120), cancel.Token);

        Console.WriteLine($"url={bot.MessagesUrl}");
        Console.WriteLine($"pid={bot.Pid}");
        Console.WriteLine($"messages={messagesPath}");
        Console.WriteLine($"message_lines={lines.Count}");
        Console.WriteLine($"conversations={conversations}");
        Console.WriteLine($"channel={channel}");
        Console.WriteLine($"store={store.Label}");
        if (bot.LogPath is not null)
            Console.WriteLine($"bot_log={bot.LogPath}");
        Console.WriteLine("ready");
        await Console.Error.WriteLineAsync(
            $"SoKet (pid {bot.Pid}) serves {bot.MessagesUrl}; {conversations} units open at «{opened}». Drive it with\n" +
            $"  node /tmp/peer-bench/driver.js {bot.MessagesUrl} {conversations} {lines.Count} {messagesPath} {channel}\n" +
            $"then stop with Ctrl+C or kill -TERM {Environment.ProcessId}: the bot is killed and the store counted.");

        // SIGUSR1 (after a warm-up run, while the bot is idle): the reports go back to where they were seeded, so the
        // next run saves its paragraphs into the same sections as the first one did instead of running past the
        // outline's end, where typed text only gets a hint. What was stored so far is counted first.
        var carried = 0;
        using var resets = new SemaphoreSlim(0);
        using var sigusr1 = PosixSignalRegistration.Create((PosixSignal)10, c => { c.Cancel = true; resets.Release(); });
        var resetting = Task.Run(async () =>
        {
            while (!cancel.IsCancellationRequested)
            {
                await resets.WaitAsync(cancel.Token);
                var revisions = await ResetAsync(store, firstSection, cancel.Token);
                carried += revisions;
                Console.WriteLine($"reset revisions={revisions}");
            }
        }, cancel.Token);

        var exited = bot.ExitedAsync(cancel.Token);
        var finished = await Task.WhenAny(stop.Task, exited, Task.Delay(TimeSpan.FromSeconds(maxSeconds), cancel.Token));
        // Ctrl+C in a terminal reaches the bot too; a stop that was asked for counts as one.
        var status = stop.Task.IsCompleted ? 0 : finished == exited ? 1 : 2;
        await Console.Error.WriteLineAsync(status switch
        {
            0 => $"Stopping on {stop.Task.Result}.",
            1 => "The bot exited by itself.",
            _ => $"Stopping after --max-seconds {maxSeconds}.",
        });
        await cancel.CancelAsync();
        await bot.KillAsync();
        await resetting.ContinueWith(_ => { }, TaskScheduler.Default);

        var counts = await StoreCounts.ReadAsync(store, CancellationToken.None);
        Console.WriteLine($"section_revisions={counts.SectionRevisions + carried}");
        Console.WriteLine($"section_drafts={counts.SectionDrafts}");
        Console.WriteLine($"processed_activities={counts.ProcessedActivities}");
        Console.WriteLine($"reports_drafting={counts.ReportsDrafting}");
        Console.WriteLine($"bot_errors={bot.Errors}");
        Console.WriteLine($"bot_warnings={bot.Warnings}");
        Console.WriteLine("stopped");
        return status;
    }

    /// <summary>
    /// peer-check: the driver's conversation shape with a recording Connector, to see what SoKet answers:
    /// replies per turn, their kinds, and whether every paragraph was saved. Exit code 1 when a turn got no
    /// message reply, the bot logged an error or the revisions are not what the turns should have saved.
    /// </summary>
    public static async Task<int> CheckAsync(Options options)
    {
        var conversations = options.Int("conversations", 1);
        var channel = options.String("channel") ?? "emulator";
        var dll = options.String("bot") ?? BotProcess.DefaultDll();
        var botLog = options.String("bot-log");
        var keep = options.Flag("keep");
        var lines = ReadMessages(MessagesSource());
        var turns = options.Int("turns", lines.Count);
        using var cancel = new CancellationTokenSource();
        await using var store = await BenchStore.CreateAsync(options, cancel.Token);
        options.RejectUnknown();
        store.Keep = keep;

        var (opened, _) = await SeedAsync(store, conversations, channel);
        await using var connector = await LoopbackConnector.StartAsync(record: true);
        await using var bot = BotProcess.Start(dll, store, BotProcess.FreePort(), botLog);
        await bot.WaitHealthyAsync(TimeSpan.FromSeconds(120), cancel.Token);
        Console.WriteLine($"store: {store.Label}; bot pid {bot.Pid}; {conversations} × {turns} turns; units open at «{opened}»");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var results = new ConcurrentBag<TurnRecord>();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(c => Task.Run(async () =>
        {
            var conversationId = $"bench-{c}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            for (var k = 0; k < turns; k++)
            {
                var text = lines[k % lines.Count];
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(bot.MessagesUrl,
                    new StringContent(DriverActivity(channel, connector.ServiceUrl, c, conversationId, text).ToJsonString(), Encoding.UTF8, "application/json"));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                // SoKet sends a turn's replies before it answers the POST, so they are all here by now.
                results.Add(new TurnRecord(c, k, text, (int)response.StatusCode, elapsed, connector.TakeActivities(conversationId)));
            }
        })));
        await bot.KillAsync();
        var counts = await StoreCounts.ReadAsync(store, CancellationToken.None);

        var all = results.OrderBy(r => r.Conversation).ThenBy(r => r.Turn).ToList();
        foreach (var turn in all.Where(r => r.Conversation == 0))
        {
            Console.WriteLine($"turn {turn.Turn + 1,2} «{Shorten(turn.Text, 40)}» → HTTP {turn.Status}, {turn.Elapsed:F0} ms, {turn.Messages.Count} message(s):");
            foreach (var activity in turn.Replies)
                Console.WriteLine($"          {Describe(activity)}");
        }

        var expected = conversations * ParagraphTurns(turns, lines.Count);
        var silent = all.Count(r => r.Messages.Count == 0);
        var replies = all.GroupBy(r => r.Messages.Count).OrderBy(g => g.Key).Select(g => $"{g.Key} message(s): {g.Count()} turns");
        var firsts = all.Where(r => r.Messages.Count > 0).GroupBy(r => Kind(r.Messages[0])).Select(g => $"{g.Key}: {g.Count()}");
        Console.WriteLine();
        Console.WriteLine($"turns: {all.Count}; replies per turn: {string.Join("; ", replies)}");
        Console.WriteLine($"first message of a turn (where driver.js stops the clock): {string.Join("; ", firsts)}");
        Console.WriteLine($"section revisions: {counts.SectionRevisions} (expected {expected}: one per paragraph turn); processed activities: {counts.ProcessedActivities}");
        Console.WriteLine($"bot errors: {bot.Errors}; warnings: {bot.Warnings}");
        var ok = silent == 0 && bot.Errors == 0 && counts.SectionRevisions == expected && all.All(r => r.Status < 300);
        Console.WriteLine(ok ? "OK: every turn answered, every paragraph saved." : "NOT OK: see above.");
        return ok ? 0 : 1;
    }

    /// <summary>Turns 0 … turns-1 of which those with k mod lines ≠ 0 send a paragraph (line 0 opens the report).</summary>
    public static int ParagraphTurns(int turns, int lines) => turns - (turns + lines - 1) / lines;

    private static List<string> ReadMessages(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2 || lines[0] != "soạn báo cáo")
            throw new InvalidOperationException($"{path}: line 1 must be «soạn báo cáo», followed by section paragraphs.");
        return lines;
    }

    /// <summary>
    /// The Hà Tĩnh campaign; per driver user an identity (channel, user-i), a unit with that person as drafter,
    /// and the unit's report left at its first writable section, so «soạn báo cáo» opens that section and
    /// typed paragraphs are saved into it (a new report would open on the overview, where typing only gets a hint).
    /// </summary>
    private static async Task<(string Title, Guid SectionId)> SeedAsync(BenchStore store, int count, string channel)
    {
        var campaign = await PeerCampaignAsync();
        var now = DateTime.UtcNow;
        await using var db = store.Open();
        db.Campaigns.Add(campaign);
        var group = campaign.Groups.OrderBy(g => g.Order).First(g => !g.IsIssuer);
        OutlineEntry? first = null;
        for (var i = 0; i < count; i++)
        {
            var person = new Person { Id = Guid.NewGuid(), DisplayName = $"Đảng viên {i + 1}", ChannelId = channel, ChannelUserId = $"user-{i}", CreatedAtUtc = now };
            var unit = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = $"Chi bộ số {i + 1}", GroupId = group.Id, CreatedAtUtc = now };
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
            first = ReportOutline.For(campaign.Sections, unit).First(e => e.IsWritable && !e.IsIndicatorTable);
            db.People.Add(person);
            db.Units.Add(unit);
            db.Reports.Add(new Report
            {
                Id = Guid.NewGuid(), CampaignId = campaign.Id, UnitId = unit.Id, Status = ReportStatus.NotStarted,
                LastSectionId = first.Id, CreatedAtUtc = now, UpdatedAtUtc = now,
            });
        }
        await db.SaveChangesAsync();
        return (first?.Title ?? "", first?.Id ?? Guid.Empty);
    }

    /// <summary>Deletes the sections' texts and revisions and puts every report back at <paramref name="firstSection"/>; returns the revisions deleted.</summary>
    private static async Task<int> ResetAsync(BenchStore store, Guid firstSection, CancellationToken cancellationToken)
    {
        await using var db = store.Open();
        var revisions = await db.SectionRevisions.CountAsync(cancellationToken);
        await db.SectionRevisions.ExecuteDeleteAsync(cancellationToken);
        await db.SectionDrafts.ExecuteDeleteAsync(cancellationToken);
        await db.Reports.ExecuteUpdateAsync(r => r
            .SetProperty(x => x.LastSectionId, (Guid?)firstSection)
            .SetProperty(x => x.Status, ReportStatus.NotStarted), cancellationToken);
        return revisions;
    }

    /// <summary>
    /// The Hà Tĩnh campaign with a part of free-text sections put before its outline. The peer's shape is "every
    /// turn a paragraph saved, answered by the next section's card"; Hà Tĩnh has 17 text sections, fewer than the
    /// driver's paragraphs (25 at 27 turns), and past the last one typed text only gets a hint — a cheaper turn
    /// that would flatter SoKet's figures.
    /// </summary>
    private static Task<Campaign> PeerCampaignAsync() => DraftingBench.CampaignAsync(extraction =>
    {
        var extra = "A. Tình hình chung của đơn vị\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"  {i}. Nội dung thứ {i}\n"));
        var outline = OutlineText.ParseIfChanged(extra + OutlineText.Format(extraction.Outline), extraction.Outline)
            ?? throw new InvalidOperationException("The bench outline did not parse.");
        return extraction with { Outline = outline };
    });

    /// <summary>Exactly what driver.js posts.</summary>
    private static JsonObject DriverActivity(string channel, string serviceUrl, int conversation, string conversationId, string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = channel,
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = $"user-{conversation}", ["name"] = "Người dùng" },
        ["recipient"] = new JsonObject { ["id"] = "bot", ["name"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["text"] = text,
        ["locale"] = "vi-VN",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    };

    private static string Kind(JsonObject activity) =>
        activity["attachments"] is JsonArray { Count: > 0 } ? "card" : activity["type"]?.GetValue<string>() == "message" ? "text" : activity["type"]?.GetValue<string>() ?? "?";

    private static string Describe(JsonObject activity)
    {
        var kind = Kind(activity);
        var size = Encoding.UTF8.GetByteCount(activity.ToJsonString());
        var label = kind == "card" ? activity["summary"]?.GetValue<string>() ?? "" : activity["text"]?.GetValue<string>() ?? "";
        return $"{kind,-6} {size,6:N0} B  «{Shorten(label, 70)}»";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed record TurnRecord(int Conversation, int Turn, string Text, int Status, double Elapsed, List<JsonObject> Replies)
    {
        public List<JsonObject> Messages { get; } = Replies.Where(a => a["type"]?.GetValue<string>() == "message").ToList();
    }
}
