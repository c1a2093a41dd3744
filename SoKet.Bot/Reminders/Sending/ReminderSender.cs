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
/// </summary>
public sealed partial class ReminderSender(
    IServiceScopeFactory scopes,
    IOptions<RemindersOptions> options,
    TimeProvider clock,
    ILogger<ReminderSender> logger) : IDisposable
{
    internal const string NoConversation = "chưa trò chuyện với bot";
    internal const string Blocked = "đã chặn hoặc gỡ ứng dụng";

    private readonly TenantRateLimiter _tenant = new(options.Value.PerTenantRatePerSecond, clock);
    private readonly ConversationRateLimiter _conversations = new(options.Value.ConversationLimits());

    /// <summary>Identifies this process's leases: host, process id and a random part, so a restarted process is a new owner.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}/{Environment.MachineName}" is var o && o.Length > 100 ? o[..100] : o;

    /// <summary>Claims one batch and processes it; returns how many items were claimed.</summary>
    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        var o = options.Value;
        IReadOnlyList<long> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var claims = scope.ServiceProvider.GetRequiredService<IReminderClaimStore>();
            ids = await claims.ClaimAsync(Owner, o.BatchSize, clock.GetUtcNow().UtcDateTime, o.Lease, ct);
        }
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = o.MaxParallelSends, CancellationToken = ct },
            async (id, token) =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await ProcessAsync(scope.ServiceProvider, id, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // The lease runs out and the item is claimed again; nothing was stamped, or the stamp decides.
                    LogItemFailed(ex, id);
                }
            });
        return ids.Count;
    }

    private async Task ProcessAsync(IServiceProvider services, long id, CancellationToken ct)
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
            return;
        }

        var person = item.PersonId is { } personId ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct) : null;
        var record = person is null ? null : await PersonalConversationAsync(db, person, ct);
        if (record is null || !record.IsReachable)
        {
            await outbox.CloseUnsentAsync(id, Owner, ReminderState.Unreachable, record is null ? NoConversation : Blocked, ct);
            return;
        }

        var wait = _conversations.TryReserve(record.ConversationId);
        if (wait > TimeSpan.Zero)
        {
            await outbox.PostponeAsync(id, Owner, now.UtcDateTime + wait, ct);
            return;
        }
        await _tenant.AcquireAsync(ct);

        // The stamp is later matched by equality: keep it to whole microseconds, the precision PostgreSQL stores.
        var stampedAt = clock.GetUtcNow().UtcDateTime;
        var startedAt = stampedAt.AddTicks(-(stampedAt.Ticks % 10));
        if (!await outbox.BeginSendAsync(id, Owner, startedAt, ct))
            return;
        await SendAsync(services, outbox, id, startedAt, ConversationReferenceStore.ToReference(record), message.Activity!, ct);
    }

    private async Task SendAsync(IServiceProvider services, ReminderOutbox outbox, long id, DateTime startedAt, ConversationReference reference, Activity activity, CancellationToken ct)
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
                _tenant.PauseFor(wait);
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
        _tenant.Dispose();
        _conversations.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Id} could not be processed; it is retried when its lease expires")]
    private partial void LogItemFailed(Exception exception, long id);
}
