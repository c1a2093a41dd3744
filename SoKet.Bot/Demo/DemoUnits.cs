namespace SoKet.Bot.Demo;

/// <summary>
/// The demo's units, written as the CSV an office would load (semicolons, as Vietnamese Excel exports)
/// so the demo goes through the real unit importer: a chi bộ and đảng bộ cơ sở with and without a chi ủy,
/// and one unit in each of the plan's other groups. People and e-mails are invented (reserved .example domain).
/// </summary>
internal static class DemoUnits
{
    public const string FileName = "don-vi-mau.csv";

    /// <summary>Every invented person of the list has an address here (RFC 2606 reserves .example): how demo people are told apart.</summary>
    public const string EmailDomain = "@laichau.example";

    /// <param name="memberUnitName">The unit web chat users join (<see cref="Campaigns.Demo.DemoOptions.MemberUnitName"/>).</param>
    public static string Csv(string memberUnitName) => $"""
        Tên đơn vị;Nhóm;Có chi ủy;Lãnh đạo phụ trách;Bí thư;Thành viên
        {Quoted(memberUnitName)};Cấp cơ sở;không;Lò Văn Hùng <hung.lv@laichau.example>;Nguyễn Thị Hạnh <hanh.nt@laichau.example>;Trần Văn Minh <minh.tv@laichau.example>, Vàng Thị Dung <dung.vt@laichau.example>
        Chi bộ Phòng Giáo dục và Đào tạo thành phố;Cấp cơ sở;không;Lò Văn Hùng <hung.lv@laichau.example>;Phạm Văn Sơn <son.pv@laichau.example>;Đinh Thị Mai <mai.dt@laichau.example>
        Chi bộ Trường Trung học phổ thông thành phố;Cấp cơ sở;có;Nguyễn Thị Thu Hà <ha.ntt@laichau.example>;Lê Quang Vinh <vinh.lq@laichau.example>;Hà Thị Ngọc <ngoc.ht@laichau.example>, Bùi Văn Khánh <khanh.bv@laichau.example>
        Đảng bộ phường Tân Phong;Cấp cơ sở;có;Nguyễn Thị Thu Hà <ha.ntt@laichau.example>;Hoàng Văn Thắng <thang.hv@laichau.example>;Lù Thị Sen <sen.lt@laichau.example>, Vũ Đức Long <long.vd@laichau.example>
        Đảng bộ phường Đông Phong;Cấp cơ sở;có;Tạ Minh Tuấn <tuan.tm@laichau.example>;Sùng Văn Páo <pao.sv@laichau.example>;Lường Thị Hoa <hoa.lt@laichau.example>
        Thường trực HĐND thành phố;Thường trực HĐND thành phố;không;Lò Văn Hùng <hung.lv@laichau.example>;;Đào Thị Yến <yen.dt@laichau.example>
        Ủy ban nhân dân thành phố;UBND thành phố;không;Tạ Minh Tuấn <tuan.tm@laichau.example>;;Ngô Văn Đức <duc.nv@laichau.example>, Chu Thị Phương <phuong.ct@laichau.example>
        Ban Tổ chức Thành ủy;Các ban Đảng;không;Nguyễn Thị Thu Hà <ha.ntt@laichau.example>;;Kiều Văn Bình <binh.kv@laichau.example>
        Ủy ban MTTQ Việt Nam thành phố;Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố;không;Tạ Minh Tuấn <tuan.tm@laichau.example>;;Mùa Thị Xuân <xuan.mt@laichau.example>
        """;

    private static string Quoted(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
