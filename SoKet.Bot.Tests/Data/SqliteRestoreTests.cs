using Microsoft.Data.Sqlite;
using SoKet.Bot.Data;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Data;

/// <summary>
/// <see cref="SqliteBackup.RestoreAsync"/> on its own: whatever goes wrong, the store file stays where it was —
/// a copy that fails the check changes nothing, a failure while swapping moves the store back, and the store given
/// as its own backup under another spelling is refused before anything moves.
/// </summary>
public sealed class SqliteRestoreTests : IDisposable
{
    private const string Suffix = ".before-restore-test";
    private readonly TempFolder _folder = new();
    private readonly string _data;
    private readonly string _store;

    public SqliteRestoreTests()
    {
        _data = Path.Combine(_folder.Path, "data");
        _store = Path.Combine(_data, "soket.db");
    }

    [Fact]
    public async Task A_copy_that_fails_the_check_changes_nothing()
    {
        await MigratedAsync(_data);
        var before = await File.ReadAllBytesAsync(_store);
        var notBackup = Path.Combine(_folder.Path, "ghi-chu.db");
        await File.WriteAllTextAsync(notBackup, "không phải cơ sở dữ liệu");

        var result = await SqliteBackup.RestoreAsync(notBackup, _store, Suffix, CancellationToken.None);

        Assert.False(result.Restored);
        Assert.Null(result.Kept);
        Assert.Equal(before, await File.ReadAllBytesAsync(_store));
        Assert.Equal(["soket.db"], Files());
    }

    [Fact]
    public async Task A_failure_while_swapping_moves_the_store_and_its_log_back()
    {
        await MigratedAsync(_data);
        var backup = await MigratedAsync(Path.Combine(_folder.Path, "sao-luu"));
        var before = await File.ReadAllBytesAsync(_store);
        await File.WriteAllTextAsync(_store + "-wal", "nhật ký");
        // The log's place aside is taken: the store itself has moved aside when moving its log fails.
        await File.WriteAllTextAsync(_store + Suffix + "-wal", "đã có");

        await Assert.ThrowsAsync<IOException>(() => SqliteBackup.RestoreAsync(backup, _store, Suffix, CancellationToken.None));

        Assert.Equal(before, await File.ReadAllBytesAsync(_store));
        Assert.Equal("nhật ký", await File.ReadAllTextAsync(_store + "-wal"));
        Assert.Equal(["soket.db", "soket.db-wal", "soket.db" + Suffix + "-wal"], Files());
    }

    [Fact]
    public async Task The_store_under_another_spelling_is_not_its_own_backup()
    {
        await MigratedAsync(_data);
        var before = await File.ReadAllBytesAsync(_store);
        var link = Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "data-link"), _data).FullName;

        await Assert.ThrowsAsync<ArgumentException>(() =>
            SqliteBackup.RestoreAsync(Path.Combine(link, ".", "soket.db"), _store, Suffix, CancellationToken.None));

        Assert.Equal(before, await File.ReadAllBytesAsync(_store));
        Assert.Equal(["soket.db"], Files());
    }

    [Fact]
    public void Paths_name_the_same_file_through_dots_separators_and_links()
    {
        Directory.CreateDirectory(_data);
        File.WriteAllText(_store, "");
        var folderLink = Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "data-link"), _data).FullName;
        // A relative link to a link: both are followed.
        var chained = Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "chained"), "data-link").FullName;
        var fileLink = File.CreateSymbolicLink(Path.Combine(_folder.Path, "soket-link.db"), _store).FullName;

        Assert.True(FileIdentity.Same(_store, _data + "/./soket.db"));
        Assert.True(FileIdentity.Same(_store, _data + "//soket.db"));
        Assert.True(FileIdentity.Same(_store, Path.Combine(folderLink, "soket.db")));
        Assert.True(FileIdentity.Same(_store, Path.Combine(chained, "soket.db")));
        Assert.True(FileIdentity.Same(_store, fileLink));
        Assert.False(FileIdentity.Same(_store, Path.Combine(_data, "khac.db")));
        Assert.False(FileIdentity.Same(_store, Path.Combine(folderLink, "khac.db")));
    }

    /// <summary>A migrated, closed SQLite store at <paramref name="folder"/>/soket.db.</summary>
    private static async Task<string> MigratedAsync(string folder)
    {
        var store = new TestStore(folder, StoreProvider.Sqlite);
        await store.MigrateAsync();
        SqliteConnection.ClearAllPools();
        return Path.Combine(folder, "soket.db");
    }

    private string[] Files() => [.. Directory.GetFiles(_data).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    public void Dispose() => _folder.Dispose();
}
