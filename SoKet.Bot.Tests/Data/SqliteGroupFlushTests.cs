using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Data;

/// <summary>
/// Group commit at Store:Sqlite:Synchronous=Full: a save is told "stored" only once a flush of the log covers its
/// commit, the saves that commit while a flush runs share the next one, and the flush is never waited for inside the
/// write gate. This machine's disk flushes in a quarter of a millisecond, so the tests hold a flush the way an office
/// PC's disk would (SqliteGroupFlush.BeforeFlush) to see who waits for it.
/// </summary>
public sealed class SqliteGroupFlushTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TestStore _store = new(Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N")), StoreProvider.Sqlite);
    private readonly HeldFlush _flush;

    public SqliteGroupFlushTests()
    {
        _flush = new HeldFlush(DataSource + "-wal");
        SqliteGroupFlush.BeforeFlush = _flush.Before;
    }

    private string DataSource => Path.GetFullPath(new SqliteConnectionStringBuilder(_store.ConnectionString).DataSource);

    public void Dispose()
    {
        SqliteGroupFlush.BeforeFlush = null;
        _flush.Open();
        _store.Dispose();
    }

    [Fact]
    public async Task A_save_is_reported_stored_only_after_a_flush_of_the_log_that_began_after_its_commit()
    {
        await MigrateAsync();
        _flush.Close();
        await using var db = Context();
        db.Campaigns.Add(NewCampaign("Sơ kết giữa nhiệm kỳ"));
        var save = db.SaveChangesAsync();

        // Committed (another connection reads it) but not yet reported: the disk has not confirmed it.
        await UntilAsync(async () => await CountAsync() == 1);
        await _flush.Started.Task.WaitAsync(Patience);
        await Task.Delay(200);
        Assert.False(save.IsCompleted, "the save returned before its commit was flushed");

        _flush.Open();
        Assert.Equal(1, await save.WaitAsync(Patience));
        Assert.True(_flush.Count >= 1);
    }

    [Fact]
    public async Task Saves_that_commit_while_a_flush_runs_share_the_next_flush_and_none_waits_for_the_disk_inside_the_write_gate()
    {
        await MigrateAsync();
        _flush.Close();
        await using var first = Context();
        first.Campaigns.Add(NewCampaign("Đợt thứ nhất"));
        var firstSave = first.SaveChangesAsync();
        await _flush.Started.Task.WaitAsync(Patience);
        var flushesBefore = _flush.Count;

        // While the first flush hangs on the disk, ten more saves get the writer one after another: none of them waits
        // for that flush to take its turn.
        var contexts = Enumerable.Range(1, 10).Select(_ => Context()).ToList();
        var saves = contexts.Select((db, i) =>
        {
            db.Campaigns.Add(NewCampaign($"Đợt {i + 2}"));
            return db.SaveChangesAsync();
        }).ToList();
        await UntilAsync(async () => await CountAsync() == 11);
        Assert.All(saves, save => Assert.False(save.IsCompleted, "a save returned before a flush covered its commit"));
        Assert.False(firstSave.IsCompleted);

        _flush.Open();
        await firstSave.WaitAsync(Patience);
        await Task.WhenAll(saves).WaitAsync(Patience);
        // The ten commits came after the first flush began, so it could not cover them; one more flush covers all ten.
        Assert.Equal(flushesBefore + 1, _flush.Count);
        foreach (var db in contexts)
            await db.DisposeAsync();
    }

    [Fact]
    public async Task A_save_that_defers_its_flush_returns_once_committed_and_the_next_flush_covers_it()
    {
        await MigrateAsync();
        _flush.Close();
        await using var db = Context();
        db.Campaigns.Add(NewCampaign("Thẻ đã gửi"));

        await StoreProvider.Sqlite.SaveDeferringFlushAsync(db, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(1, await CountAsync());
        Assert.Equal(0, _flush.Count);

        // The next ordinary save waits for a flush, which covers both.
        db.Campaigns.Add(NewCampaign("Đoạn văn đã lưu"));
        var save = db.SaveChangesAsync();
        await _flush.Started.Task.WaitAsync(Patience);
        Assert.False(save.IsCompleted);
        _flush.Open();
        await save.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_connection_held_open_is_back_at_full_durability_after_each_save_for_whatever_runs_on_it_next()
    {
        await MigrateAsync();
        await using var db = Context();
        await db.Database.OpenConnectionAsync();
        db.Campaigns.Add(NewCampaign("Đợt giữ kết nối"));
        await db.SaveChangesAsync();
        Assert.Equal(2L, await PragmaAsync(db, "synchronous"));   // FULL

        // A save that fails on a foreign key leaves it at FULL too.
        db.ChangeTracker.Clear();
        db.Units.Add(new Unit { Id = Guid.NewGuid(), CampaignId = Guid.NewGuid(), GroupId = Guid.NewGuid(), Name = "Chi bộ không có đợt" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(2L, await PragmaAsync(db, "synchronous"));
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task A_flush_the_disk_refuses_fails_the_saves_waiting_for_it_and_the_next_save_flushes_again()
    {
        await MigrateAsync();
        _flush.Fail = true;
        await using var db = Context();
        db.Campaigns.Add(NewCampaign("Đĩa đầy"));
        // The caller must not hear "stored" for a commit the disk did not confirm.
        var error = await Assert.ThrowsAsync<IOException>(() => db.SaveChangesAsync().WaitAsync(Patience));
        Assert.Contains("disk", error.Message, StringComparison.Ordinal);

        _flush.Fail = false;
        db.ChangeTracker.Clear();
        db.Campaigns.Add(NewCampaign("Đĩa đã trống"));
        Assert.Equal(1, await db.SaveChangesAsync().WaitAsync(Patience));
    }

    [Fact]
    public async Task A_database_named_by_a_file_uri_flushes_the_log_sqlite_opened()
    {
        await MigrateAsync();
        _flush.Close();
        // The same file, named as a URI: the log to flush is the one next to the file SQLite opened, not a path made
        // from the connection string's text (which would name no file, and flush nothing).
        await using var db = StoreProvider.Sqlite.CreateContext($"Data Source=file:{DataSource}?cache=private");
        db.Campaigns.Add(NewCampaign("Đợt qua địa chỉ URI"));
        var save = db.SaveChangesAsync();
        await _flush.Started.Task.WaitAsync(Patience);
        await UntilAsync(async () => await CountAsync() == 1);
        Assert.False(save.IsCompleted, "the save returned before its commit was flushed");
        _flush.Open();
        await save.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_database_with_a_rollback_journal_commits_at_full_durability_without_the_group_flush()
    {
        await MigrateAsync();
        // Leaving WAL needs the file to itself: the migration's idle pooled connections still hold the log open.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection(_store.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            Assert.Equal("delete", await command.ExecuteScalarAsync());
        }
        _flush.Close();
        await using var db = Context();
        db.Campaigns.Add(NewCampaign("Đợt không có nhật ký ghi trước"));
        // No log whose flush would make a NORMAL commit durable: the commit flushes itself, as FULL does.
        Assert.Equal(1, await db.SaveChangesAsync().WaitAsync(Patience));
        Assert.Equal(0, _flush.Count);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task At_normal_durability_saves_do_not_wait_for_flushes()
    {
        var options = new StoreOptions { Sqlite = { Synchronous = SqliteSynchronous.Normal } };
        await using (var setup = StoreProvider.Sqlite.CreateContext(_store.ConnectionString, options))
            await StoreProvider.Sqlite.MigrateAsync(setup, CancellationToken.None);
        _flush.Close();
        await using var db = StoreProvider.Sqlite.CreateContext(_store.ConnectionString, options);
        db.Campaigns.Add(NewCampaign("Đợt không chờ đĩa"));
        Assert.Equal(1, await db.SaveChangesAsync().WaitAsync(Patience));
        Assert.Equal(0, _flush.Count);
    }

    private async Task MigrateAsync()
    {
        await using var setup = Context();
        await StoreProvider.Sqlite.MigrateAsync(setup, CancellationToken.None);
    }

    private SoKetDbContext Context() => StoreProvider.Sqlite.CreateContext(_store.ConnectionString);

    private async Task<int> CountAsync()
    {
        await using var connection = new SqliteConnection(_store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Campaigns";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met in time");
            await Task.Delay(20);
        }
    }

    private static async Task<object?> PragmaAsync(SoKetDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return await command.ExecuteScalarAsync();
    }

    private static Campaign NewCampaign(string title) =>
        new() { Id = Guid.NewGuid(), Code = "125-KH/ThU", Title = title, IssuingBody = "Ban Thường vụ", CreatedBy = "test", CreatedAtUtc = DateTime.UtcNow };

    /// <summary>A disk whose flush of this test's log can be held, or made to fail; other tests' logs pass straight through.</summary>
    private sealed class HeldFlush(string walPath)
    {
        private readonly ManualResetEventSlim _open = new(initialState: true);
        private int _count;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Fail { get; set; }

        public int Count => Volatile.Read(ref _count);

        public void Close() => _open.Reset();

        public void Open() => _open.Set();

        public void Before(string path)
        {
            if (!string.Equals(path, walPath, StringComparison.Ordinal))
                return;
            Interlocked.Increment(ref _count);
            Started.TrySetResult();
            if (Fail)
                throw new IOException("The disk refused the flush (test).");
            _open.Wait(Patience);
        }
    }
}
