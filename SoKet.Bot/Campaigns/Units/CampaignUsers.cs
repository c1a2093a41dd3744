using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Campaigns.Demo;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Campaigns.Units;

/// <summary>
/// Who is behind a turn: the person (found or linked by <see cref="PeopleService"/>) and what they are in the
/// campaigns' unit lists — member, secretary, leader in charge — read in one query.
/// </summary>
public sealed class CampaignUsers(PeopleService people, SoKetDbContext db, IOptions<DemoOptions> demo) : ITurnUserResolver
{
    private const int Member = 0, Secretary = 1, Leader = 2;

    private sealed record UnitLink(Guid UnitId, int Kind);

    // Every turn resolves its sender: compiled once, the query skips EF Core's per-call funcletizing (which compiles
    // a delegate to evaluate the second DbSet of the UNION) and its cache-key hashing (bench/README.md).
    private static readonly Func<SoKetDbContext, Guid, IAsyncEnumerable<UnitLink>> LinksQuery =
        EF.CompileAsyncQuery((SoKetDbContext db, Guid personId) =>
            db.Set<UnitMember>().Where(m => m.PersonId == personId)
                .Select(m => new { m.UnitId, Kind = m.Role == MemberRole.Secretary ? Secretary : Member })
                .Concat(db.Set<Unit>().Where(u => u.LeaderPersonId == personId).Select(u => new { UnitId = u.Id, Kind = Leader }))
                // EF Core translates a UNION of anonymous shapes only; the record is built from its rows.
                .Select(l => new UnitLink(l.UnitId, l.Kind)));

    public async Task<TurnUser> ResolveAsync(Activity activity, CancellationToken cancellationToken)
    {
        var person = await people.FindOrLinkAsync(activity, cancellationToken);
        // Only the local operator (local mode: one person on their own machine) is ever joined, and only to the demo unit.
        if (person is null && demo.Value.Enabled && people.IsLocalOperator(activity))
            person = await JoinDemoUnitAsync(activity, cancellationToken);

        var roles = people.IsAdmin(person, activity) ? Roles.Admin : Roles.None;
        if (person is null)
            return new TurnUser(null, activity.From?.Name ?? "Đồng chí", null, roles, [], [], []);

        var personId = person.Id;
        var links = new List<UnitLink>();
        await foreach (var link in LinksQuery(db, personId).WithCancellation(cancellationToken))
            links.Add(link);
        // A unit added in this very turn (the demo join) is not in the store yet.
        links.AddRange(db.ChangeTracker.Entries<UnitMember>().Where(e => e.State == EntityState.Added && e.Entity.PersonId == personId)
            .Select(e => new UnitLink(e.Entity.UnitId, e.Entity.Role == MemberRole.Secretary ? Secretary : Member)));

        // A secretary is a member of the unit too: they draft as well as submit.
        var memberOf = links.Where(l => l.Kind is Member or Secretary).Select(l => l.UnitId).Distinct().ToArray();
        var secretaryOf = links.Where(l => l.Kind == Secretary).Select(l => l.UnitId).Distinct().ToArray();
        var leaderOf = links.Where(l => l.Kind == Leader).Select(l => l.UnitId).Distinct().ToArray();
        if (memberOf.Length > 0)
            roles |= Roles.Member;
        if (secretaryOf.Length > 0)
            roles |= Roles.Secretary;
        if (leaderOf.Length > 0)
            roles |= Roles.Leader;
        return new TurnUser(person.Id, person.DisplayName ?? activity.From?.Name ?? "Đồng chí", person.Email, roles, memberOf, secretaryOf, leaderOf);
    }

    /// <summary>
    /// Demo mode: the local operator drafts for the demo unit, so the drafting flow can be tried at once. The unit
    /// must belong to the demo campaign itself (created by the demo seeder): a real campaign that happens to have a
    /// unit of the same name is never joined.
    /// </summary>
    private async Task<Person?> JoinDemoUnitAsync(Activity activity, CancellationToken cancellationToken)
    {
        var unit = await db.Units
            .Where(u => u.Name == demo.Value.MemberUnitName)
            .Join(db.Campaigns.Where(c => c.Status == CampaignStatus.Open && c.CreatedBy == DemoOptions.Actor), u => u.CampaignId, c => c.Id, (u, c) => u)
            .FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
            return null;
        var person = people.Create(activity, "Người dùng thử (web chat)");
        db.UnitMembers.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
        return person;
    }
}
