using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace SoKet.Bot.Data;

/// <summary>
/// Group commit for Store:Sqlite:Synchronous=Full. At FULL, SQLite flushes the write-ahead log to disk inside every
/// commit, so with one writer at a time each save held the write gate for a whole flush and the next save waited for
/// it: on a disk that takes 8 ms to flush, a bot managed about one turn per flush (bench/README.md: 92 turns/s, 410
/// with this). Instead an async save commits as
/// NORMAL does (into the log, durable against a killed process at once, the gate let go without waiting for the disk)
/// and then waits, outside the gate, until one flush of the log covers its commit. A flush covers every commit made
/// before it starts, so the saves that committed while one flush ran share the next. SaveChanges still returns only
/// once the save is on disk: what a user is told is stored is stored as it was with FULL.
/// <para>
/// SQLite has no call that flushes the log without writing, and this is what its own FULL commit does: <c>fsync</c> of
/// the <c>-wal</c> file after the commit's frames are written. Only async saves that own their transaction, on a file
/// in write-ahead-log mode, take this path (the turns'); synchronous saves, explicit transactions and lone statements
/// commit at FULL as before.
/// </para>
/// </summary>
internal sealed class SqliteGroupFlush(SqliteStoreOptions options) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConcurrentDictionary<string, WalFlusher> Flushers = new(StringComparer.Ordinal);

    // A save on its way through: whether its connection was switched to NORMAL, and the commit it must see flushed.
    private sealed class SaveState
    {
        public WalFlusher? Flusher;
        public bool Switched;
        public long Commit;
        public bool Deferred;
    }

    private static readonly ConditionalWeakTable<DbContext, SaveState> Saves = [];
    private static readonly ConditionalWeakTable<DbContext, object> DeferredContexts = [];

    // Found on the first save that can use it: the file SQLite itself opened, in write-ahead-log mode.
    private WalFlusher? _flusher;

    /// <summary>
    /// Runs on the flushing thread before each flush, with the log's path: the tests' way to make a flush take as
    /// long as an office PC's disk does (this machine's takes a quarter of a millisecond), or fail as a full disk's.
    /// </summary>
    internal static Action<string>? BeforeFlush { get; set; }

    /// <summary>
    /// The next save of <paramref name="db"/> returns once committed, without waiting for its flush (it reaches the
    /// disk with the next flush). For bookkeeping whose loss in a power cut is harmless.
    /// </summary>
    internal static IDisposable DeferFlush(DbContext db)
    {
        DeferredContexts.AddOrUpdate(db, db);
        return new Undefer(db);
    }

    private sealed class Undefer(DbContext db) : IDisposable
    {
        public void Dispose() => DeferredContexts.Remove(db);
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        // Inside a caller's transaction the commit is the caller's (and runs at FULL).
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
            Saves.AddOrUpdate(context, new SaveState { Deferred = DeferredContexts.TryGetValue(context, out _) });
        return ValueTask.FromResult(result);
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Saves.TryGetValue(context, out var save)
            && (_flusher ?? await FindFlusherAsync((SqliteConnection)connection, cancellationToken)) is { } flusher)
        {
            // Forgotten first: should the switch back fail, the next open of this native connection sets FULL again.
            var sqlite = (SqliteConnection)connection;
            SqliteConnectionPragmas.Forget(sqlite);
            save.Flusher = flusher;
            save.Switched = true;
            await SqliteConnectionPragmas.ExecuteAsync(sqlite, "PRAGMA synchronous=NORMAL;", cancellationToken);
        }
        return result;
    }

    /// <summary>
    /// The log to flush, from the file SQLite opened (its own full path, whatever form the connection string used). A
    /// database that is not a file in write-ahead-log mode (in memory, or a rollback journal) has no log whose flush
    /// makes a NORMAL commit durable: its saves commit at FULL as they are, and it is asked again next time.
    /// </summary>
    private async Task<WalFlusher?> FindFlusherAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var file = connection.DataSource;
        if (string.IsNullOrEmpty(file))
            return null;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode;";
            if (!string.Equals(await command.ExecuteScalarAsync(cancellationToken) as string, "wal", StringComparison.OrdinalIgnoreCase))
                return null;
        }
        return _flusher = Flushers.GetOrAdd(file, path => new WalFlusher(path + "-wal"));
    }

    // Committed into the log: the gate (registered after this) is let go, and the commit gets its number. The
    // connection goes back to FULL once SaveChanges has disposed the transaction (SQLite refuses inside one).
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Saves.TryGetValue(context, out var save) && save.Switched)
            save.Commit = save.Flusher!.Committed();
        return Task.CompletedTask;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !Saves.TryGetValue(context, out var save))
            return result;
        Saves.Remove(context);
        await RestoreAsync(context, save);
        // Not cancellable: the commit is made, and the caller must not hear "saved" before it is on disk.
        if (save.Commit > 0 && !save.Deferred)
            await save.Flusher!.FlushedAsync(save.Commit);
        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) => EndAsync(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) => EndAsync(eventData.Context);

    // A failed version check ends SaveChanges here, inside its transaction: the connection cannot be switched back now.
    // Closed by EF Core, it returns to the pool forgotten; held open by a caller, its next save switches it back.
    public ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            Saves.Remove(context);
        return ValueTask.FromResult(result);
    }

    private async Task EndAsync(DbContext? context)
    {
        if (context is not null && Saves.TryGetValue(context, out var save))
        {
            Saves.Remove(context);
            await RestoreAsync(context, save);
        }
    }

    /// <summary>
    /// Back to FULL for whatever else runs on this connection while the caller holds it open (a turn keeps it for its
    /// reads and its saves). A closed connection went back to the pool forgotten, and is set up again when opened.
    /// </summary>
    private async Task RestoreAsync(DbContext context, SaveState save)
    {
        if (!save.Switched)
            return;
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open || context.Database.CurrentTransaction is not null)
            return;
        save.Switched = false;
        await SqliteConnectionPragmas.ExecuteAsync(connection, "PRAGMA synchronous=FULL;", CancellationToken.None);
        SqliteConnectionPragmas.Remember(connection, options);
    }

    /// <summary>
    /// One flush at a time per database: a commit gets a number, and a flush covers every number handed out before it
    /// began. Waiters whose commit came after the running flush began wait for the next one, which starts as soon as
    /// the running one ends. The flush blocks one pool thread for the length of an <c>fsync</c>, never one per save.
    /// </summary>
    private sealed class WalFlusher(string walPath)
    {
        private readonly Lock _lock = new();
        private long _committed;
        private long _flushed;
        private bool _flushing;
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Committed()
        {
            lock (_lock)
                return ++_committed;
        }

        public async Task FlushedAsync(long commit)
        {
            while (true)
            {
                Task wait;
                lock (_lock)
                {
                    if (_flushed >= commit)
                        return;
                    wait = _next.Task;
                    if (!_flushing)
                    {
                        _flushing = true;
                        _ = Task.Run(FlushLoop);
                    }
                }
                await wait;
            }
        }

        private void FlushLoop()
        {
            while (true)
            {
                long upTo;
                TaskCompletionSource done;
                lock (_lock)
                {
                    upTo = _committed;
                    done = _next;
                    _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                Exception? failure = null;
                try
                {
                    Flush();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The disk did not confirm: the waiting saves fail rather than report "stored". Unlike a FULL
                    // commit whose flush fails, their commits stay in the log (other readers see them); a disk that
                    // refuses fsync is failing, and a turn told to retry then meets its own stored activity.
                    failure = ex;
                }
                TaskCompletionSource? idle = null;
                lock (_lock)
                {
                    if (failure is null && upTo > _flushed)
                        _flushed = upTo;
                    if (_committed <= _flushed || failure is not null)
                    {
                        // Nothing left to flush (or the disk refuses): whoever waits on the next round looks again.
                        _flushing = false;
                        idle = _next;
                        _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
                if (failure is null)
                    done.SetResult();
                else
                    done.SetException(failure);
                if (idle is not null)
                {
                    if (failure is null)
                        idle.SetResult();
                    else
                        idle.SetException(failure);
                    return;
                }
            }
        }

        private void Flush()
        {
            BeforeFlush?.Invoke(walPath);
            SafeFileHandle handle;
            try
            {
                handle = File.OpenHandle(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                // No log: the last connection checkpointed it into the database (flushed) and removed it.
                return;
            }
            using (handle)
                RandomAccess.FlushToDisk(handle);
        }
    }
}
