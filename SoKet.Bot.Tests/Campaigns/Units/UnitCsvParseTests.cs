using System.Text;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Units;
using static SoKet.Bot.Tests.Campaigns.Units.UnitTestData;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Campaigns.Units;

/// <summary>Reading a unit list the way offices export it, against the groups of the Lai Châu plan.</summary>
public sealed class UnitCsvParseTests
{
    private static readonly Campaign Campaign = LaiChauCampaign();

    private static UnitCsvParseResult Parse(string csv, bool bom = false) => UnitCsvImporter.Parse(Utf8(csv, bom), Campaign, "don-vi.csv");

    private static Guid GroupId(string name) => Campaign.Groups.Single(g => g.Name == name).Id;

    [Fact]
    public void Reads_a_semicolon_file_with_BOM_as_Vietnamese_Excel_saves_it()
    {
        var result = Parse("""
            Tên đơn vị;Nhóm;Có chi ủy;Lãnh đạo phụ trách;Bí thư;Thành viên
            Đảng bộ phường Tân Phong;Cấp cơ sở;có;Lò Văn Hùng <Hung.LV@LaiChau.example>;Hoàng Văn Thắng <thang.hv@laichau.example>;Lù Thị Sen <sen.lt@laichau.example>, long.vd@laichau.example
            Chi bộ Phòng Tư pháp thành phố;Cấp cơ sở;không;hung.lv@laichau.example;;minh.tv@laichau.example
            """, bom: true);

        Assert.True(result.Succeeded, result.DescribeProblems());
        Assert.Equal(2, result.Rows.Count);

        var ward = result.Rows[0];
        Assert.Equal(2, ward.RowNumber);
        Assert.Equal("Đảng bộ phường Tân Phong", ward.Name);
        Assert.Equal(GroupId(Grassroots), ward.GroupId);
        Assert.True(ward.HasCommittee);
        Assert.Equal(new UnitCsvPerson("hung.lv@laichau.example", "Lò Văn Hùng"), ward.Leader);
        Assert.Equal(
            [
                new UnitCsvMember(new UnitCsvPerson("thang.hv@laichau.example", "Hoàng Văn Thắng"), MemberRole.Secretary),
                new UnitCsvMember(new UnitCsvPerson("sen.lt@laichau.example", "Lù Thị Sen"), MemberRole.Drafter),
                new UnitCsvMember(new UnitCsvPerson("long.vd@laichau.example", null), MemberRole.Drafter),
            ],
            ward.Members);

        var cell = result.Rows[1];
        Assert.Equal(3, cell.RowNumber);
        Assert.False(cell.HasCommittee);
        Assert.Equal(new UnitCsvMember(new UnitCsvPerson("minh.tv@laichau.example", null), MemberRole.Drafter), Assert.Single(cell.Members));
    }

    [Fact]
    public void Reads_a_comma_file_with_headers_without_diacritics_and_members_on_several_lines()
    {
        var result = Parse(
            "ten don vi,NHOM,co chi uy,lanh dao phu trach,thanh vien\r\n" +
            "\"Chi bộ Trường THPT thành phố\",cap co so,x,ha.ntt@laichau.example,\"Hà Thị Ngọc <ngoc.ht@laichau.example>\r\nBùi Văn Khánh <khanh.bv@laichau.example>; vinh.lq@laichau.example\"\r\n" +
            "Ủy ban nhân dân thành phố,UBND,0,,duc.nv@laichau.example\r\n");

        Assert.True(result.Succeeded, result.DescribeProblems());
        var school = result.Rows[0];
        Assert.True(school.HasCommittee);
        Assert.Equal(["ngoc.ht@laichau.example", "khanh.bv@laichau.example", "vinh.lq@laichau.example"], school.Members.Select(m => m.Person.Email));
        Assert.All(school.Members, m => Assert.Equal(MemberRole.Drafter, m.Role));

        // The quoted members cell spans two lines: the next unit starts on line 4 of the file.
        var committee = result.Rows[1];
        Assert.Equal(4, committee.RowNumber);
        Assert.Equal(GroupId(CityPeoplesCommittee), committee.GroupId);
        Assert.Null(committee.Leader);
    }

    [Fact]
    public void Accepts_English_headers_and_the_Excel_separator_line()
    {
        var result = Parse("sep=;\nname;group;has_committee;leader;members;secretary\nBan Tổ chức Thành ủy;Các ban Đảng;no;ha.ntt@laichau.example;binh.kv@laichau.example;binh.kv@laichau.example\n");

        Assert.True(result.Succeeded, result.DescribeProblems());
        var row = Assert.Single(result.Rows);
        Assert.Equal(3, row.RowNumber);
        Assert.Equal(GroupId(PartyBoardsAndFront), row.GroupId);
        // Listed both as member and as secretary: one membership, as secretary.
        Assert.Equal(new UnitCsvMember(new UnitCsvPerson("binh.kv@laichau.example", null), MemberRole.Secretary), Assert.Single(row.Members));
    }

    [Fact]
    public void Normalises_decomposed_input_to_composed_text()
    {
        var csv = "Tên đơn vị;Đối tượng;Có chi ủy\nChi bộ Phòng Văn hóa - Thông tin;Các chi bộ, đảng bộ cơ sở;Có\n".Normalize(NormalizationForm.FormD);

        var result = Parse(csv);

        Assert.True(result.Succeeded, result.DescribeProblems());
        var row = Assert.Single(result.Rows);
        Assert.Equal("Chi bộ Phòng Văn hóa - Thông tin".Normalize(NormalizationForm.FormC), row.Name);
        Assert.True(row.Name.IsNormalized(NormalizationForm.FormC));
        Assert.Equal(GroupId(Grassroots), row.GroupId);
        Assert.True(row.HasCommittee);
    }

    [Theory]
    [InlineData("Cấp cơ sở", Grassroots)]
    [InlineData("CAP CO SO", Grassroots)]
    [InlineData("Các chi bộ, đảng bộ cơ sở", Grassroots)]
    [InlineData("Thường trực HĐND", CityPeoplesCouncil)]
    [InlineData("HĐND", CityPeoplesCouncil)]
    [InlineData("ubnd", CityPeoplesCommittee)]
    [InlineData("MTTQ", PartyBoardsAndFront)]
    public void Matches_a_group_by_name_alias_or_a_clear_shortening(string written, string group)
    {
        var result = Parse($"Tên đơn vị,Nhóm\nĐơn vị A,\"{written}\"\n");

        Assert.True(result.Succeeded, result.DescribeProblems());
        Assert.Equal(GroupId(group), Assert.Single(result.Rows).GroupId);
    }

    [Fact]
    public void Notes_columns_outside_the_format_without_refusing_the_file()
    {
        var result = Parse("STT;Tên đơn vị;Nhóm;Số đảng viên\n1;Chi bộ A;Cấp cơ sở;12\n");

        Assert.True(result.Succeeded, result.DescribeProblems());
        Assert.Equal("Cột “Số đảng viên” không thuộc mẫu danh sách đơn vị nên được bỏ qua.", Assert.Single(result.Notes));
    }

    [Fact]
    public void Skips_blank_rows_that_spreadsheets_leave_behind()
    {
        var result = Parse("Tên đơn vị;Nhóm;Có chi ủy\nChi bộ A;Cấp cơ sở;\n;;\n\nChi bộ B;Cấp cơ sở;x\n");

        Assert.True(result.Succeeded, result.DescribeProblems());
        Assert.Equal(["Chi bộ A", "Chi bộ B"], result.Rows.Select(r => r.Name));
        Assert.Equal(5, result.Rows[1].RowNumber);
    }
}
