using System.Collections.Concurrent;
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
/// </summary>
internal sealed class SqliteWriteGate(string dataSource) : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // The contexts whose SaveChanges holds the gate right now.
    private static readonly ConditionalWeakTable<DbContext, object> Holders = [];

    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = Gates.GetOrAdd(dataSource, _ => new SemaphoreSlim(1, 1));

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            // Bounded: should the gate ever be held by a writer that never finishes, saves fail loudly instead of hanging.
            if (!await _gate.WaitAsync(MaxWait, cancellationToken))
                throw new TimeoutException($"The store's write gate was not free within {MaxWait}.");
            Holders.AddOrUpdate(context, this);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            if (!_gate.Wait(MaxWait))
                throw new TimeoutException($"The store's write gate was not free within {MaxWait}.");
            Holders.AddOrUpdate(context, this);
        }
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    // A version check that failed ends SaveChanges here, not in SaveChangesFailed: the gate must be let go too.
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData.Context);
        return result;
    }

    private void Release(DbContext? context)
    {
        if (context is not null && Holders.Remove(context))
            _gate.Release();
    }
}
