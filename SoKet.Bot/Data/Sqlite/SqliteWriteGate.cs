using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SoKet.Bot.Data;

/// <summary>
/// SQLite lets one writer in at a time. Left to the driver, concurrent writers of one process wait for the lock by
/// sleeping on thread-pool threads (Microsoft.Data.Sqlite retries BEGIN with Thread.Sleep), which PERFORMANCE.md
/// measured at a third of all thread time under load. Instead every SaveChanges of the process queues here on an
/// async gate, one per database file: waiting costs no thread, and the database lock is free whenever a writer of
/// this process asks for it. Other processes on the same file (the command line) still meet SQLite's busy timeout.
/// Explicit transactions are not gated (they are rare: migrations, bulk imports, the store copy).
/// <para>
/// The gate is taken when SaveChanges begins its transaction, not when SaveChanges starts: finding the changes and
/// building the commands need no lock, and under load everything the holder does is multiplied by the time the
/// scheduler keeps it off a core while others wait (bench/README.md). Every save runs in a transaction of its own
/// (EF Core would run a lone statement without one), so that no write escapes the gate.
/// </para>
/// </summary>
internal sealed class SqliteWriteGate(string dataSource) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // The contexts in a SaveChanges that owns its transaction, and those of them holding the gate right now.
    private static readonly ConditionalWeakTable<DbContext, object> Saving = [];
    private static readonly ConditionalWeakTable<DbContext, object> Holders = [];
    private static readonly object Marker = new();

    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = Gates.GetOrAdd(dataSource, _ => new SemaphoreSlim(1, 1));

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Starting(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Starting(eventData.Context);
        return result;
    }

    private static void Starting(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null)
            return;
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        Saving.AddOrUpdate(context, Marker);
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Saving.TryGetValue(context, out _))
        {
            // Bounded: should the gate ever be held by a writer that never finishes, saves fail loudly instead of hanging.
            if (!await _gate.WaitAsync(MaxWait, cancellationToken))
                throw new TimeoutException($"The store's write gate was not free within {MaxWait}.");
            Holders.AddOrUpdate(context, this);
        }
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (eventData.Context is { } context && Saving.TryGetValue(context, out _))
        {
            if (!_gate.Wait(MaxWait))
                throw new TimeoutException($"The store's write gate was not free within {MaxWait}.");
            Holders.AddOrUpdate(context, this);
        }
        return result;
    }

    // Committed: the lock is SQLite's no more.
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    // A failed save's transaction is rolled back when SaveChanges disposes it, before these run.
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        End(eventData.Context);
        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => End(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => End(eventData.Context);

    // A version check that failed ends SaveChanges here, not in SaveChangesFailed: the gate must be let go too.
    public ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        End(eventData.Context);
        return result;
    }

    private void End(DbContext? context)
    {
        if (context is null)
            return;
        Saving.Remove(context);
        Release(context);
    }

    private void Release(DbContext? context)
    {
        if (context is not null && Holders.Remove(context))
            _gate.Release();
    }
}
