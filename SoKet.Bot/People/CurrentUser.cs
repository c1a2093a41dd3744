namespace SoKet.Bot.People;

/// <summary>Who is talking to the bot in this turn, and what they may do.</summary>
public sealed record CurrentUser(
    Guid? PersonId,
    string DisplayName,
    string? Email,
    bool IsAdmin,
    IReadOnlyList<Guid> MemberUnitIds,
    IReadOnlyList<Guid> LeaderUnitIds)
{
    public bool IsKnown => PersonId is not null;

    public bool IsMemberOf(Guid unitId) => MemberUnitIds.Contains(unitId);

    public bool IsLeaderOf(Guid unitId) => LeaderUnitIds.Contains(unitId);

    public const string AdminOnly =
        "Chức năng này dành cho cán bộ văn phòng cấp ủy phụ trách đợt sơ kết. Nếu đồng chí cần thực hiện, đề nghị liên hệ văn phòng để được cấp quyền.";
}
