using SoKet.Bot.Protocol;

namespace SoKet.Bot.Turns;

/// <summary>
/// What a person may be in SoKet. A route names the roles allowed to run it; a user holds every role that
/// applies to them (an office staffer may also be a unit member).
/// </summary>
[Flags]
public enum Roles
{
    None = 0,

    /// <summary>Office staff of the issuing committee who run campaigns (People:AdminEmails, or named in chat).</summary>
    Admin = 1,

    /// <summary>A member of a unit in an open campaign: drafts the unit's report.</summary>
    Member = 2,

    /// <summary>The unit's secretary (bí thư), who approves and submits its report.</summary>
    Secretary = 4,

    /// <summary>The committee member in charge of a unit: comments on its drafts.</summary>
    Leader = 8,

    /// <summary>Anyone who reached the bot, known or not (help, deadline questions).</summary>
    Anyone = Admin | Member | Secretary | Leader | 16,
}

/// <summary>Where a route may run, from the conversation's type.</summary>
[Flags]
public enum Scopes
{
    None = 0,

    /// <summary>A 1:1 chat with the bot (Teams personal scope, and every web chat conversation).</summary>
    Personal = 1,

    GroupChat = 2,

    Channel = 4,

    All = Personal | GroupChat | Channel,
}

/// <summary>The person behind the turn, resolved once per turn.</summary>
public sealed record TurnUser(
    Guid? PersonId,
    string DisplayName,
    string? Email,
    Roles Roles,
    IReadOnlyList<Guid> MemberUnitIds,
    IReadOnlyList<Guid> SecretaryUnitIds,
    IReadOnlyList<Guid> LeaderUnitIds)
{
    public bool IsKnown => PersonId is not null;

    public bool IsAdmin => Roles.HasFlag(Roles.Admin);

    public bool IsMemberOf(Guid unitId) => MemberUnitIds.Contains(unitId);

    public bool IsSecretaryOf(Guid unitId) => SecretaryUnitIds.Contains(unitId);

    public bool IsLeaderOf(Guid unitId) => LeaderUnitIds.Contains(unitId);

    /// <summary>True when the user holds at least one of <paramref name="allowed"/>.</summary>
    public bool Holds(Roles allowed) => allowed == Roles.Anyone || (Roles & allowed) != 0;
}

/// <summary>Finds (and on first contact links) the person behind an activity. Implemented by the people feature.</summary>
public interface ITurnUserResolver
{
    Task<TurnUser> ResolveAsync(Activity activity, CancellationToken cancellationToken);
}
