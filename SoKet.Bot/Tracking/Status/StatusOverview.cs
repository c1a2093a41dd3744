using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reports;
using SoKet.Bot.Turns;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Tracking.Status;

public sealed record StatusFact(string Title, string Value);

public sealed record StatusGroup(string Name, string Summary, string GroupId);

public sealed record StatusItem(string Name, string Detail);

public sealed record StatusSection(string Heading, IReadOnlyList<StatusItem> Items);

/// <summary>Data for cards/status-overview.json; every list present (maybe empty), every text non-null.</summary>
/// <param name="RemindGroupId">The group whose late units the remind button reminds (a group's card), or "" for every late unit.</param>
public sealed record StatusOverviewCard(
    string Title, string Subtitle, IReadOnlyList<StatusFact> Counts, IReadOnlyList<StatusGroup> Groups,
    IReadOnlyList<StatusSection> Sections, string Note, bool CanRemind, string RemindGroupId = "")
{
    public const string TemplateName = "status-overview";
}

/// <summary>Builds the "tình hình nộp báo cáo" card: for the admin every unit, for a leader the units in their charge.</summary>
public sealed class StatusOverviewBuilder(SubmissionStatusQuery query, SoKetDbContext db)
{
    // A card is read on a phone: long lists are cut, the CSV has everything.
    private const int MaxListed = 25;

    /// <summary>The units the user may follow: all for an admin, their own as a leader; null when neither.</summary>
    public async Task<IReadOnlyList<UnitSubmission>?> VisibleUnitsAsync(TurnUser user, CancellationToken ct)
    {
        if (user.IsAdmin)
            return await query.ListAsync(null, null, ct);
        if (user.LeaderUnitIds.Count > 0)
            return await query.ListAsync(null, user.LeaderUnitIds, ct);
        return null;
    }

    public async Task<StatusOverviewCard> OverviewAsync(IReadOnlyList<UnitSubmission> units, TurnUser user, DateTimeOffset now, DateOnly today, string note, CancellationToken ct)
    {
        var scope = user.IsAdmin ? "Toàn bộ" : "Các đơn vị đồng chí phụ trách:";
        var groups = units.GroupBy(u => (u.GroupId, u.GroupName))
            .Select(g => new StatusGroup(g.Key.GroupName, $"{g.Count(u => u.IsSubmitted)}/{g.Count()} đã nộp, {g.Count(u => u.IsLate(today))} quá hạn", g.Key.GroupId.ToString()))
            .ToList();
        var late = units.Where(u => u.IsLate(today)).ToList();
        var missing = units.Where(u => !u.IsSubmitted && !u.IsLate(today)).ToList();
        var sections = new List<StatusSection>
        {
            Section($"Quá hạn ({late.Count})", late.Select(u => new StatusItem(u.UnitName, $"{SubmissionStatusQuery.StatusText(u.Status)}, quá hạn {today.DayNumber - u.Deadline!.Value.DayNumber} ngày"))),
            Section($"Chưa nộp, còn trong hạn ({missing.Count})", missing.Select(u => new StatusItem(u.UnitName, $"{SubmissionStatusQuery.StatusText(u.Status)}{DeadlineText(u, today)}"))),
        };
        if (user.IsAdmin)
        {
            var byLeader = units.Where(u => u.LeaderPersonId is not null).GroupBy(u => u.LeaderName)
                .Select(g => new StatusItem("Đồng chí " + g.Key, $"{g.Count(u => !u.IsSubmitted)}/{g.Count()} chưa nộp, {g.Count(u => u.IsLate(today))} quá hạn"));
            sections.Add(Section("Theo đồng chí phụ trách", byLeader));
            var unreachable = await UnreachableAsync(units.Select(u => u.CampaignId).Distinct().ToList(), ct);
            sections.Add(Section($"Không nhắn được ({unreachable.Count})", unreachable));
        }
        sections.RemoveAll(s => s.Items.Count == 0);

        var code = string.Join(", ", units.Select(u => u.CampaignCode).Distinct());
        return new StatusOverviewCard(
            $"Tình hình nộp báo cáo {code}".TrimEnd(),
            $"{scope} {units.Count} đơn vị, đến {Text.VietnamTime.Format(now)}",
            Counts(units, today), groups, sections, note, user.IsAdmin);
    }

