using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.People;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Cli;

/// <summary>
/// `backup` while drafters keep saving sections through the running bot (SQLite), `restore` refused while the bot
/// runs, then, once it is stopped, restored: every section the bot had acknowledged before the backup began is in
/// the restored store, and a bot starts on it.
/// </summary>
public sealed class BackupRestoreCommandTests : IDisposable
{
    private const int Drafters = 4;
    private const int SavesEach = 12;
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_backup_taken_under_drafting_load_restores_everything_acknowledged_before_it()
    {
        var bot = new BotApp { KeepDataOnDispose = true };
        var settings = $"--Store:ConnectionString={bot.StoreConnectionString}";
        var chats = new List<DraftingChat>();
        DraftingSeed? seed = null;
        for (var d = 0; d < Drafters; d++)
        {
            var chat = await DraftingChat.OpenAsync(bot);
            await using (var db = bot.OpenStore())
            {
                if (seed is null)
                    seed = await DraftingSeed.CreateAsync(db, [(chat.Client.UserId, $"Người soạn {d}")], DraftingSeed.HaTinh);
                else
                {
                    // A unit of its own for each drafter, in the same campaign: each writes its own report.
                    var person = new SoKet.Bot.People.Person { Id = Guid.NewGuid(), DisplayName = $"Người soạn {d}", ChannelId = SoKet.Bot.Protocol.ChannelIds.WebChat, ChannelUserId = chat.Client.UserId };
                    var unit = new SoKet.Bot.Campaigns.Unit { Id = Guid.NewGuid(), CampaignId = seed.Campaign.Id, Name = $"Chi bộ số {d}", GroupId = seed.Unit.GroupId };
                    unit.Members.Add(new SoKet.Bot.Campaigns.UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = SoKet.Bot.Campaigns.MemberRole.Drafter });
                    db.People.Add(person);
                    db.Units.Add(unit);
                    await db.SaveChangesAsync();
                }
            }
            await chat.SayAsync("soạn báo cáo");
            if (FindAction(chat.Card!, "Soạn tiếp") is not null)
                await chat.PressAsync("Soạn tiếp");
            chats.Add(chat);
        }

        // Each save is acknowledged by the bot's «Đã lưu mục» answer; the moment of each acknowledgement is kept.
        // Sent is when the save was asked for: a save asked for after the backup ended cannot be in it (one acknowledged
        // after it ended may be: it can commit before the backup's snapshot and have its answer delivered later).
        var acknowledged = new ConcurrentBag<(string Text, long At, long Sent)>();
        var load = chats.Select((chat, d) => Task.Run(async () =>
        {
            for (var n = 1; n <= SavesEach; n++)
            {
                var text = $"Người soạn {d}, đoạn {n}: kết quả lãnh đạo thực hiện nghị quyết trong kỳ.";
                if (FindAction(chat.Card!, "Lưu và tiếp tục") is null)
                    break;
                var sent = Stopwatch.GetTimestamp();
                var replies = await chat.PressAsync("Lưu và tiếp tục", new { text });
                if (Texts(replies).Contains("Đã lưu mục", StringComparison.Ordinal))
                    acknowledged.Add((text, Stopwatch.GetTimestamp(), sent));
            }
        })).ToArray();

