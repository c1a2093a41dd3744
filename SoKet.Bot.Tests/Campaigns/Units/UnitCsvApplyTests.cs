using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Units;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Campaigns.Units.UnitTestData;
using SoKet.Bot.People;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Campaigns.Units;

/// <summary>Applying a validated list: units upserted by name, people found or created by e-mail, one summary.</summary>
[Trait("Category", "Store")]
public sealed class UnitCsvApplyTests : IAsyncLifetime
{
    private const string FirstList = """
        Tên đơn vị;Nhóm;Có chi ủy;Lãnh đạo phụ trách;Bí thư;Thành viên
        Chi bộ Phòng Tài chính - Kế hoạch thành phố;Cấp cơ sở;không;Lò Văn Hùng <hung.lv@laichau.example>;Nguyễn Thị Hạnh <hanh.nt@laichau.example>;Trần Văn Minh <minh.tv@laichau.example>, dung.vt@laichau.example
        Đảng bộ phường Tân Phong;Cấp cơ sở;có;Nguyễn Thị Thu Hà <ha.ntt@laichau.example>;thang.hv@laichau.example;sen.lt@laichau.example
        Ủy ban nhân dân thành phố;UBND thành phố;không;ha.ntt@laichau.example;;duc.nv@laichau.example
        """;

