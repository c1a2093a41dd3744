using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>A campaign from a real plan with one unit, its members (linked to web chat users) and its leader in charge.</summary>
public sealed class DraftingSeed
{
    public const string LaiChau = "ke-hoach-125-KH-ThU-lai-chau-2023.txt";
    public const string HaTinh = "ke-hoach-150-KH-TU-ha-tinh-2023.txt";

    public Campaign Campaign { get; private init; } = null!;
    public Unit Unit { get; private init; } = null!;
    public Person Leader { get; private init; } = null!;

    public static Campaign CreateCampaign(string seed)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", seed));
        return CampaignFactory.Create(PlanImporter.Extract(text), text, seed, "test", DateTime.UtcNow);
    }

    /// <summary>Seeds the campaign and a unit; <paramref name="memberUserIds"/> are web chat user ids of its members.</summary>
    public static async Task<DraftingSeed> CreateAsync(SoKetDbContext db, IEnumerable<(string UserId, string Name)> memberUserIds,
        string seed = LaiChau, bool hasCommittee = false, string? leaderUserId = null, string leaderChannel = ChannelIds.WebChat)
    {
        var campaign = CreateCampaign(seed);
        db.Campaigns.Add(campaign);
        var leader = new Person
        {
            Id = Guid.NewGuid(), DisplayName = "Lò Văn Bình", Email = "binh.lv@laichau.dcs.vn", Position = "Ủy viên Ban Thường vụ",
            ChannelId = leaderUserId is null ? null : leaderChannel, ChannelUserId = leaderUserId,
        };
        db.People.Add(leader);
        var unit = new Unit
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Chi bộ Phòng Tài chính - Kế hoạch",
            GroupId = campaign.Groups.OrderBy(g => g.Order).First(g => !g.IsIssuer).Id, HasCommittee = hasCommittee,
            LeaderPersonId = leader.Id, CreatedAtUtc = DateTime.UtcNow,
        };
        foreach (var (userId, name) in memberUserIds)
        {
            var person = new Person { Id = Guid.NewGuid(), DisplayName = name, ChannelId = ChannelIds.WebChat, ChannelUserId = userId, CreatedAtUtc = DateTime.UtcNow };
            db.People.Add(person);
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
        }
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return new DraftingSeed { Campaign = campaign, Unit = unit, Leader = leader };
    }

    public static async Task<Person> AddOfficeAsync(SoKetDbContext db, string userId)
    {
        var person = new Person { Id = Guid.NewGuid(), DisplayName = "Văn phòng Thành ủy", ChannelId = ChannelIds.WebChat, ChannelUserId = userId, IsAdmin = true };
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person;
    }
}