        var giveUp = Stopwatch.StartNew();
        while (acknowledged.Count < Drafters * 3)
        {
            if (load.FirstOrDefault(t => t.IsFaulted) is { } failed)
                await failed;
            Assert.True(giveUp.Elapsed < TimeSpan.FromSeconds(60), $"Only {acknowledged.Count} saves acknowledged after 60 s.");
            await Task.Delay(20);
        }
        var backupPath = Path.Combine(_folder.Path, "sao-luu", "soket-backup.db");
        var beforeBackup = Stopwatch.GetTimestamp();
        var backup = await RunAsync("backup", backupPath, settings);
        var afterBackup = Stopwatch.GetTimestamp();
        var refused = await RunAsync("restore", backupPath, settings);
        var savedDuringBackup = acknowledged.Count(a => a.At > beforeBackup && a.At < afterBackup);
        await Task.WhenAll(load);

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("Kiểm tra toàn vẹn: đạt", backup.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("đang chạy trên cơ sở dữ liệu", refused.Error);
        Assert.True(acknowledged.Count(a => a.Sent > afterBackup) > 0, "The load ended before the backup did: nothing was written after it.");
        // A second backup to the same file is refused, the first left as it was.
        Assert.Equal(1, (await RunAsync("backup", backupPath, settings)).ExitCode);

        var directory = bot.DataDirectory;
        bot.Dispose();
        var restore = await RunAsync("restore", backupPath, settings);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("Đã khôi phục", restore.Output);

        using var restarted = new BotApp(directory);
        using var client = restarted.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        await using var store = restarted.OpenStore();
        var stored = await store.SectionDrafts.Select(s => s.Text).ToListAsync();
        var expected = acknowledged.Where(a => a.At < beforeBackup).Select(a => a.Text).ToList();
        var missing = expected.Where(text => !stored.Any(s => s.Contains(text, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {expected.Count} sections acknowledged before the backup are missing: {string.Join(" | ", missing)}");
        Assert.True(expected.Count >= Drafters * 3);
        // What was acknowledged after the backup ended is not in it: the backup is one moment of the store.
        var later = acknowledged.Where(a => a.Sent > afterBackup).Select(a => a.Text).ToList();
        Assert.DoesNotContain(later, text => stored.Any(s => s.Contains(text, StringComparison.Ordinal)));
        Console.WriteLine($"backup under load: {acknowledged.Count} saves acknowledged, {expected.Count} before the backup (all restored), " +
                          $"{savedDuringBackup} during it, {later.Count} after it; backup took {Stopwatch.GetElapsedTime(beforeBackup, afterBackup).TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing()
    {
        var store = Path.Combine(_folder.Path, "soket.db");
        var notBackup = Path.Combine(_folder.Path, "ghi-chu.db");
        await File.WriteAllTextAsync(notBackup, "không phải cơ sở dữ liệu");

        var result = await RunAsync("restore", notBackup, $"--Store:ConnectionString=Data Source={store}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("không phải bản sao lưu dùng được", result.Error);
        Assert.False(File.Exists(store));
    }

    [Theory]
    [InlineData("/./")]
    [InlineData("//")]
    [InlineData("/../data/")]
    [InlineData("folder link")]
    [InlineData("file link")]
    public async Task Restore_refuses_the_live_store_under_another_spelling_and_leaves_it_as_it_was(string spelling)
    {
        var data = Path.Combine(_folder.Path, "data");
        var storeFile = await CreateStoreAsync(data, campaigns: 1);
        var before = await File.ReadAllBytesAsync(storeFile);
        var backup = spelling switch
        {
            "folder link" => Path.Combine(Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "data-link"), data).FullName, "soket.db"),
            "file link" => File.CreateSymbolicLink(Path.Combine(_folder.Path, "soket-link.db"), storeFile).FullName,
            _ => data + spelling + "soket.db",
        };

        var result = await RunAsync("restore", backup, "--Store:Provider=SQLite", $"--Store:DataDirectory={data}");

        Assert.Equal((1, ""), (result.ExitCode, result.Output));
        Assert.Equal("Tệp sao lưu chính là cơ sở dữ liệu đang dùng; không thay đổi gì." + Environment.NewLine, result.Error);
        Assert.Equal(before, await File.ReadAllBytesAsync(storeFile));
        // Reading it as a backup may leave SQLite's empty log files beside it; nothing was moved aside or staged.
        Assert.DoesNotContain(Directory.GetFiles(data), f => Path.GetFileName(f).Contains("restor", StringComparison.Ordinal));
        Assert.Equal(1, await CampaignsAsync(storeFile));
    }

    [Fact]
    public async Task Restore_puts_the_backup_in_place_and_keeps_the_store_it_replaced()
    {
        var data = Path.Combine(_folder.Path, "data");
        var storeFile = await CreateStoreAsync(data, campaigns: 1);
        var settings = new[] { "--Store:Provider=SQLite", $"--Store:DataDirectory={data}" };
        var backup = Path.Combine(_folder.Path, "sao-luu", "soket.db");
        Assert.Equal(0, (await RunAsync(["backup", backup, .. settings])).ExitCode);
        await AddCampaignAsync(storeFile);

        var result = await RunAsync(["restore", backup, .. settings]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"Đã khôi phục {storeFile} từ {backup}", result.Output, StringComparison.Ordinal);
        Assert.Equal(1, await CampaignsAsync(storeFile));
        var kept = Assert.Single(Directory.GetFiles(data, "soket.db.before-restore-*"));
        Assert.Contains($"Cơ sở dữ liệu trước khi khôi phục được giữ ở {kept}.", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, await CampaignsAsync(kept));
        Assert.Empty(Directory.GetFiles(data, "*.restoring*"));
    }

    /// <summary>A migrated SQLite store at data/soket.db holding <paramref name="campaigns"/> campaigns, closed.</summary>
    private static async Task<string> CreateStoreAsync(string data, int campaigns)
    {
        var store = new TestStore(data, SoKet.Bot.Data.StoreProvider.Sqlite);
        await store.MigrateAsync();
        var file = Path.Combine(data, "soket.db");
        for (var i = 0; i < campaigns; i++)
            await AddCampaignAsync(file);
        return file;
    }

    private static async Task AddCampaignAsync(string storeFile)
    {
        await using (var db = SoKet.Bot.Data.StoreProvider.Sqlite.CreateContext($"Data Source={storeFile}"))
        {
            await SoKet.Bot.Tests.Campaigns.Units.UnitTestData.AddLaiChauCampaignAsync(db);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<int> CampaignsAsync(string storeFile)
    {
        await using var db = SoKet.Bot.Data.StoreProvider.Sqlite.CreateContext($"Data Source={storeFile};Mode=ReadOnly");
        var count = await db.Campaigns.CountAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return count;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SoKet.Bot.Cli.CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
