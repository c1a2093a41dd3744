using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Demo;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Demo;
using SoKet.Bot.People;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Demo;

/// <summary>
/// `--demo` builds a live campaign: the Lai Châu plan with its dates moved to today, read by the real importer, the
/// demo units loaded by the real unit importer, and their reports brought to every state by the report domain.
/// Started on Friday 13/03/2026: the grassroots deadline is Monday 06/04/2026 (24 days on), the early groups'
/// deadline Friday 06/03/2026 (passed; its third overdue reminder falls on Monday 16/03, the next working day).
/// </summary>
[Trait("Category", "Store")]
public sealed class DemoSeedingTests
{
    [Fact]
    public async Task The_plan_is_moved_to_today_and_read_by_the_importer()
    {
        using var bed = DemoBed.Start();

        var campaign = await bed.CampaignAsync();
        Assert.Equal(("125-KH/ThU", "Ban Thường vụ Thành ủy", DemoOptions.Actor), (campaign.Code, campaign.IssuingBody, campaign.CreatedBy));
        // 101 days before the grassroots deadline, as 21/3/2023 was before 30/6/2023.
        Assert.Equal(new DateTime(2025, 12, 26), campaign.IssuedOn);
        Assert.Equal(CampaignStatus.Open, campaign.Status);

        string GroupOf(CampaignDeadline d) => campaign.Groups.Single(g => g.Id == d.GroupId).Name;
        Assert.Equal(
            [
                ("Cấp cơ sở", DueKind.Conference, new DateTime(2026, 4, 6)),
                ("Cấp cơ sở", DueKind.Report, new DateTime(2026, 4, 6)),
                ("Thành ủy Lai Châu", DueKind.Conference, new DateTime(2026, 5, 6)),
                ("Thường trực HĐND thành phố", DueKind.Report, new DateTime(2026, 3, 6)),
                ("UBND thành phố", DueKind.Report, new DateTime(2026, 3, 6)),
                ("Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố", DueKind.Report, new DateTime(2026, 3, 6)),
                ("Cấp cơ sở", DueKind.DraftForComment, (DateTime?)null),
            ],
            campaign.Deadlines.OrderBy(d => d.Order).Select(d => (GroupOf(d), d.Due, d.Date)));
        // What the bot quotes from the plan agrees with the dates it computes.
        Assert.Contains("trước ngày 6/4/2026", campaign.Deadlines.Single(d => d.Due == DueKind.Report && GroupOf(d) == "Cấp cơ sở").Source);
        Assert.DoesNotContain("2023", campaign.SourceText);
        Assert.Equal(2026, campaign.FullYearEstimateYear);

        Assert.Equal(OutlineOrigin.Reference, campaign.OutlineOrigin);
        Assert.Contains(campaign.Sections, s => s.Heading == "KẾT QUẢ ĐẠT ĐƯỢC");
        Assert.Equal(9, campaign.Units.Count);
        Assert.All(campaign.Groups.Where(g => !g.IsIssuer), g => Assert.Contains(campaign.Units, u => u.GroupId == g.Id));

        await using var db = bed.OpenStore();
        var people = await db.People.AsNoTracking().ToListAsync();
        Assert.Equal(21, people.Count);
        Assert.All(people, p => Assert.EndsWith("@laichau.example", p.Email, StringComparison.Ordinal));
        // Each invented person has a 1:1 conversation on the demo's logging channel, so messages to them run the real path.
        Assert.All(people, p => Assert.Equal(DemoOutbound.ChannelId, p.ChannelId));
        Assert.Equal(21, await db.ConversationReferences.CountAsync(r => r.ChannelId == DemoOutbound.ChannelId && r.ServiceUrl == DemoOutbound.ServiceUrl));
    }

    [Fact]
    public async Task Each_unit_is_in_its_state_with_what_the_real_flows_store()
    {
        using var bed = DemoBed.Start();

        Assert.Equal(new Dictionary<string, ReportStatus>
        {
            ["Chi bộ Phòng Tài chính - Kế hoạch thành phố"] = ReportStatus.Drafting,
            ["Chi bộ Phòng Giáo dục và Đào tạo thành phố"] = ReportStatus.NotStarted,
            ["Chi bộ Trường Trung học phổ thông thành phố"] = ReportStatus.InReview,
            ["Đảng bộ phường Tân Phong"] = ReportStatus.Returned,
            ["Đảng bộ phường Đông Phong"] = ReportStatus.Submitted,
            ["Thường trực HĐND thành phố"] = ReportStatus.Submitted,
            ["Ủy ban nhân dân thành phố"] = ReportStatus.Submitted,
            ["Ban Tổ chức Thành ủy"] = ReportStatus.Drafting,
            ["Ủy ban MTTQ Việt Nam thành phố"] = ReportStatus.NotStarted,
        }, await bed.StatusesAsync());

        await using var db = bed.OpenStore();
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Name, u => u.Id);
        var reports = await db.Reports.AsNoTracking().Include(r => r.Sections).Include(r => r.Indicators).ToDictionaryAsync(r => r.UnitId);
        var now = DemoBed.Friday.UtcDateTime;