    private TestStore _store = null!;
    private Campaign _campaign = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateMigratedAsync();
        await using var db = _store.Open();
        _campaign = await AddLaiChauCampaignAsync(db);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Creates_units_with_leader_secretary_and_drafters()
    {
        var summary = await ImportAsync(FirstList);

        Assert.Equal((3, 0, 0, 8), (summary.Created, summary.Updated, summary.Unchanged, summary.PeopleCreated));
        Assert.Equal(
            "Đã nạp 3 đơn vị vào đợt sơ kết 125-KH/ThU: 3 đơn vị mới, 0 đơn vị được cập nhật, 0 đơn vị không thay đổi; thêm 8 người mới vào danh bạ. Các đơn vị không có trong tệp được giữ nguyên.",
            summary.ToVietnamese());

        await using var db = _store.Open();
        var unit = await LoadUnitAsync(db, "Chi bộ Phòng Tài chính - Kế hoạch thành phố");
        Assert.False(unit.HasCommittee);
        Assert.Equal(_campaign.Groups.Single(g => g.Name == Grassroots).Id, unit.GroupId);
        var leader = await db.People.SingleAsync(p => p.Id == unit.LeaderPersonId);
        Assert.Equal(("hung.lv@laichau.example", "Lò Văn Hùng"), (leader.Email, leader.DisplayName));
        Assert.Equal(
            [("dung.vt@laichau.example", MemberRole.Drafter), ("hanh.nt@laichau.example", MemberRole.Secretary), ("minh.tv@laichau.example", MemberRole.Drafter)],
            Members(unit));

        // The same leader named in two rows is one person.
        Assert.Equal(1, await db.People.CountAsync(p => p.Email == "ha.ntt@laichau.example"));
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("units.imported", "test-admin", _campaign.Id), (audit.Action, audit.Actor, audit.CampaignId));
    }

    [Fact]
    public async Task Importing_the_same_list_again_changes_nothing()
    {
        await ImportAsync(FirstList);

        var again = await ImportAsync(FirstList);

        Assert.Equal((0, 0, 3, 0), (again.Created, again.Updated, again.Unchanged, again.PeopleCreated));
        await using var db = _store.Open();
        Assert.Equal(3, await db.Units.CountAsync());
        Assert.Equal(8, await db.People.CountAsync());
    }

    [Fact]
    public async Task Re_import_updates_by_name_replaces_members_and_keeps_units_missing_from_the_file()
    {
        await ImportAsync(FirstList);

        // The ward loses its committee and gets a new leader, secretary and member list; the finance cell is
        // written without diacritics and in capitals (same unit) with one member fewer; the people's committee
        // is not in the file.
        var summary = await ImportAsync("""
            ten don vi,nhom,co chi uy,lanh dao phu trach,bi thu,thanh vien
            Đảng bộ phường Tân Phong,Các chi bộ,không,HUNG.LV@LAICHAU.EXAMPLE,sen.lt@laichau.example,"long.vd@laichau.example; Thang.HV@laichau.example"
            Chi bộ Phòng Tài chính - Kế hoạch thành phố,cap co so,khong,hung.lv@laichau.example,hanh.nt@laichau.example,minh.tv@laichau.example
            Chi bộ Phòng Tư pháp thành phố,cap co so,,,,tuphap@laichau.example
            """);

        Assert.Equal(["Chi bộ Phòng Tư pháp thành phố"], summary.CreatedUnits);
        Assert.Equal(["Đảng bộ phường Tân Phong", "Chi bộ Phòng Tài chính - Kế hoạch thành phố"], summary.UpdatedUnits);
        Assert.Equal((0, 2), (summary.Unchanged, summary.PeopleCreated));

        await using var db = _store.Open();
        var ward = await LoadUnitAsync(db, "Đảng bộ phường Tân Phong");
        Assert.False(ward.HasCommittee);
        Assert.Equal("hung.lv@laichau.example", (await db.People.SingleAsync(p => p.Id == ward.LeaderPersonId)).Email);
        Assert.Equal(
            [("long.vd@laichau.example", MemberRole.Drafter), ("sen.lt@laichau.example", MemberRole.Secretary), ("thang.hv@laichau.example", MemberRole.Drafter)],
            Members(ward));

        var finance = await LoadUnitAsync(db, "Chi bộ Phòng Tài chính - Kế hoạch thành phố");
        Assert.Equal([("hanh.nt@laichau.example", MemberRole.Secretary), ("minh.tv@laichau.example", MemberRole.Drafter)], Members(finance));

        Assert.NotNull(await db.Units.SingleOrDefaultAsync(u => u.Name == "Ủy ban nhân dân thành phố"));
        Assert.Equal(4, await db.Units.CountAsync());
        // Removing a membership does not remove the person: they may belong to other units or be linked to Teams.
        Assert.Equal(1, await db.People.CountAsync(p => p.Email == "dung.vt@laichau.example"));
    }

    [Fact]
    public async Task A_large_list_is_matched_in_full_when_imported_again()
    {
        var csv = new System.Text.StringBuilder("Tên đơn vị;Nhóm;Có chi ủy;Thành viên\n");
        for (var i = 1; i <= 1500; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Chi bộ số {i};Cấp cơ sở;không;m{i}@laichau.example\n");
        var first = await ImportAsync(csv.ToString());

        var again = await ImportAsync(csv.ToString().Replace("Chi bộ số 1234;Cấp cơ sở;không", "Chi bộ số 1234;Cấp cơ sở;có", StringComparison.Ordinal));

        Assert.Equal((1500, 1500), (first.Created, first.PeopleCreated));
        Assert.Equal((0, 1, 1499, 0), (again.Created, again.Updated, again.Unchanged, again.PeopleCreated));
        Assert.Equal(["Chi bộ số 1234"], again.UpdatedUnits);
    }

    [Fact]
    public async Task Reuses_a_person_already_known_and_keeps_the_name_they_have()
    {
        await using (var db = _store.Open())
        {
            db.People.Add(new Person { Id = Guid.NewGuid(), Email = "hung.lv@laichau.example", DisplayName = "Lò Văn Hùng (Phó Bí thư Thường trực)", AadObjectId = "aad-1", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var summary = await ImportAsync("Tên đơn vị;Nhóm;Lãnh đạo phụ trách\nChi bộ A;Cấp cơ sở;Hùng <Hung.LV@laichau.example>\n");

        Assert.Equal(0, summary.PeopleCreated);
        await using var check = _store.Open();
        var person = await check.People.SingleAsync();
        Assert.Equal("Lò Văn Hùng (Phó Bí thư Thường trực)", person.DisplayName);
        Assert.Equal(person.Id, (await check.Units.SingleAsync()).LeaderPersonId);
    }

    [Fact]
    public async Task Rows_of_another_campaign_are_refused_before_anything_is_written()
    {
        var other = LaiChauCampaign();
        var rows = UnitCsvImporter.Parse(Utf8("Tên đơn vị;Nhóm\nChi bộ A;Cấp cơ sở\n"), other).Rows;

        await using var db = _store.Open();
        await Assert.ThrowsAsync<ArgumentException>(() => UnitCsvImporter.ApplyAsync(db, _campaign.Id, rows, "test-admin"));
        await using var check = _store.Open();
        Assert.Equal(0, await check.Units.CountAsync());
        Assert.Equal(0, await check.AuditEntries.CountAsync());
    }

    private async Task<UnitImportSummary> ImportAsync(string csv)
    {
        await using var db = _store.Open();
        var campaign = await db.Campaigns.Include(c => c.Groups).SingleAsync(c => c.Id == _campaign.Id);
        var parsed = UnitCsvImporter.Parse(Utf8(csv), campaign);
        Assert.True(parsed.Succeeded, parsed.DescribeProblems());
        return await UnitCsvImporter.ApplyAsync(db, campaign.Id, parsed.Rows, "test-admin");
    }

    private static Task<Unit> LoadUnitAsync(SoKet.Bot.Data.SoKetDbContext db, string name) =>
        db.Units.Include(u => u.Members).ThenInclude(m => m.Person).SingleAsync(u => u.Name == name);

    private static (string?, MemberRole)[] Members(Unit unit) =>
        unit.Members.Select(m => (m.Person!.Email, m.Role)).OrderBy(m => m.Email, StringComparer.Ordinal).ToArray();
}
