using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Data;
using SoKet.Bot.Text;

using SoKet.Bot.People;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Campaigns.Units;

/// <summary>Writes validated unit rows into a campaign: see <see cref="UnitCsvImporter.ApplyAsync(SoKetDbContext, Guid, IReadOnlyList{UnitCsvRow}, string, TimeProvider, CancellationToken)"/>.</summary>
internal static class UnitUpsert
{
    /// <summary>Keys per IN (...) list: EF Core 6 writes them into the SQL as literals.</summary>
    private const int LookupChunk = 1000;

    /// <summary>Stages the rows and stores them at once, in one transaction (the command line, the demo).</summary>
    public static async Task<UnitImportSummary> ApplyAsync(
        SoKetDbContext db, Guid campaignId, IReadOnlyList<UnitCsvRow> rows, string actor, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var summary = await StageAsync(db, campaignId, rows, actor, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    /// <summary>Stages the rows in <paramref name="db"/> without saving (a chat turn stores them with the rest of the turn).</summary>
    public static async Task<UnitImportSummary> StageAsync(
        SoKetDbContext db, Guid campaignId, IReadOnlyList<UnitCsvRow> rows, string actor, DateTime now, CancellationToken cancellationToken,
        Func<int, Task>? progress = null)
    {
        var campaign = await db.Campaigns.Include(c => c.Groups).SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new InvalidOperationException($"Campaign {campaignId} does not exist.");
        var groupIds = campaign.Groups.Select(g => g.Id).ToHashSet();
        if (rows.FirstOrDefault(r => !groupIds.Contains(r.GroupId)) is { } foreign)
            throw new ArgumentException($"Row {foreign.RowNumber} names group {foreign.GroupId}, which is not a group of campaign {campaign.Code}.", nameof(rows));
        if (rows.GroupBy(r => VietnameseText.Fold(r.Name)).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"Unit \"{duplicate.First().Name}\" appears more than once.", nameof(rows));

        var people = new PersonDirectory(db, now);
        await people.LoadAsync(rows.SelectMany(PeopleOf), cancellationToken);

        var existing = await LoadNamedUnitsAsync(db, campaignId, rows, cancellationToken);

        var created = new List<string>();
        var updated = new List<string>();
        var unchanged = 0;
        var done = 0;
        foreach (var row in rows)
        {
            if (progress is not null)
                await progress(done++);
            var leaderId = row.Leader is null ? (Guid?)null : people.Get(row.Leader).Id;
            var members = row.Members.Select(m => (PersonId: people.Get(m.Person).Id, m.Role)).ToList();
            if (!existing.TryGetValue(VietnameseText.Fold(row.Name), out var unit))
            {
                unit = new Unit
                {
                    Id = Guid.NewGuid(),
                    CampaignId = campaignId,
                    Name = row.Name,
                    GroupId = row.GroupId,
                    HasCommittee = row.HasCommittee,
                    LeaderPersonId = leaderId,
                    CreatedAtUtc = now,
                };
                unit.Members.AddRange(members.Select(m => new UnitMember { UnitId = unit.Id, PersonId = m.PersonId, Role = m.Role }));
                db.Units.Add(unit);
                created.Add(row.Name);
            }
            else if (Update(db, unit, row, leaderId, members))
            {
                updated.Add(row.Name);
            }
            else
            {
                unchanged++;
            }
        }

        var summary = new UnitImportSummary(campaign.Code, created, updated, unchanged, people.Created);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now,
            Actor = actor,
            Action = "units.imported",
            CampaignId = campaignId,
            Details = summary.ToVietnamese(),
        });
        return summary;
    }