        // Submitted after the leader approved, on time; audited step by step, each step on an earlier day than the next.
        var dongPhong = reports[units["Đảng bộ phường Đông Phong"]];
        Assert.False(dongPhong.SubmittedLate);
        Assert.Equal("Sùng Văn Páo", dongPhong.SubmittedByName);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.ReportId == dongPhong.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["report.started", .. Enumerable.Repeat("indicator.added", 5), "report.sent-for-review", "report.approved", "report.submitted"],
            audit.Select(a => a.Action));
        Assert.Equal("Tạ Minh Tuấn", audit.Single(a => a.Action == "report.approved").Actor);
        Assert.Equal("Hạn 06/04/2026; đúng hạn", audit.Single(a => a.Action == "report.submitted").Details);
        Assert.True(audit.Zip(audit.Skip(1)).All(p => p.First.AtUtc <= p.Second.AtUtc));
        Assert.Equal(14, dongPhong.Sections.Count);
        Assert.Equal(5, dongPhong.Indicators.Count);

        // The early group's deadline (06/03) had passed when UBND submitted: the real rule marks it late.
        var ubnd = reports[units["Ủy ban nhân dân thành phố"]];
        Assert.True(ubnd.SubmittedLate);
        Assert.True(DateOnly.FromDateTime(ubnd.SubmittedAtUtc!.Value) > new DateOnly(2026, 3, 6));
        Assert.False(reports[units["Thường trực HĐND thành phố"]].SubmittedLate);

        // Returned with the leader's comments on two sections and a general one, in review round 1.
        var tanPhong = reports[units["Đảng bộ phường Tân Phong"]];
        var comments = await db.ReviewComments.AsNoTracking().Where(c => c.ReportId == tanPhong.Id).ToListAsync();
        Assert.Equal(3, comments.Count);
        Assert.Single(comments, c => c.SectionId is null);
        Assert.All(comments, c => Assert.Equal(("Nguyễn Thị Thu Hà", 1), (c.AuthorName, c.Round)));

        // The drafting member unit: a section rewritten by the secretary after a member's first version.
        var member = reports[units["Chi bộ Phòng Tài chính - Kế hoạch thành phố"]];
        var rewritten = Assert.Single(member.Sections, s => s.Version == 2);
        var history = await db.SectionRevisions.AsNoTracking().Where(r => r.DraftId == rewritten.Id).OrderBy(r => r.Version).ToListAsync();
        Assert.Equal([("Trần Văn Minh", 1), ("Nguyễn Thị Hạnh", 2)], history.Select(r => (r.AuthorName, r.Version)));
        Assert.Equal(3, member.Indicators.Count);

        // Everything happened before the demo started, on working days, in office hours.
        var revisions = await db.SectionRevisions.AsNoTracking().Select(r => r.CreatedAtUtc).ToListAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.ReportId != null).Select(a => a.AtUtc).ToListAsync();
        Assert.All(revisions.Concat(entries), at =>
        {
            Assert.True(at < now, $"{at:O} is not before the demo started");
            var local = at.AddHours(7);
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(7.5), TimeSpan.FromHours(17));
            Assert.NotEqual(DayOfWeek.Saturday, local.DayOfWeek);
            Assert.NotEqual(DayOfWeek.Sunday, local.DayOfWeek);
        });
    }

    [Fact]
    public async Task A_second_start_changes_nothing()
    {
        using var first = DemoBed.Start();
        var before = await first.SnapshotAsync();
        var campaign = await first.CampaignAsync();

        // Three days later, on the same store: the demo ages, it is not rebuilt.
        using (var restart = DemoBed.Start(DemoBed.Friday.AddDays(3), restartOf: first))
        {
            await using var scope = restart.App.Services.CreateAsyncScope();
            var again = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            Assert.Equal((campaign.Id, false, null, 0), (again.CampaignId, again.CampaignCreated, again.UnitsImported, again.ReportsWritten));
        }

        Assert.Equal(before, await first.SnapshotAsync());
        Assert.Contains("campaigns=1; units=9; members=", before);
    }

    [Fact]
    public async Task A_deleted_member_unit_is_restored_on_the_next_start_without_touching_the_others()
    {
        using var bed = DemoBed.Start();
        await using (var db = bed.OpenStore())
        {
            db.Units.Remove(await db.Units.SingleAsync(u => u.Name == new DemoOptions().MemberUnitName));
            var ward = await db.Units.SingleAsync(u => u.Name == "Đảng bộ phường Tân Phong");
            ward.HasCommittee = false;
            await db.SaveChangesAsync();
        }

        await using (var scope = bed.App.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            Assert.Equal(1, result.UnitsImported?.Created);
        }

        await using var check = bed.OpenStore();
        Assert.Equal(9, await check.Units.CountAsync());
        Assert.False((await check.Units.SingleAsync(u => u.Name == "Đảng bộ phường Tân Phong")).HasCommittee);
    }

    [Fact]
    public async Task Reset_recreates_the_demo_and_removes_nothing_that_is_not_the_demo_s()
    {
        using var first = DemoBed.Start();
        var chat = new DirectLineClient(first.App.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        await chat.SendAsync("soạn báo cáo");
        await chat.ReadBotActivitiesAsync(1);
        var oldDemo = await first.CampaignAsync();
        Guid otherId;
        await using (var db = first.OpenStore())
        {
            // The office's own campaign, whose unit a demo person also leads, and its audit trail.
            var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", "ke-hoach-150-KH-TU-ha-tinh-2023.txt"));
            var other = CampaignFactory.Create(PlanImporter.Extract(text), text, "150.txt", "Văn phòng Tỉnh ủy", DateTime.UtcNow);
            var officer = new Person { Id = Guid.NewGuid(), Email = "vanphong@hatinh.vn", DisplayName = "Văn phòng Tỉnh ủy" };
            var shared = await db.People.SingleAsync(p => p.Email == "ha.ntt@laichau.example");
            var unit = new Unit { Id = Guid.NewGuid(), CampaignId = other.Id, Name = "Đảng bộ Khối cơ quan tỉnh", GroupId = other.Groups[0].Id, LeaderPersonId = shared.Id };
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = officer.Id, Role = MemberRole.Secretary });
            db.AddRange(other, officer, unit);
            db.AuditEntries.Add(new AuditEntry { AtUtc = DateTime.UtcNow, Actor = "Văn phòng Tỉnh ủy", Action = "units.imported", CampaignId = other.Id });
            await db.SaveChangesAsync();
            otherId = other.Id;
        }

        // A week later, `--demo-reset`.
        using (DemoBed.Start(DemoBed.Friday.AddDays(7), restartOf: first, settings: s => s["Demo:Reset"] = "true")) { }

        await using var check = first.OpenStore();
        var demo = await check.Campaigns.AsNoTracking().Include(c => c.Deadlines).SingleAsync(c => c.CreatedBy == DemoOptions.Actor);
        Assert.NotEqual(oldDemo.Id, demo.Id);
        // Rebuilt relative to the new today (Friday 20/03): the grassroots deadline is 24 days on, Monday 13/04.
        Assert.Contains(demo.Deadlines, d => d.Due == DueKind.Report && d.Date == new DateTime(2026, 4, 13));
        Assert.Equal(0, await check.Reports.CountAsync(r => r.CampaignId == oldDemo.Id));
        Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.CampaignId == oldDemo.Id));
        Assert.Equal(7, await check.Reports.CountAsync(r => r.CampaignId == demo.Id));

        var office = await check.Campaigns.AsNoTracking().Include(c => c.Units).ThenInclude(u => u.Members).SingleAsync(c => c.Id == otherId);
        var kept = Assert.Single(office.Units);
        Assert.NotNull(kept.LeaderPersonId);
        Assert.Equal("ha.ntt@laichau.example", (await check.People.SingleAsync(p => p.Id == kept.LeaderPersonId)).Email);
        Assert.Single(kept.Members);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.CampaignId == otherId));
        // The demo's people again (the one leading the office's unit kept, not duplicated), the office's officer, and
        // no longer the web chat user the old demo had made a member.
        var people = await check.People.AsNoTracking().ToListAsync();
        Assert.Equal(22, people.Count);
        Assert.DoesNotContain(people, p => p.Email is null);
        Assert.Contains(people, p => p.Email == "vanphong@hatinh.vn");
    }

    [Fact]
    public async Task Without_the_demo_setting_the_store_starts_empty()
    {
        using var app = new BotApp();
        app.Start();

        await using var db = app.OpenStore();
        Assert.Equal(0, await db.Campaigns.CountAsync());
    }

    [Theory]
    [InlineData("--demo", "true", null)]
    [InlineData("--demo-reset", "true", "true")]
    [InlineData("--DEMO-RESET", "true", "true")]
    public void The_demo_flags_turn_the_settings_on_and_are_kept_from_the_other_arguments(string flag, string? enabled, string? reset)
    {
        string[] args = [flag, "--urls", "http://127.0.0.1:5000"];

        var configuration = new ConfigurationBuilder()
            .AddCommandLine(DemoServiceCollectionExtensions.WithoutDemoFlag(args))
            .AddDemoFlag(args)
            .Build();

        Assert.Equal((enabled, reset), (configuration["Demo:Enabled"], configuration["Demo:Reset"]));
        Assert.Equal("http://127.0.0.1:5000", configuration["urls"]);
        Assert.Null(new ConfigurationBuilder().AddDemoFlag(["--urls", "http://127.0.0.1:5000"]).Build()["Demo:Enabled"]);
    }
}
