using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reminders.Settings;
using SoKet.Bot.Reports;

using SoKet.Bot.People;

namespace SoKet.Bot.Reminders.Sending;

/// <summary>
/// Claims due outbox items and sends them, within the tenant's and each conversation's rate limits and the
/// campaign's working hours. One instance per process (it owns the limiters); every item runs in its own DI scope.
/// Several instances share each tenant's limit through a sending lease in the store (<see cref="TenantSendingLeases"/>):
/// a pass lists the tenants with due items, takes or renews the lease of each it can, claims only those tenants'
/// items and sends them at the tenant's whole rate while it holds the lease (renewed in the background every quarter
/// of it). An instance that cannot take a tenant's lease leaves its items alone; when the holder dies, its lease
/// expires and the next pass of another instance takes the tenant over.
/// </summary>
public sealed partial class ReminderSender : IDisposable
{
    internal const string NoConversation = "chưa trò chuyện với bot";
    internal const string Blocked = "đã chặn hoặc gỡ ứng dụng";

    /// <summary>Tenants looked at in one pass; a deployment has one, or a handful.</summary>
    private const int MaxTenantsPerPass = 100;

    private static readonly TimeSpan DepthRefresh = TimeSpan.FromSeconds(10);

    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<RemindersOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<ReminderSender> logger;
    private readonly ConversationRateLimiter _conversations;

    // The tenants whose lease this process holds, each with its own token bucket. Touched by the sending job's one loop.
    private readonly Dictionary<string, TenantState> _tenants = new(StringComparer.Ordinal);
    private long _depth;
    private long _leasesHeld;
    private DateTime _depthReadAtUtc = DateTime.MinValue;

    public ReminderSender(IServiceScopeFactory scopes, IOptions<RemindersOptions> options, TimeProvider clock, ILogger<ReminderSender> logger,
        System.Diagnostics.Metrics.IMeterFactory? meters = null)
    {
        this.scopes = scopes;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        _conversations = new ConversationRateLimiter(options.Value.ConversationLimits());
        Telemetry.SoKetTelemetry.Gauge(meters, "soket.reminders.outbox_depth", () => Interlocked.Read(ref _depth), "{reminder}",
            "Reminders waiting in the outbox (Pending), as last counted by this instance's sender.");
        Telemetry.SoKetTelemetry.Gauge(meters, "soket.reminders.sending_leases", () => Interlocked.Read(ref _leasesHeld), "{tenant}",
            "Tenants whose sending lease this instance holds.");
    }

    /// <summary>Identifies this process's leases: host, process id and a random part, so a restarted process is a new owner.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}/{Environment.MachineName}" is var o && o.Length > 100 ? o[..100] : o;

