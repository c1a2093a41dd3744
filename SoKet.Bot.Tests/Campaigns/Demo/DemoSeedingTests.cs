using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Demo;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Campaigns.Demo;

/// <summary>The bot started with Demo:Enabled holds the Lai Châu campaign and its demo units, once, however often it starts.</summary>
public sealed class DemoSeedingTests
{
    [Fact]
    public async Task The_demo_campaign_is_the_Lai_Chau_plan_with_its_deadlines_and_units()
    {
        using var app = new BotApp();
        app.Settings["Demo:Enabled"] = "true";
        app.Start();

        await using var db = app.OpenStore();
        var campaign = await db.Campaigns.Include(c => c.Groups).Include(c => c.Deadlines).Include(c => c.Sections).SingleAsync();
        Assert.Equal(("125-KH/ThU", "Ban Thường vụ Thành ủy", DemoSeeder.Actor), (campaign.Code, campaign.IssuingBody, campaign.CreatedBy));
        Assert.Equal(new DateTime(2023, 3, 21), campaign.IssuedOn);
        Assert.Equal(CampaignStatus.Open, campaign.Status);

        string GroupOf(CampaignDeadline d) => campaign.Groups.Single(g => g.Id == d.GroupId).Name;
        Assert.Equal(
            [
                ("Cấp cơ sở", DueKind.Conference, new DateTime(2023, 6, 30)),
                ("Cấp cơ sở", DueKind.Report, new DateTime(2023, 6, 30)),
                ("Thành ủy Lai Châu", DueKind.Conference, new DateTime(2023, 7, 30)),
                ("Thường trực HĐND thành phố", DueKind.Report, new DateTime(2023, 6, 25)),
                ("UBND thành phố", DueKind.Report, new DateTime(2023, 6, 25)),
                ("Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố", DueKind.Report, new DateTime(2023, 6, 25)),
                ("Cấp cơ sở", DueKind.DraftForComment, (DateTime?)null),
            ],
            campaign.Deadlines.OrderBy(d => d.Order).Select(d => (GroupOf(d), d.Due, d.Date)));

        // The plan's attached outline is missing, so the demo takes the reference outline the importer offers.
        Assert.Equal(OutlineOrigin.Reference, campaign.OutlineOrigin);
        Assert.Contains(campaign.Sections, s => s.Heading == "KẾT QUẢ ĐẠT ĐƯỢC");

        var units = await db.Units.Include(u => u.Members).ToListAsync();
        Assert.Equal(9, units.Count);
        var memberUnit = Assert.Single(units, u => u.Name == new DemoOptions().MemberUnitName);
        Assert.False(memberUnit.HasCommittee);
        Assert.NotNull(memberUnit.LeaderPersonId);
        Assert.Contains(memberUnit.Members, m => m.Role == MemberRole.Secretary);
        Assert.Contains(units, u => u.Name.StartsWith("Đảng bộ phường", StringComparison.Ordinal) && u.HasCommittee);
        Assert.Contains(units, u => u.Name.StartsWith("Chi bộ", StringComparison.Ordinal) && u.HasCommittee);
        // Every group that reports to the city committee has a unit to try its deadlines with.
        Assert.All(campaign.Groups.Where(g => !g.IsIssuer), g => Assert.Contains(units, u => u.GroupId == g.Id));
        Assert.All(await db.People.Select(p => p.Email).ToListAsync(), email => Assert.EndsWith("@laichau.example", email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seeding_again_and_restarting_on_the_same_store_duplicate_nothing()
    {
        using var first = new BotApp();
        first.Settings["Demo:Enabled"] = "true";
        first.Start();
        var before = await CountsAsync(first);

        await using (var scope = first.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            Assert.False(again.CampaignCreated);
            Assert.Null(again.UnitsImported);
        }

        using (var restart = new BotApp())
        {
            restart.Settings["Demo:Enabled"] = "true";
            foreach (var (key, value) in first.StoreSettings)
                restart.Settings[key] = value;
            restart.Start();
        }

        Assert.Equal(before, await CountsAsync(first));
        Assert.Equal((1, 9, 21), (before.Campaigns, before.Units, before.People));
    }

    [Fact]
    public async Task A_deleted_member_unit_is_restored_on_the_next_start_without_touching_the_others()
    {
        using var app = new BotApp();
        app.Settings["Demo:Enabled"] = "true";
        app.Start();
        await using (var db = app.OpenStore())
        {
            db.Units.Remove(await db.Units.SingleAsync(u => u.Name == new DemoOptions().MemberUnitName));
            var ward = await db.Units.SingleAsync(u => u.Name == "Đảng bộ phường Tân Phong");
            ward.HasCommittee = false;
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            Assert.Equal(1, result.UnitsImported?.Created);
        }

        await using var check = app.OpenStore();
        Assert.Equal(9, await check.Units.CountAsync());
    }

    [Fact]
    public async Task Without_the_demo_setting_the_store_starts_empty()
    {
        using var app = new BotApp();
        app.Start();

        await using var db = app.OpenStore();
        Assert.Equal(0, await db.Campaigns.CountAsync());
    }

    [Fact]
    public void The_demo_flag_turns_the_setting_on_and_is_kept_from_the_other_arguments()
    {
        string[] args = ["--demo", "--urls", "http://127.0.0.1:5000"];

        var configuration = new ConfigurationBuilder()
            .AddCommandLine(DemoServiceCollectionExtensions.WithoutDemoFlag(args))
            .AddDemoFlag(args)
            .Build();

        Assert.Equal("true", configuration["Demo:Enabled"]);
        Assert.Equal("http://127.0.0.1:5000", configuration["urls"]);
        Assert.Null(new ConfigurationBuilder().AddDemoFlag(["--urls", "http://127.0.0.1:5000"]).Build()["Demo:Enabled"]);
    }

    private static async Task<(int Campaigns, int Units, int People, int Members, int Sections)> CountsAsync(BotApp app)
    {
        await using var db = app.OpenStore();
        return (await db.Campaigns.CountAsync(), await db.Units.CountAsync(), await db.People.CountAsync(),
            await db.UnitMembers.CountAsync(), await db.CampaignSections.CountAsync());
    }
}
