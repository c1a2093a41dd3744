using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Channels.WebChat;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Data;

/// <summary>
/// An office upgrades: the new release starts on the soket.db the previous release (EF Core 6.0.7) left behind
/// — loaded from TestData/store/soket-release-2026-11-21.sql, that release's schema, migration history and rows —
/// and migrates it in place with every campaign, draft, revision, outbox row and web chat conversation intact.
/// </summary>
public sealed class ReleaseUpgradeTests : IDisposable
{
    private const string Fixture = "TestData/store/soket-release-2026-11-21.sql";
    private readonly TempFolder _folder = new();

    private string DatabasePath => Path.Combine(_folder.Path, "soket.db");

    [Fact]
    public async Task The_first_start_migrates_the_previous_release_database_in_place_and_keeps_every_row()
    {
        LoadPreviousRelease();
        var before = TableCounts();
        Assert.True(before["SectionRevisions"] == 3 && before["ReminderOutbox"] == 20 && before["WebChatConversations"] == 2,
            "the fixture is the one described in its header");

        using var app = new BotApp(_folder.Path) { KeepDataOnDispose = true };
        app.Settings["Store:Provider"] = "SQLite";
        app.Settings["Store:ConnectionString"] = $"Data Source={DatabasePath}";
        using var http = app.CreateHttpClient();

        var after = TableCounts();
        foreach (var (table, count) in before.Where(t => t.Key != "__EFMigrationsHistory"))
            Assert.True(after[table] == count, $"{table}: {count} rows before the upgrade, {after[table]} after");

        await using (var db = app.OpenStore())
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal("20261121055354_Initial", (await db.Database.GetAppliedMigrationsAsync()).First());

            var revisions = await db.SectionRevisions.OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(
                [
                    "Chi bộ đã tổ chức quán triệt Nghị quyết Đại hội đến 100% đảng viên; 45/45 đảng viên tham gia học tập.",
                    "Chi bộ đã tổ chức quán triệt Nghị quyết Đại hội đến 100% đảng viên; 45/45 đảng viên tham gia học tập.\n\n" +
                    "Công tác kiểm tra, giám sát được duy trì thường xuyên; “chất lượng sinh hoạt” chi bộ được nâng lên.",
                    "Một số đảng viên chưa phát huy vai trò tiên phong, gương mẫu.",
                ],
                revisions.Select(r => r.Text));
            Assert.All(revisions, r => Assert.Equal("Lò Thị Mai", r.AuthorName));
            Assert.Equal(new DateTime(2026, 12, 6, 14, 23, 7, DateTimeKind.Unspecified), revisions[2].CreatedAtUtc.AddTicks(-(revisions[2].CreatedAtUtc.Ticks % TimeSpan.TicksPerSecond)));

            var campaign = await db.Campaigns.Include(c => c.Sections).Include(c => c.Groups).Include(c => c.Deadlines).SingleAsync();
            Assert.Equal("125-KH/ThU", campaign.Code);
            Assert.Equal(9, await db.Units.CountAsync(u => u.CampaignId == campaign.Id));
            Assert.Equal(before["CampaignSections"], campaign.Sections.Count);

            var outbox = await db.Set<ReminderOutboxItem>().ToListAsync();
            Assert.Equal(2, outbox.Count(o => o.State == ReminderState.Pending));
            Assert.Equal(18, outbox.Count(o => o.State == ReminderState.Unreachable));
            Assert.All(outbox.Where(o => o.State == ReminderState.Unreachable), o => Assert.Equal("chưa trò chuyện với bot", o.LastError));
        }

        // The drafter comes back to the same web chat conversation after the upgrade and finds the text where it was.
        var (conversationId, userId, watermark) = await DrafterConversationAsync();
        var token = await app.GetService<WebChatTokens>().IssueAsync(userId, conversationId, CancellationToken.None);
        var chat = DirectLineClient.Resume(http, token, conversationId, userId, watermark);
        await chat.SendAsync("soạn báo cáo");
        var section = Assert.Single((await chat.ReadBotActivitiesAsync()).SelectMany(r => r.Attachments ?? [])).Content!.ToJsonString(ProtocolJson.Options);
        Assert.Contains("Một số đảng viên chưa phát huy vai trò tiên phong, gương mẫu.", section);

        await chat.SendAsync("xem toàn bộ");
        var whole = string.Concat((await chat.ReadBotActivitiesAsync(3, TimeSpan.FromSeconds(3))).Select(a => a.Text));
        Assert.Contains("Công tác kiểm tra, giám sát được duy trì thường xuyên; “chất lượng sinh hoạt” chi bộ được nâng lên.", whole);
        Assert.Contains("Một số đảng viên chưa phát huy vai trò tiên phong, gương mẫu.", whole);

        // The store now runs the way this release sets it up.
        await using var check = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await check.OpenAsync();
        Assert.Equal("wal", Scalar(check, "PRAGMA journal_mode"));
        Assert.Equal(0L, Scalar(check, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }

    private void LoadPreviousRelease() => LoadPreviousRelease(DatabasePath);

    /// <summary>Writes the previous release's database to <paramref name="databasePath"/>, as that release left it (WAL mode included).</summary>
    internal static void LoadPreviousRelease(string databasePath)
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, Fixture));
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using (var load = connection.CreateCommand())
        {
            load.CommandText = script;
            load.ExecuteNonQuery();
        }
        Scalar(connection, "PRAGMA journal_mode=WAL");
    }

    private Dictionary<string, long> TableCounts()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var tables = new List<string>();
        using (var reader = list.ExecuteReader())
            while (reader.Read())
                tables.Add(reader.GetString(0));
        return tables.ToDictionary(t => t, t => (long)Scalar(connection, $"SELECT COUNT(*) FROM \"{t}\"")!);
    }

    private async Task<(string ConversationId, string UserId, string Watermark)> DrafterConversationAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The conversation of the web chat user who drafted (the revisions' author): the one with most activities.
        command.CommandText = """
            SELECT c.Id, c.UserId, (SELECT MAX(Sequence) FROM WebChatActivities) FROM WebChatConversations c
            ORDER BY (SELECT COUNT(*) FROM WebChatActivities a WHERE a.ConversationId = c.Id) DESC LIMIT 1
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1), reader.GetInt64(2).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