    /// <summary>
    /// The campaign's units the rows name (compared without diacritics or case), with their members. Only
    /// names are read for the rest, so the cost follows the file, not the size of the campaign.
    /// </summary>
    private static async Task<Dictionary<string, Unit>> LoadNamedUnitsAsync(
        SoKetDbContext db, Guid campaignId, IReadOnlyList<UnitCsvRow> rows, CancellationToken cancellationToken)
    {
        var wanted = rows.Select(r => VietnameseText.Fold(r.Name)).ToHashSet(StringComparer.Ordinal);
        var names = await db.Units.AsNoTracking().Where(u => u.CampaignId == campaignId).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        var ids = names.Where(u => wanted.Contains(VietnameseText.Fold(u.Name))).Select(u => u.Id).ToList();

        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        if (ids.Count > LookupChunk && ids.Count * 2 > names.Count)
        {
            // The file names most of the campaign: one query beats many IN lists.
            var all = await db.Units.Include(u => u.Members).Where(u => u.CampaignId == campaignId).ToListAsync(cancellationToken);
            var named = ids.ToHashSet();
            foreach (var unit in all.Where(u => named.Contains(u.Id)))
                units.TryAdd(VietnameseText.Fold(unit.Name), unit);
            return units;
        }
        foreach (var chunk in ids.Chunk(LookupChunk))
        {
            var chunkIds = chunk.ToList();
            foreach (var unit in await db.Units.Include(u => u.Members).Where(u => chunkIds.Contains(u.Id)).ToListAsync(cancellationToken))
                units.TryAdd(VietnameseText.Fold(unit.Name), unit);
        }
        return units;
    }

    private static IEnumerable<UnitCsvPerson> PeopleOf(UnitCsvRow row) =>
        row.Leader is null ? row.Members.Select(m => m.Person) : row.Members.Select(m => m.Person).Prepend(row.Leader);

    /// <returns>Whether anything changed.</returns>
    private static bool Update(SoKetDbContext db, Unit unit, UnitCsvRow row, Guid? leaderId, List<(Guid PersonId, MemberRole Role)> members)
    {
        var changed = false;
        if (!string.Equals(unit.Name, row.Name, StringComparison.Ordinal))
        {
            unit.Name = row.Name;
            changed = true;
        }
        if (unit.GroupId != row.GroupId || unit.HasCommittee != row.HasCommittee || unit.LeaderPersonId != leaderId)
        {
            unit.GroupId = row.GroupId;
            unit.HasCommittee = row.HasCommittee;
            unit.LeaderPersonId = leaderId;
            changed = true;
        }

        var wanted = members.ToDictionary(m => m.PersonId, m => m.Role);
        foreach (var member in unit.Members.ToList())
        {
            if (!wanted.TryGetValue(member.PersonId, out var role))
            {
                db.UnitMembers.Remove(member);
                unit.Members.Remove(member);
                changed = true;
            }
            else if (member.Role != role)
            {
                member.Role = role;
                changed = true;
            }
        }
        var present = unit.Members.Select(m => m.PersonId).ToHashSet();
        foreach (var (personId, role) in members.Where(m => !present.Contains(m.PersonId)))
        {
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = personId, Role = role });
            changed = true;
        }
        return changed;
    }

    /// <summary>The people named in the file: found by e-mail, or created once however many units name them.</summary>
    private sealed class PersonDirectory(SoKetDbContext db, DateTime now)
    {
        private readonly Dictionary<string, Person> _byEmail = new(StringComparer.Ordinal);

        public int Created { get; private set; }

        public async Task LoadAsync(IEnumerable<UnitCsvPerson> named, CancellationToken cancellationToken)
        {
            var wanted = new Dictionary<string, UnitCsvPerson>(StringComparer.Ordinal);
            foreach (var person in named)
            {
                if (!wanted.TryGetValue(person.Email, out var known) || known.DisplayName is null)
                    wanted[person.Email] = person;
            }

            foreach (var chunk in wanted.Keys.Chunk(LookupChunk))
            {
                // A List, not the array: C# 14 binds array.Contains to the span overload, which EF Core 6 cannot translate.
                var emails = chunk.ToList();
                var found = await db.People.Where(p => p.Email != null && emails.Contains(p.Email)).ToListAsync(cancellationToken);
                foreach (var person in found)
                    _byEmail[person.Email!] = person;
            }

            foreach (var (email, person) in wanted)
            {
                if (_byEmail.TryGetValue(email, out var existing))
                {
                    // A name linked from Teams or set by an admin is kept; the file only fills a gap.
                    existing.DisplayName ??= person.DisplayName;
                    continue;
                }
                var created = new Person { Id = Guid.NewGuid(), Email = email, DisplayName = person.DisplayName, CreatedAtUtc = now };
                db.People.Add(created);
                _byEmail[email] = created;
                Created++;
            }
        }

        public Person Get(UnitCsvPerson person) => _byEmail[person.Email];
    }
}
