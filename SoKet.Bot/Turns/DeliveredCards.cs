using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;

namespace SoKet.Bot.Turns;

/// <summary>Settings of <see cref="DeliveredCardWriter"/>.</summary>
public sealed class DeliveredCardOptions
{
    public const string Section = "DeliveredCards";

    /// <summary>
    /// How long the writer waits after the first waiting id, so that one transaction takes those that follow. An id
    /// lost in a kill -9 within this time only means its card is not closed by the next one.
    /// </summary>
    public TimeSpan WriteDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// The message ids of live cards that were delivered and are not yet written into their conversation's state
/// (<see cref="CardLifecycle"/>). Writing each id at once was a second write transaction in every turn, through the
/// store's one writer: a fifth of a warm turn's time (bench/README.md). Now whichever comes first writes it: the
/// conversation's next turn on this instance, with everything else it stores, or <see cref="DeliveredCardWriter"/>,
/// which writes what is left a moment later, many conversations in one transaction.
/// <para>
/// Only the id is ever this late. A card whose id is lost (a kill -9 within the moment, or the next turn on another
/// instance first) cannot be closed by the next card, exactly as when the write failed before: closing is cosmetic,
/// and a stale button is still refused by the flow token.
/// </para>
/// </summary>
public sealed class DeliveredCards
{
    /// <summary>A delivered card: its flow token and message id, the state version its turn stored, and that state with the id written in.</summary>
    /// <remarks>The state is kept as the turn left it (nothing changes it after the turn); only the writer serializes it.</remarks>
    internal sealed record Entry(string Token, string Id, int Version, JsonObject State)
    {
        // Real time, not the injected clock: this is how long the id has been waiting in this process.
        public long AddedAt { get; } = Stopwatch.GetTimestamp();
    }

    private readonly ConcurrentDictionary<string, Entry> pending = new(StringComparer.Ordinal);

    // A wake-up for the writer: one signal stands for any number of ids added meanwhile.
    private readonly Channel<bool> added = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// Keeps the id of the conversation's newest card: a card delivered late (its POST hung while a newer turn was
    /// stored and answered) does not take the place of the newer one.
    /// </summary>
    internal void Add(string stateKey, Entry entry)
    {
        pending.AddOrUpdate(stateKey, entry, (_, waiting) => waiting.Version > entry.Version ? waiting : entry);
        added.Writer.TryWrite(true);
    }

    /// <summary>
    /// A turn read the conversation's state at <paramref name="version"/>: when the id of its live card is still
    /// waiting here, it is written into <paramref name="state"/>, and the turn stores it. The entry is returned so
    /// that the turn can drop it once stored (<see cref="Stored"/>); until then the writer may still write it.
    /// </summary>
    internal Entry? ApplyTo(string stateKey, int version, JsonObject state)
    {
        if (!pending.TryGetValue(stateKey, out var entry) || entry.Version != version)
            return null;
        return CardLifecycle.Remember(state, entry.Token, entry.Id) ? entry : null;
    }

    /// <summary>The id is in the store (or can no longer be written there): forgotten, unless a newer card took its place.</summary>
    internal void Stored(string stateKey, Entry entry) => pending.TryRemove(KeyValuePair.Create(stateKey, entry));

    internal bool IsEmpty => pending.IsEmpty;

    /// <summary>The ids that have waited at least <paramref name="age"/>: their conversation had no next turn meanwhile.</summary>
    internal List<KeyValuePair<string, Entry>> WaitingFor(TimeSpan age)
    {
        var now = Stopwatch.GetTimestamp();
        var ripe = new List<KeyValuePair<string, Entry>>();
        // Enumerating a ConcurrentDictionary is safe while it changes; copying it to an array is not.
        foreach (var item in pending)
        {
            if (Stopwatch.GetElapsedTime(item.Value.AddedAt, now) >= age)
                ripe.Add(item);
        }
        return ripe;
    }

    internal ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => added.Reader.WaitToReadAsync(cancellationToken);

    internal void Acknowledge() => added.Reader.TryRead(out _);
}

/// <summary>
/// Writes the delivered cards' ids that no turn took (<see cref="DeliveredCards"/>): those that have waited
/// <see cref="DeliveredCardOptions.WriteDelay"/>, all in one transaction, each guarded by the state version its turn
/// stored. A younger id is left to its conversation's next turn: writing it would only race that turn and make one
/// of them start again. A row that a newer turn has stored meanwhile is left as that turn stored it. What is left at
/// shutdown is written before the host stops.
/// </summary>
public sealed partial class DeliveredCardWriter(
    DeliveredCards delivered, IOptions<DeliveredCardOptions> options, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeliveredCardWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await delivered.WaitAsync(stoppingToken))
            {
                delivered.Acknowledge();
                // While ids wait, each round writes those that waited a whole delay. Real time, not the injected clock.
                while (!delivered.IsEmpty)
                {
                    await Task.Delay(options.Value.WriteDelay, stoppingToken);
                    await WriteAsync(options.Value.WriteDelay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(TimeSpan.Zero, cancellationToken);
    }

    /// <summary>Writes the ids that have waited at least <paramref name="age"/>; never throws.</summary>
    internal async Task WriteAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, DeliveredCards.Entry>> batch = [];
        try
        {
            batch = delivered.WaitingFor(age);
            if (batch.Count == 0)
                return;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<ActiveStore>();
            while (batch.Count > 0)
            {
                db.ChangeTracker.Clear();
                var rows = new Dictionary<ConversationStateRecord, KeyValuePair<string, DeliveredCards.Entry>>(ReferenceEqualityComparer.Instance);
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var item in batch)
                {
                    // Attached as the turn stored it, without reading it: the update is guarded by that version.
                    var row = db.ConversationStates.Attach(new ConversationStateRecord { Key = item.Key, Json = "", Version = item.Value.Version }).Entity;
                    row.Json = item.Value.State.ToJsonString(ConversationStateRecord.JsonOptions);
                    row.Version = item.Value.Version + 1;
                    row.UpdatedAtUtc = now;
                    rows[row] = item;
                }
                try
                {
                    // Lost in a power cut, an id only means the next card cannot close this one: no need to wait for the disk.
                    await store.Provider.SaveDeferringFlushAsync(db, cancellationToken);
                    foreach (var item in batch)
                        delivered.Stored(item.Key, item.Value);
                    return;
                }
                catch (DbUpdateConcurrencyException ex)
                {
                    // A newer turn stored the row first (and, on this instance, took the id with it): that row is left
                    // as it is, the rest are written again. Each round drops at least one row, or the rest are let go.
                    var dropped = 0;
                    foreach (var entry in ex.Entries)
                    {
                        if (entry.Entity is ConversationStateRecord row && rows.TryGetValue(row, out var item) && batch.Remove(item))
                        {
                            delivered.Stored(item.Key, item.Value);
                            dropped++;
                        }
                    }
                    if (dropped == 0)
                    {
                        LogNotWritten(batch.Count);
                        break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWriteFailed(ex, batch.Count);
        }
        // Whatever could not be written is let go: it would fail the same way again, and only a card's closing waits on it.
        foreach (var item in batch)
            delivered.Stored(item.Key, item.Value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} delivered card ids conflicted with newer turns and were not written")]
    private partial void LogNotWritten(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} delivered card ids failed; their cards will not be closed by the next ones")]
    private partial void LogWriteFailed(Exception exception, int count);
}
