using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reminders.Sending;
using SoKet.Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>
/// Three bot processes on one PostgreSQL database fan out one tenant's reminders to a loopback Connector that
/// enforces the tenant's limit with 429s, each process configured with the whole limit. The tenant's sending lease
/// lets one process send at a time: the combined rate stays within the limit; the lease holder is killed mid-run and
/// another process takes the tenant over; no conversation gets two reminders and none is lost.
/// </summary>
public sealed class TenantSendingLeaseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int UnitCount = 600;
    private const double Limit = 30;
    private const string Tenant = "5c3b1d6e-0f57-4d6b-9a52-7f3e2b1c9d40";
    private const int MaxParallelSends = 8;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "soket-lease", Guid.NewGuid().ToString("N"));
    private readonly List<string> _conversations = [];
    private readonly List<BotProcess> _processes = [];
    private readonly RateLimitedConnector _connector = new(Limit);
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new TestStore(_directory, StoreProvider.PostgreSql);
        await _connector.StartAsync();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
            process.Dispose();
        await _connector.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task Three_processes_share_the_tenants_limit_through_its_sending_lease_and_survive_the_holder_being_killed()
    {
        var started = Stopwatch.GetTimestamp();
        var processes = Enumerable.Range(0, 3).Select(_ => Start()).ToList();
        while (_connector.AcceptedAt.Count < UnitCount / 3)
        {
            Assert.All(processes, p => Assert.False(p.HasExited, "A bot process exited: " + p.Tail));
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(120), $"Only {_connector.AcceptedAt.Count} reminders after 120 s. " + string.Join("\n----\n", processes.Select(p => p.Tail)));
            await Task.Delay(50);
        }

        // Kill the process holding the tenant's lease: the others must take the tenant over.
        string holder;
        await using (var db = _store.Open())
            holder = (await db.Set<SendingLease>().AsNoTracking().SingleAsync(l => l.TenantKey == Tenant)).Owner ?? "";
        var victim = processes.Single(p => holder.StartsWith(p.Id.ToString(CultureInfo.InvariantCulture) + "/", StringComparison.Ordinal));
        var killedAt = Stopwatch.GetTimestamp();
        victim.Kill();
        var survivors = processes.Where(p => p != victim).ToList();

        await WaitUntilSettledAsync(survivors);
        var finished = Stopwatch.GetTimestamp();

        string newHolder;
        await using (var db = _store.Open())
            newHolder = (await db.Set<SendingLease>().AsNoTracking().SingleAsync(l => l.TenantKey == Tenant)).Owner ?? "(released)";
        var accepted = _connector.AcceptedAt.Order().ToArray();
        var window = Stopwatch.GetElapsedTime(accepted[0], accepted[^1]).TotalSeconds;
        var rate = (accepted.Length - 1) / window;
        var peakAccepted = RateLimitedConnector.PeakPerSecond(accepted);
        var peakAttempts = RateLimitedConnector.PeakPerSecond(_connector.AttemptedAt);
        var duplicates = _connector.Accepted.Where(p => p.Value > 1).Select(p => $"{p.Key}×{p.Value}").ToList();
        var missing = _conversations.Where(c => !_connector.Accepted.ContainsKey(c)).ToHashSet();
        var unconfirmed = await UnconfirmedAsync(missing);
        // The takeover shows as the longest pause between two accepted messages after the kill.
        var afterKill = accepted.Where(a => a >= killedAt).Prepend(killedAt).ToArray();
        var takeover = afterKill.Zip(afterKill.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalSeconds).DefaultIfEmpty(0).Max();
        // The steady rate: messages per whole second while someone was sending (pauses and the first and last second left out).
        var perSecond = accepted.GroupBy(a => (long)Stopwatch.GetElapsedTime(accepted[0], a).TotalSeconds).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        var steady = perSecond.Length > 2 ? perSecond[1..^1].Where(c => c > 0).Order().ElementAt(perSecond[1..^1].Count(c => c > 0) / 2) : 0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"3 processes, PostgreSQL, {UnitCount} reminders, limit {Limit}/s: {accepted.Length} accepted in {window:F1} s = {rate:F1}/s = {rate / Limit:P1} of the limit; " +
            $"peak {peakAccepted} accepted and {peakAttempts} attempts in any 1 s; 429s {_connector.Throttled} ({(double)_connector.Throttled / _connector.AttemptedAt.Count:P1} of attempts); " +
            $"duplicates {duplicates.Count}; not delivered {missing.Count} (all closed \"Unconfirmed\": in flight in the killed process: {unconfirmed}); " +
            $"median {steady}/s over the seconds with sends ({steady / Limit:P0} of the limit); " +
            $"holder killed after {Stopwatch.GetElapsedTime(started, killedAt).TotalSeconds:F1} s, longest pause after it {takeover:F1} s (lease {4} s); lease now {newHolder}; " +
            $"wall {Stopwatch.GetElapsedTime(started, finished).TotalSeconds:F1} s"));

        Assert.True(duplicates.Count == 0, "Reminded more than once: " + string.Join(", ", duplicates));
        Assert.True(unconfirmed == missing.Count, $"{missing.Count - unconfirmed} reminders lost without explanation.");
        Assert.True(missing.Count <= MaxParallelSends, $"{missing.Count} stamped sends never reached the Connector, more than the killed process had in flight.");
        Assert.False(string.IsNullOrEmpty(newHolder) || newHolder.StartsWith(victim.Id.ToString(CultureInfo.InvariantCulture) + "/", StringComparison.Ordinal) && newHolder != "(released)",
            "The killed process still holds the lease.");
        // Without the lease, three processes at the whole limit would attempt about three times the limit, and two
        // attempts in three would be refused. With it, refusals are the exception (a 1 s boundary between the
        // holder's bucket and the Connector's), not the rule.
        Assert.True(_connector.Throttled <= _connector.AttemptedAt.Count / 20,
            $"{_connector.Throttled} of {_connector.AttemptedAt.Count} attempts refused with 429: the processes together exceeded the tenant's limit.");
    }

    private BotProcess Start()
    {
        var environment = new Dictionary<string, string>
        {
            ["Store__Provider"] = StoreProvider.PostgreSqlName,
            ["Store__ConnectionString"] = _store.ConnectionString,
            ["Store__DataDirectory"] = _directory,
            ["Reminders__PlannerEnabled"] = "true",
            ["Reminders__SenderEnabled"] = "true",
            ["Reminders__PlannerInterval"] = "00:00:02",
            ["Reminders__SenderPollInterval"] = "00:00:00.500",
            ["Reminders__BatchSize"] = "60",
            ["Reminders__MaxParallelSends"] = MaxParallelSends.ToString(CultureInfo.InvariantCulture),
            ["Reminders__PerTenantRatePerSecond"] = Limit.ToString(CultureInfo.InvariantCulture),
            ["Reminders__SendingLease"] = "00:00:04",
            ["Reminders__Lease"] = "00:00:08",
            ["Reminders__InFlightGrace"] = "00:00:04",
            ["Reminders__DaysBefore__0"] = "3",
            ["Reminders__SendAt"] = "00:00",
            ["Reminders__WorkingHours__Opens"] = "00:00",
            ["Reminders__WorkingHours__Closes"] = "23:59",
            ["WebChat__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            // Three planners insert the same reminders at once; the losers' refused inserts are expected, not news.
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "None",
            ["Logging__LogLevel__SoKet.Bot.Reminders"] = "Information",
        };
        for (var day = 0; day < 7; day++)
            environment[$"Reminders__WorkingHours__Days__{day}"] = ((DayOfWeek)day).ToString();
        var process = BotProcess.Start(environment);
        _processes.Add(process);
        return process;
    }

    private async Task SeedAsync()
    {
        await _store.MigrateAsync();
        await using var db = _store.Open();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SoKet.Bot.Export.VietnameseFormat.VietnamTimeZone).DateTime);
        var campaign = new Campaign { Id = Guid.NewGuid(), Code = "125-KH/ThU", Title = "Sơ kết", IssuingBody = "Ban Thường vụ", CreatedBy = "test", CreatedAtUtc = DateTime.UtcNow };
        var group = new CampaignGroup { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Cấp cơ sở" };
        campaign.Groups.Add(group);
        campaign.Deadlines.Add(new CampaignDeadline
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, GroupId = group.Id, Due = DueKind.Report, Timing = DeadlineTiming.OnDate,
            Date = today.AddDays(3).ToDateTime(TimeOnly.MinValue), What = "Gửi báo cáo", Source = "test",
        });
        db.Campaigns.Add(campaign);
        for (var n = 1; n <= UnitCount; n++)
        {
            var aad = Guid.NewGuid().ToString();
            var person = new Person { Id = Guid.NewGuid(), DisplayName = $"Cán bộ {n}", AadObjectId = aad };
            var unit = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, GroupId = group.Id, Name = $"Chi bộ {n}" };
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id });
            var conversation = $"a:lease-{n}";
            db.People.Add(person);
            db.Units.Add(unit);
            db.ConversationReferences.Add(new ConversationReferenceRecord
            {
                ChannelId = ChannelIds.Teams, ConversationId = conversation, ConversationType = "personal", ServiceUrl = _connector.ServiceUrl,
                TenantId = Tenant, UserId = "29:" + aad, UserAadObjectId = aad, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            });
            _conversations.Add(conversation);
        }
        await db.SaveChangesAsync();
    }

    private async Task WaitUntilSettledAsync(IReadOnlyList<BotProcess> processes)
    {
        var giveUp = Stopwatch.StartNew();
        while (true)
        {
            Assert.All(processes, p => Assert.False(p.HasExited, "A bot process exited: " + p.Tail));
            await using (var db = _store.Open())
            {
                var unitItems = db.Set<ReminderOutboxItem>().Where(i => i.Kind == ReminderKind.UnitReminder);
                if (await unitItems.CountAsync() == UnitCount && !await unitItems.AnyAsync(i => i.State == ReminderState.Pending))
                    return;
            }
            Assert.True(giveUp.Elapsed < TimeSpan.FromSeconds(180), "Reminders still pending after 180 s. " + processes[0].Tail);
            await Task.Delay(200);
        }
    }

    /// <summary>How many of the undelivered conversations' items were closed as stamped-but-unconfirmed (at most once).</summary>
    private async Task<int> UnconfirmedAsync(IReadOnlySet<string> missing)
    {
        await using var db = _store.Open();
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => "a:lease-" + p.DisplayName!.Split(' ')[^1]);
        var items = await db.Set<ReminderOutboxItem>().AsNoTracking().Where(i => i.Kind == ReminderKind.UnitReminder).ToListAsync();
        return items.Count(i => missing.Contains(people[i.PersonId!.Value]) && i.State == ReminderState.Sent
            && i.LastError?.StartsWith("Unconfirmed", StringComparison.Ordinal) == true);
    }
}
