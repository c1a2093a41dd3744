using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Data;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Tests.Data;

/// <summary>The default store is run as a real embedded database: WAL, foreign keys, a busy timeout, the chosen durability.</summary>
public sealed class SqliteStoreTests
{
    [Theory]
    [InlineData(null, 2L)]        // FULL by default
    [InlineData("Normal", 1L)]
    public async Task Every_connection_of_the_bot_runs_with_wal_foreign_keys_a_busy_timeout_and_the_configured_durability(string? synchronous, long expected)
    {
        using var app = new BotApp();
        app.Settings["Store:Provider"] = "SQLite";
        app.Settings["Store:ConnectionString"] = $"Data Source={Path.Combine(app.DataDirectory, "pragmas.db")}";
        app.Settings["Store:Sqlite:BusyTimeout"] = "00:00:07";
        if (synchronous is not null)
            app.Settings["Store:Sqlite:Synchronous"] = synchronous;
        app.Start();

        // The settings are applied once per native connection: the second and third opens get the pooled one back
        // and must find them still in force.
        for (var open = 1; open <= 3; open++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
            Assert.IsType<SqliteSoKetDbContext>(db);
            await db.Database.OpenConnectionAsync();
            Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
            Assert.Equal(1L, await PragmaAsync(db, "foreign_keys"));
            Assert.Equal(expected, await PragmaAsync(db, "synchronous"));
            Assert.Equal(7000L, await PragmaAsync(db, "busy_timeout"));
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task A_row_pointing_at_a_missing_parent_is_refused()
    {
        using var store = new TestStore(Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N")));
        await using var db = StoreProvider.Sqlite.CreateContext($"Data Source={Path.Combine(store.Directory, "fk.db")}");
        await StoreProvider.Sqlite.MigrateAsync(db, CancellationToken.None);
        db.Units.Add(new SoKet.Bot.Campaigns.Unit { Id = Guid.NewGuid(), CampaignId = Guid.NewGuid(), GroupId = Guid.NewGuid(), Name = "Chi bộ không có đợt" });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("FOREIGN KEY", error.InnerException?.Message, StringComparison.OrdinalIgnoreCase);
        db.ChangeTracker.Clear();
        Assert.Equal(0, await db.Units.CountAsync());
    }

    [Fact]
    public async Task A_save_that_defers_its_flush_leaves_the_connection_flushing_every_commit_again_even_when_it_fails()
    {
        using var store = new TestStore(Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N")));
        var options = new StoreOptions();
        await using var db = StoreProvider.Sqlite.CreateContext($"Data Source={Path.Combine(store.Directory, "flush.db")}", options);
        await StoreProvider.Sqlite.MigrateAsync(db, CancellationToken.None);
        var campaign = new Campaign { Id = Guid.NewGuid(), Code = "125-KH/ThU", Title = "Sơ kết giữa nhiệm kỳ", IssuingBody = "Ban Thường vụ", CreatedBy = "test", CreatedAtUtc = DateTime.UtcNow };
        db.Campaigns.Add(campaign);

        await StoreProvider.Sqlite.SaveDeferringFlushAsync(db, CancellationToken.None);
        Assert.Equal(2L, await PragmaOnPooledConnectionAsync(db, "synchronous"));   // FULL again
        Assert.Equal(1L, await PragmaOnPooledConnectionAsync(db, "foreign_keys"));

        // A save that fails midway (a unit of a campaign that does not exist) must not leave its connection at NORMAL.
        db.ChangeTracker.Clear();
        db.Units.Add(new Unit { Id = Guid.NewGuid(), CampaignId = Guid.NewGuid(), GroupId = Guid.NewGuid(), Name = "Chi bộ không có đợt" });
        await Assert.ThrowsAsync<DbUpdateException>(() => StoreProvider.Sqlite.SaveDeferringFlushAsync(db, CancellationToken.None));
        Assert.Equal(2L, await PragmaOnPooledConnectionAsync(db, "synchronous"));

        // The same when the caller holds the connection open (a turn's re-delivery): its next save uses it as it is.
        db.ChangeTracker.Clear();
        db.Units.Add(new Unit { Id = Guid.NewGuid(), CampaignId = Guid.NewGuid(), GroupId = Guid.NewGuid(), Name = "Chi bộ không có đợt" });
        await db.Database.OpenConnectionAsync();
        await Assert.ThrowsAsync<DbUpdateException>(() => StoreProvider.Sqlite.SaveDeferringFlushAsync(db, CancellationToken.None));
        Assert.Equal(2L, await PragmaAsync(db, "synchronous"));
        await db.Database.CloseConnectionAsync();

        db.ChangeTracker.Clear();
        Assert.Equal("Sơ kết giữa nhiệm kỳ", (await db.Campaigns.SingleAsync()).Title);
        Assert.Equal(0, await db.Units.CountAsync());
    }

    [Fact]
    public async Task A_save_waits_for_the_write_gate_and_not_inside_sqlite_while_another_save_holds_the_writer()
    {
        using var store = new TestStore(Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N")));
        var connectionString = $"Data Source={Path.Combine(store.Directory, "gate.db")}";
        await using (var setup = StoreProvider.Sqlite.CreateContext(connectionString))
            await StoreProvider.Sqlite.MigrateAsync(setup, CancellationToken.None);

        // The first save stops inside its transaction, holding SQLite's writer, until the test lets it go.
        var held = new HoldingInterceptor();
        var watched = new HoldingInterceptor { Hold = false };
        await using var first = Context(connectionString, held);
        await using var second = Context(connectionString, watched);
        first.Campaigns.Add(NewCampaign("Đợt thứ nhất"));
        second.Campaigns.Add(NewCampaign("Đợt thứ hai"));   // one statement: EF Core alone would not begin a transaction for it

        var firstSave = first.SaveChangesAsync();
        await held.Writing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var secondSave = second.SaveChangesAsync();

        // Left to SQLite, the second save's statement would start now and wait for the lock by sleeping on its thread.
        await Task.Delay(300);
        Assert.False(watched.Writing.Task.IsCompleted, "the second save reached SQLite while the first held the writer");
        Assert.False(secondSave.IsCompleted);

        held.Release.SetResult();
        await firstSave.WaitAsync(TimeSpan.FromSeconds(30));
        await secondSave.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(watched.Writing.Task.IsCompleted);
        await using var check = StoreProvider.Sqlite.CreateContext(connectionString);
        Assert.Equal(["Đợt thứ hai", "Đợt thứ nhất"], (await check.Campaigns.Select(c => c.Title).ToListAsync()).Order());
    }

    private static SqliteSoKetDbContext Context(string connectionString, HoldingInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder<SqliteSoKetDbContext>();
        StoreProvider.Sqlite.Configure(options, StoreProvider.Sqlite.ResolveConnectionString(new StoreOptions { ConnectionString = connectionString }, Environment.CurrentDirectory), new StoreOptions());
        options.AddInterceptors(interceptor);
        return new SqliteSoKetDbContext(options.Options);
    }

    private static Campaign NewCampaign(string title) =>
        new() { Id = Guid.NewGuid(), Code = "125-KH/ThU", Title = title, IssuingBody = "Ban Thường vụ", CreatedBy = "test", CreatedAtUtc = DateTime.UtcNow };

    /// <summary>Notes when the context's INSERT reaches SQLite and, when told to, keeps it there until released.</summary>
    private sealed class HoldingInterceptor : DbCommandInterceptor
    {
        public bool Hold { get; init; } = true;

        public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await ReachedAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await ReachedAsync(command);
            return result;
        }

        private async Task ReachedAsync(DbCommand command)
        {
            if (!command.CommandText.Contains("INSERT", StringComparison.Ordinal))
                return;
            Writing.TrySetResult();
            if (Hold)
                await Release.Task;
        }
    }

    // The pool hands the same native connection back to the next open on this thread: what the save left on it is
    // what the next query of the process gets.
    private static async Task<object?> PragmaOnPooledConnectionAsync(SoKetDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            return await PragmaAsync(db, name);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> PragmaAsync(SoKetDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return await command.ExecuteScalarAsync();
    }
}
