using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    private static async Task<object?> PragmaAsync(SoKetDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return await command.ExecuteScalarAsync();
    }
}