    /// <summary>One pass: for every tenant with due items whose lease this process holds or takes, claims a batch and processes it; returns how many items were claimed.</summary>
    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
            due = await db.Set<ReminderOutboxItem>().AsNoTracking()
                .Where(i => i.State == ReminderState.Pending && i.DueAtUtc <= now)
                .Select(i => i.TenantKey).Distinct().OrderBy(k => k).Take(MaxTenantsPerPass).ToListAsync(ct);
            await RefreshDepthAsync(db, now, ct);
            // A tenant with nothing due any more: its lease goes back, so another instance need not wait for it to expire.
            foreach (var idle in _tenants.Keys.Where(t => !due.Contains(t)).ToList())
            {
                await scope.ServiceProvider.GetRequiredService<TenantSendingLeases>().ReleaseAsync(idle, Owner, now, ct);
                Drop(idle);
            }
        }

        var claimed = 0;
        foreach (var tenant in due)
            claimed += await RunTenantBatchAsync(tenant, ct);
        return claimed;
    }

    /// <summary>Gives back every lease this process holds (the host is stopping): another instance takes over after a second, not after the lease.</summary>
    public async Task ReleaseLeasesAsync(CancellationToken ct)
    {
        if (_tenants.Count == 0)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<TenantSendingLeases>();
        foreach (var tenant in _tenants.Keys.ToList())
        {
            await leases.ReleaseAsync(tenant, Owner, clock.GetUtcNow().UtcDateTime, ct);
            Drop(tenant);
        }
    }

    private async Task<int> RunTenantBatchAsync(string tenantKey, CancellationToken ct)
    {
        var o = options.Value;
        if (await HoldAsync(tenantKey, ct) is not { } tenant)
            return 0;
        IReadOnlyList<long> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var claims = scope.ServiceProvider.GetRequiredService<IReminderClaimStore>();
            ids = await claims.ClaimAsync(Owner, tenantKey, o.BatchSize, clock.GetUtcNow().UtcDateTime, o.Lease, ct);
        }
        if (ids.Count == 0)
            return 0;

        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewing = KeepRenewingAsync(tenant, stopRenewing.Token);
        try
        {
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = o.MaxParallelSends, CancellationToken = ct },
                async (id, token) =>
                {
                    try
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await ProcessAsync(scope.ServiceProvider, id, tenant, token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        // The lease runs out and the item is claimed again; nothing was stamped, or the stamp decides.
                        LogItemFailed(ex, id);
                    }
                });
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
        }
        return ids.Count;
    }

    /// <summary>Takes or renews the tenant's lease; a lease taken afresh gets a fresh, drained token bucket.</summary>
    private async Task<TenantState?> HoldAsync(string tenantKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await TryTakeAsync(tenantKey, now, ct))
        {
            Drop(tenantKey);
            return null;
        }
        if (!_tenants.TryGetValue(tenantKey, out var tenant) || !tenant.IsValid(now))
        {
            Drop(tenantKey);
            tenant = new TenantState(tenantKey, new TenantRateLimiter(options.Value.PerTenantRatePerSecond, clock));
            tenant.Limiter.Drain();
            _tenants[tenantKey] = tenant;
            Interlocked.Exchange(ref _leasesHeld, _tenants.Count);
            LogLeaseTaken(tenantKey.Length == 0 ? "(none)" : tenantKey, options.Value.PerTenantRatePerSecond);
        }
        tenant.Extend(now + ValidFor);
        return tenant;
    }

    /// <summary>Renews the lease every quarter of it while a batch is being sent; a lost lease stops the batch's remaining sends.</summary>
    private async Task KeepRenewingAsync(TenantState tenant, CancellationToken stop)
    {
        var period = options.Value.SendingLease / 4;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, stop);
                var now = clock.GetUtcNow().UtcDateTime;
                if (await TryTakeAsync(tenant.Key, now, stop))
                    tenant.Extend(now + ValidFor);
                else
                {
                    tenant.Lose();
                    LogLeaseLost(tenant.Key.Length == 0 ? "(none)" : tenant.Key);
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store is unreachable: the lease is kept only as long as it was last renewed for.
                LogRenewFailed(ex);
            }
        }
    }

    private async Task<bool> TryTakeAsync(string tenantKey, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TenantSendingLeases>().TryTakeAsync(tenantKey, Owner, now, options.Value.SendingLease, ct);
    }

    /// <summary>How long after a renewal this process still sends: three quarters of the lease, a quarter left for clock drift and the last call in flight.</summary>
    private TimeSpan ValidFor => options.Value.SendingLease - options.Value.SendingLease / 4;

    private void Drop(string tenantKey)
    {
        if (_tenants.Remove(tenantKey, out var tenant))
            tenant.Limiter.Dispose();
        Interlocked.Exchange(ref _leasesHeld, _tenants.Count);
    }

    private async Task RefreshDepthAsync(SoKetDbContext db, DateTime now, CancellationToken ct)
    {
        if (now - _depthReadAtUtc < DepthRefresh && now >= _depthReadAtUtc)
            return;
        _depthReadAtUtc = now;
        Interlocked.Exchange(ref _depth, await db.Set<ReminderOutboxItem>().CountAsync(i => i.State == ReminderState.Pending, ct));
    }

    private static void Finished(ReminderState state) =>
        Telemetry.SoKetTelemetry.RemindersFinished.Add(1, new KeyValuePair<string, object?>("soket.reminder.state", state.ToString()));

    /// <summary>The tenant of a recipient's chat as a lease key ("" without one).</summary>
    internal static string TenantKeyOf(string? tenantId) =>
        string.IsNullOrWhiteSpace(tenantId) ? "" : tenantId.Trim() is { Length: > 64 } long_ ? long_[..64] : tenantId.Trim();

    /// <summary>A tenant whose lease this process holds: its token bucket, and until when it may send.</summary>
    private sealed class TenantState(string key, TenantRateLimiter limiter)
    {
        private long _validUntilTicks;

        public string Key { get; } = key;
        public TenantRateLimiter Limiter { get; } = limiter;

        public bool IsValid(DateTime nowUtc) => nowUtc.Ticks < Interlocked.Read(ref _validUntilTicks);

        public void Extend(DateTime untilUtc) => Interlocked.Exchange(ref _validUntilTicks, untilUtc.Ticks);

        public void Lose() => Interlocked.Exchange(ref _validUntilTicks, 0);
    }

    private async Task ProcessAsync(IServiceProvider services, long id, TenantState tenant, CancellationToken ct)
    {
        var db = services.GetRequiredService<SoKetDbContext>();
        var outbox = services.GetRequiredService<ReminderOutbox>();
        var item = await db.Set<ReminderOutboxItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null || item.State != ReminderState.Pending || item.LeaseOwner != Owner)
            return;
        var now = clock.GetUtcNow();

        if (item.SendStartedAtUtc is { } started)
        {
            if (now.UtcDateTime - started >= options.Value.InFlightGrace)
                await outbox.CloseAbandonedAsync(id, Owner, started, now.UtcDateTime, ct);
            else
                await outbox.PostponeAsync(id, Owner, started + options.Value.InFlightGrace, ct);
            return;
        }

        var rules = await services.GetRequiredService<ReminderSettingsService>().ForCampaignAsync(item.CampaignId, ct);
        if (!rules.Calendar.IsOpen(now))
        {
            await outbox.PostponeAsync(id, Owner, rules.Calendar.NextOpening(now).UtcDateTime, ct);
            return;
        }

        var today = rules.Calendar.LocalDate(now);
        var message = await ComposeAsync(services, item, today, ct);
        if (message.Skip is { } reason)
        {
            await outbox.CloseUnsentAsync(id, Owner, ReminderState.Skipped, reason, ct);
            Finished(ReminderState.Skipped);
            return;
        }

        var person = item.PersonId is { } personId ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct) : null;
        var record = person is null ? null : await PersonalConversationAsync(db, person, ct);
        if (record is null || !record.IsReachable)
        {
            await outbox.CloseUnsentAsync(id, Owner, ReminderState.Unreachable, record is null ? NoConversation : Blocked, ct);
            Finished(ReminderState.Unreachable);
            return;
        }
        // Written under another tenant (the recipient's chat was not known then, or moved): the holder of the right lease sends it.
        if (TenantKeyOf(record.TenantId) is var tenantKey && tenantKey != item.TenantKey)
        {
            await outbox.MoveToTenantAsync(id, Owner, tenantKey, ct);
            return;
        }

        var wait = _conversations.TryReserve(record.ConversationId);
        if (wait > TimeSpan.Zero)
        {
            await outbox.PostponeAsync(id, Owner, now.UtcDateTime + wait, ct);
            return;
        }
        await tenant.Limiter.AcquireAsync(ct);
        if (!tenant.IsValid(clock.GetUtcNow().UtcDateTime))
        {
            // The lease ran out (or was lost) while this send waited for its token: the next holder sends it.
            await outbox.PostponeAsync(id, Owner, clock.GetUtcNow().UtcDateTime, ct);
            return;
        }

        // The stamp is later matched by equality: keep it to whole microseconds, the precision PostgreSQL stores.
        var stampedAt = clock.GetUtcNow().UtcDateTime;
        var startedAt = stampedAt.AddTicks(-(stampedAt.Ticks % 10));
        if (!await outbox.BeginSendAsync(id, Owner, startedAt, ct))
            return;
        await SendAsync(services, outbox, tenant.Limiter, id, startedAt, ConversationReferenceStore.ToReference(record), message.Activity!, ct);
    }

    private async Task SendAsync(IServiceProvider services, ReminderOutbox outbox, TenantRateLimiter limiter, long id, DateTime startedAt, ConversationReference reference, Activity activity, CancellationToken ct)
    {
        var messenger = services.GetRequiredService<ProactiveMessenger>();
        ReminderState state;
        string? error = null;
        try
        {
            state = await messenger.SendAsync(reference, activity, ct) == Conversations.ProactiveOutcome.Sent ? ReminderState.Sent : ReminderState.Unreachable;
            if (state == ReminderState.Unreachable)
                error = Blocked;
        }
        catch (ConnectorException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests || ConnectorResilience.IsRetryable(ex.StatusCode))
        {
            // Refused, so not delivered: safe to send again later.
            var wait = ex.RetryAfter ?? options.Value.RetryDelay;
            if (ex.StatusCode == HttpStatusCode.TooManyRequests)
                limiter.PauseFor(wait);
            await outbox.RetryLaterAsync(id, startedAt, clock.GetUtcNow().UtcDateTime + wait, $"{(int)ex.StatusCode}: {ex.Message}", CancellationToken.None);
            return;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            await outbox.RetryLaterAsync(id, startedAt, clock.GetUtcNow().UtcDateTime + options.Value.RetryDelay, ex.Message, CancellationToken.None);
            return;
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or TimeoutException)
        {
            // Rejected for good (400, 404…), or the request may have reached Teams: not sent again (at most once).
            state = ReminderState.Failed;
            error = ex.Message;
        }
        await outbox.FinishAsync(id, startedAt, state, error, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        Finished(state);
    }

    private sealed record Composed(Activity? Activity, string? Skip);

    private static async Task<Composed> ComposeAsync(IServiceProvider services, ReminderOutboxItem item, DateOnly today, CancellationToken ct)
    {
        var status = services.GetRequiredService<SubmissionStatusQuery>();
        var composer = services.GetRequiredService<ReminderMessageComposer>();
        var db = services.GetRequiredService<SoKetDbContext>();
        switch (item.Kind)
        {
            case ReminderKind.UnitReminder or ReminderKind.Manual:
                var unit = (await status.ListAsync(item.CampaignId, [item.UnitId], ct)).FirstOrDefault();
                if (unit is null)
                    return new(null, "Đợt sơ kết đã kết thúc hoặc đơn vị không còn trong danh sách.");
                if (unit.IsSubmitted)
                    return new(null, "Đơn vị đã nộp báo cáo.");
                if (unit.Deadline is null)
                    return new(null, "Đơn vị chưa có thời hạn nộp báo cáo.");
                return new(composer.UnitReminder(unit, today, item.Kind == ReminderKind.Manual), null);
            case ReminderKind.LeaderDigest:
                var leaderUnits = await db.Units.AsNoTracking().Where(u => u.CampaignId == item.CampaignId && u.LeaderPersonId == item.PersonId).Select(u => u.Id).ToListAsync(ct);
                var late = (await status.ListAsync(item.CampaignId, leaderUnits, ct)).Where(u => u.IsLate(today)).ToList();
                return late.Count == 0 ? new(null, "Không còn đơn vị quá hạn.") : new(composer.LeaderDigest(late, today), null);
            default:
                var units = await status.ListAsync(item.CampaignId, null, ct);
                if (units.Count == 0)
                    return new(null, "Đợt sơ kết đã kết thúc.");
                var unreachable = await db.Set<ReminderOutboxItem>().Where(i => i.CampaignId == item.CampaignId && i.State == ReminderState.Unreachable)
                    .Select(i => i.PersonId).Distinct().CountAsync(ct);
                return new(composer.AdminSummary(units, today, unreachable), null);
        }
    }

    /// <summary>The person's 1:1 chat with the bot, reachable or not (a blocked one is reported, not skipped silently).</summary>
    public static async Task<ConversationReferenceRecord?> PersonalConversationAsync(SoKetDbContext db, Person person, CancellationToken ct)
    {
        // Two indexed look-ups rather than one OR, which SQLite would answer by scanning every conversation.
        var personal = db.ConversationReferences.AsNoTracking().Where(r => r.ConversationType == null || r.ConversationType == "personal");
        var aad = person.AadObjectId;
        if (aad is not null && await personal.Where(r => r.UserAadObjectId == aad).OrderByDescending(r => r.UpdatedAtUtc).FirstOrDefaultAsync(ct) is { } byAad)
            return byAad;
        var (channelId, userId) = (person.ChannelId, person.ChannelUserId);
        if (channelId is null || userId is null)
            return null;
        return await personal.Where(r => r.ChannelId == channelId && r.UserId == userId).OrderByDescending(r => r.UpdatedAtUtc).FirstOrDefaultAsync(ct);
    }

    public void Dispose()
    {
        foreach (var tenant in _tenants.Values)
            tenant.Limiter.Dispose();
        _tenants.Clear();
        _conversations.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance took the sending lease of tenant {TenantKey}; it sends that tenant's reminders at {Rate}/s")]
    private partial void LogLeaseTaken(string tenantKey, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sending lease of tenant {TenantKey} was taken by another instance; this instance stops sending its reminders")]
    private partial void LogLeaseLost(string tenantKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing a sending lease failed; it holds until its last renewal runs out")]
    private partial void LogRenewFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Id} could not be processed; it is retried when its lease expires")]
    private partial void LogItemFailed(Exception exception, long id);
}
