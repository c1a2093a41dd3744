using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Data;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Cli;

/// <summary>
/// `copy-store --to …`, run as the real program: an office's SQLite installation (the previous release's database,
/// upgraded on the way) moved into an empty PostgreSQL database — every row, keys and Vietnamese text intact — and a
/// second copy into the now filled database refused without writing anything.
/// </summary>
public sealed class CopyStoreCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestStore _target;

    public CopyStoreCommandTests() =>
        _target = new TestStore(Path.Combine(_folder.Path, "target"), StoreProvider.PostgreSql);

    private string SourcePath => Path.Combine(_folder.Path, "soket.db");

    [Fact]
    public async Task Copies_every_row_of_a_sqlite_installation_into_an_empty_postgresql_database_and_refuses_a_second_copy()
    {
        ReleaseUpgradeTests.LoadPreviousRelease(SourcePath);
        var environment = new Dictionary<string, string> { ["Store__ConnectionString"] = $"Data Source={SourcePath}" };

        var copy = await BotProcess.RunAsync(_folder.Path, environment, "copy-store", "--to", _target.ConnectionString);

        Assert.True(copy.ExitCode == 0, copy.Error + copy.Output);
        Assert.Contains("số bản ghi từng bảng khớp với nguồn", copy.Output);

        await using var source = StoreProvider.Sqlite.CreateContext($"Data Source={SourcePath}");
        await using var target = _target.Open();
        foreach (var entity in StoreCopy.InsertOrder(target.Model))
        {
            var table = entity.GetTableName()!;
            Assert.True(await CountAsync(source, table) == await CountAsync(target, table), $"table {table}");
        }
        Assert.True(await target.SectionRevisions.CountAsync() == 3 && await target.Set<ReminderOutboxItem>().CountAsync() == 20);

        // A sample of rows, field by field.
        var revisionsBefore = await source.SectionRevisions.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var revisionsAfter = await target.SectionRevisions.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(revisionsBefore.Select(Fields), revisionsAfter.Select(Fields));
        Assert.Contains(revisionsAfter, r => r.Text.Contains("“chất lượng sinh hoạt”", StringComparison.Ordinal));

        var campaignBefore = await source.Campaigns.AsNoTracking().SingleAsync();
        var campaignAfter = await target.Campaigns.AsNoTracking().SingleAsync();
        Assert.Equal((campaignBefore.Id, campaignBefore.Code, campaignBefore.Title, campaignBefore.IssuedOn, campaignBefore.SourceText),
            (campaignAfter.Id, campaignAfter.Code, campaignAfter.Title, campaignAfter.IssuedOn, campaignAfter.SourceText));
        Assert.Equal(
            (await source.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Id, p.Email, p.DisplayName, p.ChannelUserId)),
            (await target.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Id, p.Email, p.DisplayName, p.ChannelUserId)));
        Assert.Equal(
            (await source.Set<ReminderOutboxItem>().AsNoTracking().OrderBy(o => o.Id).ToListAsync()).Select(o => (o.Id, o.UniqueKey, o.State, Microseconds(o.DueAtUtc), o.LastError)),
            (await target.Set<ReminderOutboxItem>().AsNoTracking().OrderBy(o => o.Id).ToListAsync()).Select(o => (o.Id, o.UniqueKey, o.State, Microseconds(o.DueAtUtc), o.LastError)));
        Assert.Equal(
            (await source.WebChatActivities.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync()).Select(a => (a.Sequence, a.ConversationId, a.Json)),
            (await target.WebChatActivities.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync()).Select(a => (a.Sequence, a.ConversationId, a.Json)));

        // Keys were copied as they were: what is added next continues after them (a web chat watermark never goes back).
        var lastSequence = await target.WebChatActivities.MaxAsync(a => a.Sequence);
        target.WebChatActivities.Add(new WebChatActivity { ConversationId = "sau-khi-chep", ActivityId = "1", Json = "{}", CreatedAtUtc = DateTime.UtcNow });
        await target.SaveChangesAsync();
        Assert.True(await target.WebChatActivities.Where(a => a.ConversationId == "sau-khi-chep").Select(a => a.Sequence).SingleAsync() > lastSequence);

        var counts = await CountAsync(target, "SectionRevisions");
        var again = await BotProcess.RunAsync(_folder.Path, environment, "copy-store", "--to", _target.ConnectionString);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Từ chối", again.Error);
        Assert.Equal(counts, await CountAsync(target, "SectionRevisions"));
    }

    [Fact]
    public async Task Without_a_target_it_is_a_usage_error()
    {
        var result = await BotProcess.RunAsync(_folder.Path, null, "copy-store");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Chưa nêu cơ sở dữ liệu đích", result.Error);
    }

    private static (long, Guid, int, string, DraftSource, string?, DateTime) Fields(SectionRevision r) =>
        (r.Id, r.DraftId, r.Version, r.Text, r.Source, r.AuthorName, Microseconds(r.CreatedAtUtc));

    /// <summary>PostgreSQL keeps instants to the microsecond; SQLite's text form has 100 ns ticks.</summary>
    private static DateTime Microseconds(DateTime value) => new(value.Ticks - value.Ticks % 10, DateTimeKind.Unspecified);

    private static Task<long> CountAsync(SoKetDbContext db, string table)
    {
        // Table names come from the model, never from input.
        var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
        return db.Database.SqlQueryRaw<long>(sql).SingleAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _target.Dispose();
        _folder.Dispose();
    }
}
