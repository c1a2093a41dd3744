using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>A migrated SQLite file of the real schema in a folder of its own, deleted afterwards.</summary>
public sealed class TempSqliteStore : IDisposable
{
    private TempSqliteStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "soket-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "soket.db");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath}";

    public static async Task<TempSqliteStore> CreateAsync()
    {
        var store = new TempSqliteStore();
        await using var db = store.Open();
        await db.Database.MigrateAsync();
        return store;
    }

    public SoKetDbContext Open() =>
        new(new DbContextOptionsBuilder<SoKetDbContext>().UseSqlite(ConnectionString).Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a connection still closing; the OS cleans the temp folder */ }
    }
}
