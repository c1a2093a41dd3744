using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Demo;

/// <summary>
/// The real bot started as `--demo` does (Demo:Enabled), with a manual clock, so the demo's dates are known: the
/// default start is Friday 13/03/2026 10:00 in Hanoi. A second bed on the same store is a restart.
/// </summary>
internal sealed class DemoBed : IDisposable
{
    /// <summary>Friday 13/03/2026 10:00 (UTC+7).</summary>
    public static readonly DateTimeOffset Friday = new(2026, 3, 13, 10, 0, 0, TimeSpan.FromHours(7));

    private DemoBed(BotApp app, ManualTimeProvider clock, CapturingLoggerProvider logs)
    {
        App = app;
        Clock = clock;
        Logs = logs;
    }

    public BotApp App { get; }
    public ManualTimeProvider Clock { get; }
    public CapturingLoggerProvider Logs { get; }

    /// <param name="restartOf">A bed whose store this one starts on (a restart of the same installation).</param>
    public static DemoBed Start(DateTimeOffset? now = null, DemoBed? restartOf = null, Action<Dictionary<string, string?>>? settings = null)
    {
        var clock = new ManualTimeProvider(now ?? Friday);
        var logs = new CapturingLoggerProvider();
        var app = new BotApp();
        app.Settings["Demo:Enabled"] = "true";
        if (restartOf is not null)
        {
            foreach (var (key, value) in restartOf.App.StoreSettings)
                app.Settings[key] = value;
        }
        settings?.Invoke(app.Settings);
        app.TestServices = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<ILoggerProvider>(logs);
        };
        app.Start();
        return new DemoBed(app, clock, logs);
    }

    public SoKetDbContext OpenStore() => App.OpenStore();

    public async Task<Campaign> CampaignAsync()
    {
        await using var db = OpenStore();
        return await db.Campaigns.AsNoTracking().Include(c => c.Groups).Include(c => c.Deadlines).Include(c => c.Sections).Include(c => c.Units)
            .AsSplitQuery().SingleAsync(c => c.CreatedBy == "demo");
    }

    /// <summary>Each unit's report status by unit name (units with no report are NotStarted).</summary>
    public async Task<Dictionary<string, ReportStatus>> StatusesAsync()
    {
        await using var db = OpenStore();
        var units = await db.Units.AsNoTracking().ToListAsync();
        var reports = await db.Reports.AsNoTracking().ToListAsync();
        return units.ToDictionary(u => u.Name, u => reports.FirstOrDefault(r => r.UnitId == u.Id)?.Status ?? ReportStatus.NotStarted);
    }

    /// <summary>How many rows every table holds, and what the demo's dates and states are: what a restart must not change.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = OpenStore();
        var counts = new[]
        {
            ("campaigns", await db.Campaigns.CountAsync()), ("units", await db.Units.CountAsync()), ("members", await db.UnitMembers.CountAsync()),
            ("people", await db.People.CountAsync()), ("reports", await db.Reports.CountAsync()), ("drafts", await db.SectionDrafts.CountAsync()),
            ("revisions", await db.SectionRevisions.CountAsync()), ("indicators", await db.IndicatorRows.CountAsync()),
            ("comments", await db.ReviewComments.CountAsync()), ("audit", await db.AuditEntries.CountAsync()),
            ("deadlines", await db.CampaignDeadlines.CountAsync()), ("sections", await db.CampaignSections.CountAsync()),
            ("references", await db.ConversationReferences.CountAsync()), ("outbox", await db.Set<ReminderOutboxItem>().CountAsync()),
        };
        var dates = await db.CampaignDeadlines.OrderBy(d => d.Order).Select(d => d.Date).ToListAsync();
        var states = await db.Reports.OrderBy(r => r.UnitId).Select(r => new { r.UnitId, r.Status, r.SubmittedAtUtc, r.SubmittedLate, r.Version, r.UpdatedAtUtc }).ToListAsync();
        return string.Join("; ", counts.Select(c => $"{c.Item1}={c.Item2}")) + "\n" + string.Join(", ", dates) + "\n" +
            string.Join("\n", states.Select(s => $"{s.UnitId} {s.Status} {s.SubmittedAtUtc:O} {s.SubmittedLate} v{s.Version} {s.UpdatedAtUtc:O}"));
    }

    public static string DocumentText(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>Every (title, value) pair of the card's fact sets.</summary>
    public static List<(string Title, string Value)> Facts(JsonNode? card)
    {
        var facts = new List<(string, string)>();
        Walk(card);
        return facts;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj when obj["type"]?.GetValue<string>() == "FactSet":
                    foreach (var fact in obj["facts"]!.AsArray())
                        facts.Add((fact!["title"]!.GetValue<string>(), fact["value"]!.GetValue<string>()));
                    break;
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                        Walk(child);
                    break;
                case JsonArray array:
                    foreach (var child in array)
                        Walk(child);
                    break;
            }
        }
    }

    public void Dispose() => App.Dispose();
}
