using Microsoft.Data.Sqlite;

namespace SoKet.Bot.Data;

/// <summary>What a backup or a restored file holds, read back from the file itself.</summary>
public sealed record SqliteFileCheck(bool Intact, string? Problem, long Bytes, string? LastMigration, int Tables);

/// <summary>
/// What a restore did: <paramref name="Restored"/> when the checked copy replaced the store (<paramref name="Kept"/>
/// is then where the replaced store went, or null when there was none); otherwise the copy failed
/// <paramref name="Check"/> and nothing changed.
/// </summary>
public sealed record SqliteRestore(bool Restored, string? Kept, SqliteFileCheck Check);

/// <summary>
/// Online backups of the SQLite store and their restore. A backup is `VACUUM INTO`: one read transaction of the live
/// file, so it is one consistent moment of it (every commit before it, none after), taken while the bot keeps
/// writing (in WAL mode readers do not block the writer), and written compacted into a new file. SQLite does the
/// copying; what is written here is the checking around it and the refusal to replace a store a bot is using.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies the live store at <paramref name="connectionString"/> into the new file <paramref name="targetPath"/>.</summary>
    public static async Task BackupAsync(string connectionString, string targetPath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ReadOnly(connectionString));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", targetPath);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads a file as a SoKet store: SQLite's integrity check, the last migration applied, the number of tables.</summary>
    public static async Task<SqliteFileCheck> CheckAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return new SqliteFileCheck(false, "file not found", 0, null, 0);
        var bytes = new FileInfo(path).Length;
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            var integrity = (string?)await Scalar(connection, "PRAGMA integrity_check", cancellationToken);
            if (integrity != "ok")
                return new SqliteFileCheck(false, "integrity check: " + integrity, bytes, null, 0);
            var tables = Convert.ToInt32(await Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture);
            if (Convert.ToInt32(await Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'", cancellationToken),
                    System.Globalization.CultureInfo.InvariantCulture) == 0)
                return new SqliteFileCheck(false, "not a SoKet store (no migration history)", bytes, null, tables);
            var last = (string?)await Scalar(connection, "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"", cancellationToken);
            return new SqliteFileCheck(true, null, bytes, last, tables);
        }
        catch (SqliteException ex)
        {
            return new SqliteFileCheck(false, ex.Message, bytes, null, 0);
        }
    }

    /// <summary>
    /// Puts the backup <paramref name="backupPath"/> in place of the store file <paramref name="storePath"/>. The caller
    /// holds the store's <see cref="SqliteInstanceLock"/> exclusively (no bot runs on it). The backup is first copied
    /// to a file beside the store and checked there; only a copy that passes replaces the store, and the current
    /// file, with its write-ahead log, is kept beside it under <paramref name="keptSuffix"/>. Whatever fails, the
    /// store is left in place: a failed check changes nothing, and a failure while swapping moves the kept files back.
    /// Refuses (<see cref="ArgumentException"/>) a backup that is the store file itself under another spelling.
    /// </summary>
    public static async Task<SqliteRestore> RestoreAsync(string backupPath, string storePath, string keptSuffix, CancellationToken cancellationToken)
    {
        if (FileIdentity.Same(backupPath, storePath))
            throw new ArgumentException($"The backup {backupPath} is the store {storePath} itself.", nameof(backupPath));

        // A name of its own, so that no file already there (not even a backup named like it) is overwritten.
        var staging = $"{storePath}.restoring-{Guid.NewGuid():N}";
        try
        {
            File.Copy(backupPath, staging, overwrite: false);
            var check = await CheckAsync(staging, cancellationToken);
            if (!check.Intact)
                return new SqliteRestore(false, null, check);
            SqliteConnection.ClearAllPools();
            var kept = Swap(staging, storePath, keptSuffix);
            return new SqliteRestore(true, kept, check);
        }
        finally
        {
            // Whatever reading the copy left beside it, and the copy itself unless it became the store.
            foreach (var part in new[] { "", "-wal", "-shm" })
                TryDelete(staging + part);
        }
    }

    /// <summary>Moves the store and its log aside, then the checked copy in; on any failure the moved files go back.</summary>
    private static string? Swap(string staging, string storePath, string keptSuffix)
    {
        var aside = storePath + keptSuffix;
        var kept = File.Exists(storePath) ? aside : null;
        // The log belongs to the file: committed transactions may still be only in it. A log without its file goes
        // aside too, so that it is never replayed into the restored one.
        var moved = new List<string>();
        try
        {
            foreach (var part in new[] { "", "-wal", "-shm" })
            {
                if (!File.Exists(storePath + part))
                    continue;
                File.Move(storePath + part, aside + part);
                moved.Add(part);
            }
            File.Move(staging, storePath);
            return kept;
        }
        catch
        {
            foreach (var part in moved)
                File.Move(aside + part, storePath + part);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a leftover copy beside the store; the next restore overwrites it.
        }
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static string ReadOnly(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
}

/// <summary>
/// Marks a SQLite store as in use: every bot process (and every command working on the store) holds a shared lock on
/// the file "&lt;store&gt;-instances" while it runs; `restore` needs the exclusive lock, so it cannot replace a
/// store under a running bot, and a bot cannot start on a store being restored. The locks are the operating
/// system's (.NET takes flock LOCK_SH / LOCK_EX for FileShare.ReadWrite / None on Unix, share modes on Windows) and
/// vanish with the process, so a killed bot leaves no stale lock.
/// </summary>
public sealed class SqliteInstanceLock : IDisposable
{
    private readonly FileStream _file;

    private SqliteInstanceLock(FileStream file) => _file = file;

    public static string PathFor(string storePath) => storePath + "-instances";

    /// <summary>Shared: held by a running bot. Throws <see cref="IOException"/> while a restore holds it exclusively.</summary>
    public static SqliteInstanceLock Shared(string storePath) =>
        new(new FileStream(PathFor(storePath), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite));

    /// <summary>Exclusive, or null while any process holds it (a bot runs on the store).</summary>
    public static SqliteInstanceLock? TryExclusive(string storePath)
    {
        try
        {
            return new SqliteInstanceLock(new FileStream(PathFor(storePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
