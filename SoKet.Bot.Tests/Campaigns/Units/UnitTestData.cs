using System.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.Tests.Campaigns.Import;
using SoKet.Bot.People;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Campaigns.Units;

/// <summary>The Lai Châu campaign (125-KH/ThU) as an admin would have confirmed it, and helpers to compare a store before and after.</summary>
internal static class UnitTestData
{
    /// <summary>Its groups, as the importer names them.</summary>
    public const string Grassroots = "Cấp cơ sở";
    public const string CityPeoplesCouncil = "Thường trực HĐND thành phố";
    public const string CityPeoplesCommittee = "UBND thành phố";
    public const string PartyBoardsAndFront = "Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố";

    public static Campaign LaiChauCampaign()
    {
        var text = SeedPlans.ReadNormalized(SeedPlans.LaiChau);
        return CampaignFactory.Create(SeedPlans.Import(SeedPlans.LaiChau), text, SeedPlans.LaiChau, "test-admin", new DateTime(2023, 3, 22, 2, 0, 0, DateTimeKind.Utc));
    }

    public static async Task<Campaign> AddLaiChauCampaignAsync(SoKetDbContext db)
    {
        var campaign = LaiChauCampaign();
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    public static byte[] Utf8(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    /// <summary>Every unit, membership and person as one comparable text, to prove a refused file changed nothing.</summary>
    public static async Task<string> SnapshotAsync(SoKetDbContext db)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name)
            .Select(u => $"{u.Id}|{u.Name}|{u.GroupId}|{u.HasCommittee}|{u.LeaderPersonId}").ToListAsync();
        var members = await db.UnitMembers.AsNoTracking()
            .Select(m => $"{m.UnitId}|{m.PersonId}|{m.Role}").ToListAsync();
        var people = await db.People.AsNoTracking().Select(p => $"{p.Id}|{p.Email}|{p.DisplayName}").ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().CountAsync();
        return string.Join("\n", units.Concat(members.Order(StringComparer.Ordinal)).Concat(people.Order(StringComparer.Ordinal)).Append($"audit:{audit}"));
    }
}
