using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Demo;

/// <summary>
/// Brings the demo units' reports to their <see cref="DemoReportScript"/> state the way the units and leaders would
/// have: every step goes through <see cref="ReportService"/> — start, each section saved (with its revision),
/// indicator rows, sent for comments, approved or returned with comments, submitted — at the instant it would have
/// happened, so revisions, audit entries, review rounds and the late flag are exactly what the real flows store.
/// Each step is saved on its own, as a turn would be (a review counts the sending it answers).
/// </summary>
internal sealed class DemoReports(SoKetDbContext db)
{
    /// <summary>Runs the scripts of the named units that exist in the campaign; returns how many reports were written.</summary>
    public async Task<int> ApplyAsync(Campaign campaign, DemoTimeline timeline, IReadOnlyList<DemoReportScript> scripts, CancellationToken cancellationToken)
    {
        var clock = new StepClock();
        var reports = new ReportService(db, new CampaignOutlines(clock), clock);
        var names = scripts.Select(s => s.UnitName).ToList();
        var units = await db.Units.AsNoTracking().Include(u => u.Members).ThenInclude(m => m.Person)
            .Where(u => u.CampaignId == campaign.Id && names.Contains(u.Name)).ToListAsync(cancellationToken);
        var leaderIds = units.Where(u => u.LeaderPersonId is not null).Select(u => u.LeaderPersonId!.Value).ToList();
        var leaders = await db.People.AsNoTracking().Where(p => leaderIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        var written = 0;
        foreach (var script in scripts)
        {
            if (units.FirstOrDefault(u => u.Name == script.UnitName) is not { } unit)
                continue;
            var leader = unit.LeaderPersonId is { } id && leaders.TryGetValue(id, out var person) ? new Actor(person.Id, person.DisplayName ?? "") : null;
            await ApplyAsync(reports, clock, campaign, unit, leader, timeline, script, cancellationToken);
            db.ChangeTracker.Clear();
            written++;
        }
        return written;
    }

    private async Task ApplyAsync(
        ReportService reports, StepClock clock, Campaign campaign, Unit unit, Actor? leader, DemoTimeline timeline, DemoReportScript script, CancellationToken ct)
    {
        // The secretary sends and submits; the members (and the secretary) take turns writing.
        var people = unit.Members.OrderBy(m => m.Role == MemberRole.Secretary ? 0 : 1).ThenBy(m => m.Person?.DisplayName, StringComparer.Ordinal).Select(m => new Actor(m.PersonId, m.Person?.DisplayName ?? "")).ToList();
        if (people.Count == 0)
            throw new InvalidOperationException($"Demo unit {unit.Name} has no members to write its report.");
        var secretary = people[0];
        var steps = Schedule(timeline, script);
        var step = 0;

        clock.Now = steps[step++];
        var report = await reports.StartOrResumeAsync(campaign.Id, unit.Id, secretary, ct);
        await db.SaveChangesAsync(ct);
        var view = await reports.LoadAsync(report.Id, ct) ?? throw new InvalidOperationException("The demo report was not stored.");

        var writers = 0;
        foreach (var (path, text) in script.Sections)
        {
            clock.Now = steps[step++];
            Save(reports, view, path, text, people[writers++ % people.Count]);
            await db.SaveChangesAsync(ct);
        }
        if (script.Indicators.Count > 0)
        {
            clock.Now = steps[step++];
            foreach (var row in script.Indicators)
                reports.AddIndicator(view, new IndicatorRowInput(row.Name, row.UnitOfMeasure, row.Target, row.Result, row.FullYearEstimate, row.LowerIsBetter), secretary);
            await db.SaveChangesAsync(ct);
        }
        if (script.Revision is { } revision)
        {
            clock.Now = steps[step++];
            Save(reports, view, revision.Path, revision.Text, secretary);
            await db.SaveChangesAsync(ct);
        }

        if (script.State is DemoState.InReview or DemoState.Returned or DemoState.SubmittedAfterReview)
        {
            clock.Now = steps[step++];
            Expect(await reports.SendForReviewAsync(view, secretary, ct), "send for review");
            await db.SaveChangesAsync(ct);
        }
        if (script.State is DemoState.Returned or DemoState.SubmittedAfterReview)
        {
            var reviewer = leader ?? throw new InvalidOperationException($"Demo unit {unit.Name} has no leader in charge to review its draft.");
            clock.Now = steps[step++];
            var comments = script.LeaderComments.ToDictionary(c => SectionId(view, c.Path), c => c.Text);
            Expect(await reports.ReviewAsync(view, script.State == DemoState.SubmittedAfterReview, comments, script.GeneralComment, reviewer, ct), "review");
            await db.SaveChangesAsync(ct);
        }
        if (script.State is DemoState.SubmittedAfterReview or DemoState.SubmittedDirectly)
        {
            clock.Now = steps[step++];
            Expect(await reports.SubmitAsync(view, secretary, ct), "submit");
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// The instants of the script's steps, in order: from the day drafting began to the day of its last step, one
    /// or two a working day at office hours, the status changes (sending, review, submission) in the afternoon of
    /// their own days, and every one of them before today.
    /// </summary>
    internal static IReadOnlyList<DateTimeOffset> Schedule(DemoTimeline timeline, DemoReportScript script)
    {
        var anchor = script.Deadline == DemoDeadline.Early ? timeline.EarlyReportDeadline : timeline.Today;
        var start = timeline.WorkingDaysBefore(anchor, script.StartedDaysBefore);
        var last = script.SubmittedDaysBeforeEarlyDeadline is { } before
            ? timeline.WorkingDaysBefore(timeline.EarlyReportDeadline, before)
            : timeline.DaysAgo(script.LastStepDaysAgo);
        var statusSteps = script.State switch
        {
            DemoState.Drafting => 0,
            DemoState.InReview or DemoState.SubmittedDirectly => 1,
            DemoState.Returned => 2,
            _ => 3,
        };
        // Status steps take one working day each, ending on the last day; writing fills the days before them.
        var statusDays = Enumerable.Range(0, statusSteps).Select(i => timeline.WorkingDaysBefore(last, statusSteps - 1 - i)).ToList();
        var writingEnds = statusSteps == 0 ? last : timeline.WorkingDaysBefore(statusDays[0], 1);
        if (writingEnds < start)
            writingEnds = start;
        var writing = 1 + script.Sections.Count + (script.Indicators.Count > 0 ? 1 : 0) + (script.Revision is null ? 0 : 1);

        var days = new List<DateOnly>();
        for (var day = start; day <= writingEnds; day = timeline.Calendar.AddWorkingDays(day, 1))
            days.Add(day);
        var steps = new List<DateTimeOffset>(writing + statusSteps);
        for (var i = 0; i < writing; i++)
        {
            // Spread evenly over the writing days; several steps of one day an hour and a half apart from 8:00.
            var day = days[(int)((long)i * days.Count / writing)];
            var sameDay = steps.Count(s => timeline.Calendar.LocalDate(s) == day);
            steps.Add(timeline.At(day, 8 + sameDay * 3 / 2, sameDay % 2 == 0 ? 0 : 30));
        }
        steps.AddRange(statusDays.Select(day => timeline.At(day, 15, 30)));
        return steps;
    }

    private static void Save(ReportService reports, ReportView view, string path, string text, Actor author)
    {
        var id = SectionId(view, path);
        var result = reports.SaveSection(view, id, view.DraftOf(id)?.Version ?? 0, text, DraftSource.Typed, author);
        if (result.Kind != SaveResultKind.Saved)
            throw new InvalidOperationException($"The demo section {path} of {view.Unit.Name} was not saved: {result.Kind}.");
    }

    private static Guid SectionId(ReportView view, string path) =>
        view.Writable.FirstOrDefault(e => e.Section.Path == path)?.Id
        ?? throw new InvalidOperationException($"The demo outline has no writable section {path}.");

    private static void Expect(StatusChange change, string what)
    {
        if (change.Kind != StatusChangeKind.Done)
            throw new InvalidOperationException($"The demo report's {what} was refused: {change.Kind}.");
    }

    /// <summary>The time each step happened; <see cref="ReportService"/> stamps what it writes with it.</summary>
    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