    public StatusOverviewCard Group(IReadOnlyList<UnitSubmission> units, Guid groupId, TurnUser user, DateTimeOffset now, DateOnly today)
    {
        var inGroup = units.Where(u => u.GroupId == groupId).ToList();
        var name = inGroup.FirstOrDefault()?.GroupName ?? "";
        var items = inGroup.OrderBy(u => u.IsSubmitted).ThenBy(u => u.UnitName, StringComparer.Ordinal)
            .Select(u => new StatusItem(u.UnitName, u.IsSubmitted
                ? $"Đã nộp{(u.SubmittedLate == true ? " (muộn)" : "")}"
                : $"{SubmissionStatusQuery.StatusText(u.Status)}, {u.SectionsDrafted}/{u.SectionsTotal} mục{DeadlineText(u, today)}"));
        // The button under a group's units reminds that group's late units, and only when it has some: pressed on a
        // group with none, it used to remind the late units of the other groups.
        return new StatusOverviewCard($"Nhóm đơn vị: {name}", $"{inGroup.Count} đơn vị, đến {Text.VietnamTime.Format(now)}",
            Counts(inGroup, today), [], [Section("Các đơn vị", items)], "", user.IsAdmin && inGroup.Any(u => u.IsLate(today)), groupId.ToString());
    }

    public static IEnumerable<Export.StatusRow> Rows(IEnumerable<UnitSubmission> units, DateOnly today) =>
        units.OrderBy(u => u.GroupName, StringComparer.Ordinal).ThenBy(u => u.UnitName, StringComparer.Ordinal)
            .Select(u => new Export.StatusRow(u.UnitName, u.GroupName, u.LeaderName, SubmissionStatusQuery.StatusText(u.Status),
                u.SubmittedAtUtc is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                u.IsSubmitted ? u.SubmittedLate : u.IsLate(today) ? true : null));

    private static List<StatusFact> Counts(IReadOnlyList<UnitSubmission> units, DateOnly today)
    {
        var counts = new List<StatusFact> { new("Đã nộp", $"{units.Count(u => u.IsSubmitted)}/{units.Count}") };
        foreach (var status in new[] { ReportStatus.Drafting, ReportStatus.InReview, ReportStatus.Returned, ReportStatus.NotStarted })
        {
            var n = units.Count(u => u.Status == status);
            if (n > 0)
                counts.Add(new(SubmissionStatusQuery.StatusText(status), n.ToString(CultureInfo.InvariantCulture)));
        }
        counts.Add(new("Quá hạn", units.Count(u => u.IsLate(today)).ToString(CultureInfo.InvariantCulture)));
        return counts;
    }

    private async Task<List<StatusItem>> UnreachableAsync(List<Guid> campaignIds, CancellationToken ct)
    {
        var rows = await db.Set<ReminderOutboxItem>().AsNoTracking()
            .Where(i => campaignIds.Contains(i.CampaignId) && i.State == ReminderState.Unreachable && i.PersonId != null)
            .Join(db.People, i => i.PersonId, p => p.Id, (i, p) => new { p.Id, Name = p.DisplayName ?? p.Email ?? "", i.UnitId, i.LastError })
            .ToListAsync(ct);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.GroupBy(r => r.Id).Select(g => g.First())
            .Select(r => new StatusItem(r.Name, $"{unitNames.GetValueOrDefault(r.UnitId, "")} — {r.LastError}".TrimStart(' ', '—')))
            .OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
    }

    private static StatusSection Section(string heading, IEnumerable<StatusItem> items)
    {
        var list = items.ToList();
        if (list.Count > MaxListed)
            list = [.. list.Take(MaxListed), new StatusItem("…", $"và {list.Count - MaxListed} đơn vị khác (xem tệp CSV)")];
        return new StatusSection(heading, list);
    }

    private static string DeadlineText(UnitSubmission u, DateOnly today) => u.Deadline is { } d
        ? d < today ? $", quá hạn {today.DayNumber - d.DayNumber} ngày" : $", hạn {d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} (còn {d.DayNumber - today.DayNumber} ngày)"
        : "";


}
