using SoKet.Bot.Export;

namespace SoKet.Bot.Tests.Export.Fixtures;

/// <summary>
/// The report outlines of the three seed plans (shared/seeds), written out by hand with their labels
/// as the plans number them. <see cref="Writable"/> lists the sections a unit writes text in.
/// </summary>
public sealed record SeedOutline(string Code, IReadOnlyList<OutlineSection> Sections, IReadOnlySet<string> Writable, PartyDocument Frame);

public static class SeedOutlines
{
    /// <summary>
    /// 150-KH/TU (Tỉnh ủy Hà Tĩnh, 27/02/2023): its ĐỀ CƯƠNG BÁO CÁO verbatim, including the plan's own
    /// numbering quirk ("2.1., 2.2." under "1."). The indicator comparison is a separate phụ lục.
    /// </summary>
    public static SeedOutline HaTinh { get; } = new("150-KH/TU",
        [
            S("p1", "Phần 1", "ĐÁNH GIÁ KẾT QUẢ GIỮA NHIỆM KỲ THỰC HIỆN NGHỊ QUYẾT", 1),
            S("p1.a", "A.", "KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH", 2),
            S("p1.b", "B.", "KẾT QUẢ ĐẠT ĐƯỢC", 2),
            S("p1.b.1", "I.", "Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị", 3),
            S("p1.b.2", "II.", "Lãnh đạo phát triển kinh tế - xã hội", 3),
            S("p1.b.3", "III.", "Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại", 3),
            S("p1.b.4", "IV.", "Đánh giá việc thực hiện các nhiệm vụ trọng tâm, chương trình trọng điểm, đột phá chiến lược", 3),
            S("p1.c", "C.", "HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM", 2),
            S("p1.c.1", "I.", "Hạn chế, khuyết điểm", 3),
            S("p1.c.1.1", "1.", "Về công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị", 4),
            S("p1.c.1.2", "2.", "Về phát triển kinh tế - xã hội", 4),
            S("p1.c.1.3", "3.", "Về đảm bảo quốc phòng - an ninh, đối ngoại", 4),
            S("p1.c.2", "II.", "Nguyên nhân", 3),
            S("p1.c.2.1", "1.", "Nguyên nhân của những kết quả", 4),
            S("p1.c.2.1.1", "2.1.", "Nguyên nhân khách quan", 5),
            S("p1.c.2.1.2", "2.2.", "Nguyên nhân chủ quan", 5),
            S("p1.c.2.2", "2.", "Nguyên nhân của những khuyết điểm, yếu kém", 4),
            S("p1.c.2.2.1", "2.1.", "Nguyên nhân khách quan", 5),
            S("p1.c.2.2.2", "2.2.", "Nguyên nhân chủ quan", 5),
            S("p1.c.3", "III.", "BÀI HỌC KINH NGHIỆM", 3),
            S("p2", "Phần 2", "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI", 1),
            S("p2.1", "I.", "Dự kiến bối cảnh, tình hình", 2),
            S("p2.2", "II.", "Bổ sung nhiệm vụ, giải pháp chủ yếu", 2),
            S("p2.2.1", "1.", "Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị", 3),
            S("p2.2.2", "2.", "Lãnh đạo phát triển kinh tế - xã hội", 3),
            S("p2.2.3", "3.", "Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại", 3),
        ],
        // The 17 leaves, plus the overview under B., the general assessment asked for under C.I and the
        // introduction to II. Nguyên nhân: 20 sections a unit writes.
        new HashSet<string>
        {
            "p1.a", "p1.b", "p1.b.1", "p1.b.2", "p1.b.3", "p1.b.4", "p1.c.1", "p1.c.1.1", "p1.c.1.2", "p1.c.1.3",
            "p1.c.2", "p1.c.2.1.1", "p1.c.2.1.2", "p1.c.2.2.1", "p1.c.2.2.2", "p1.c.3", "p2.1", "p2.2.1", "p2.2.2", "p2.2.3",
        },
        new PartyDocument
        {
            SuperiorBody = "ĐẢNG BỘ TỈNH HÀ TĨNH",
            IssuingBody = "TỈNH ỦY HÀ TĨNH",
            NumberAndSymbol = "-BC/TU",
            Place = "Hà Tĩnh",
            Date = new DateOnly(2023, 6, 30),
            Title = "tổng hợp kết quả sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX\nvà nghị quyết đại hội các đảng bộ trực thuộc nhiệm kỳ 2020 - 2025",
            Recipients = ["Ban Thường vụ Tỉnh ủy (b/c),", "Các đồng chí Tỉnh ủy viên,", "Lưu Văn phòng Tỉnh ủy."],
            SignatureOnBehalfOf = "T/M BAN THƯỜNG VỤ",
            SignerPosition = "PHÓ BÍ THƯ",
            SignerName = "Trần Thế Dũng",
        });

    /// <summary>
    /// 125-KH/ThU (Thành ủy Lai Châu, 21/3/2023): the plan sends its outline separately; this follows the
    /// content it prescribes in II.1 (results against the resolution with the indicator table, limits and
    /// causes, the committee's self-review, including the secretary's review for a chi bộ without a chi ủy,
    /// and the tasks to the end of the term).
    /// </summary>
    public static SeedOutline LaiChau { get; } = new("125-KH/ThU",
        [
            S("I", "Phần I", "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020 - 2025", 1),
            S("I.1", "1.", "Công tác lãnh đạo, chỉ đạo quán triệt, cụ thể hóa và tổ chức thực hiện nghị quyết", 2),
            S("I.2", "2.", "Kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp", 2) with { HoldsIndicators = true },
            S("I.3", "3.", "Hạn chế, yếu kém và nguyên nhân", 2),
            S("II", "Phần II", "KIỂM ĐIỂM SỰ LÃNH ĐẠO, CHỈ ĐẠO CỦA CẤP ỦY", 1),
            S("II.1", "1.", "Việc thực hiện quy chế làm việc, chương trình làm việc toàn khóa, chương trình kiểm tra, giám sát", 2),
            S("II.2", "2.", "Việc thực hiện Nghị quyết Trung ương 4 khóa XII, khóa XIII gắn với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 2),
            S("II.3", "3.", "Kiểm điểm sự lãnh đạo, chỉ đạo của đồng chí Bí thư, Phó Bí thư (chi bộ không có chi ủy)", 2),
            S("III", "Phần III", "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP ĐẾN CUỐI NHIỆM KỲ", 1),
        ],
        new HashSet<string> { "I.1", "I.2", "I.3", "II.1", "II.2", "II.3", "III" },
        new PartyDocument
        {
            SuperiorBody = "ĐẢNG BỘ TỈNH LAI CHÂU",
            IssuingBody = "THÀNH ỦY LAI CHÂU",
            NumberAndSymbol = "-BC/ThU",
            Place = "Lai Châu",
            Date = new DateOnly(2023, 7, 20),
            Title = "sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội đảng bộ các cấp,\nNghị quyết Đại hội Đảng bộ thành phố lần thứ IV, nhiệm kỳ 2020 - 2025",
            Recipients = ["Thường trực Tỉnh ủy (b/c),", "Các đ/c UVBCH Đảng bộ thành phố,", "Lưu VPThU."],
            SignatureOnBehalfOf = "T/M BAN THƯỜNG VỤ",
            SignerPosition = "PHÓ BÍ THƯ",
            SignerName = "Đặng Quang Chung",
        });

    /// <summary>Kế hoạch of Đảng ủy khối Doanh nghiệp (2018): the content of its part II, numbered "1.1.", "2-" as written.</summary>
    public static SeedOutline KhoiDoanhNghiep { get; } = new("KH-ĐUK-2018",
        [
            S("1", "1-", "Về đánh giá tình hình thực hiện nghị quyết đại hội", 2),
            S("1.1", "1.1.", "Về bối cảnh tình hình", 3),
            S("1.2", "1.2.", "Đánh giá về công tác lãnh đạo, chỉ đạo triển khai nghị quyết", 3),
            S("1.3", "1.3.", "Về đánh giá những kết quả đạt được", 3) with { HoldsIndicators = true },
            S("1.4", "1.4.", "Đánh giá chung", 3),
            S("2", "2-", "Phương hướng, mục tiêu, nhiệm vụ trọng tâm nửa cuối nhiệm kỳ, giai đoạn 2018 – 2020", 2),
            S("3", "3-", "Về kiểm điểm sự lãnh đạo, chỉ đạo của Ban Chấp hành Đảng bộ, Ban Thường vụ Đảng ủy, Ban Chi ủy Chi bộ", 2),
        ],
        new HashSet<string> { "1.1", "1.2", "1.3", "1.4", "2", "3" },
        new PartyDocument
        {
            // The seed does not show its letterhead: no superior body and no place, the optional paths.
            IssuingBody = "ĐẢNG ỦY KHỐI DOANH NGHIỆP",
            NumberAndSymbol = "-BC/ĐUK",
            Place = "",
            Date = new DateOnly(2018, 6, 25),
            Title = "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ khối Doanh nghiệp lần thứ II\nvà Đại hội Đảng cấp cơ sở nhiệm kỳ 2015 – 2020",
            Recipients = ["Ban Thường vụ Tỉnh ủy (b/c),", "Các đồng chí UV Ban Thường vụ ĐUK,", "Lưu VP."],
            SignatureOnBehalfOf = "T/M BAN THƯỜNG VỤ",
            SignerPosition = "PHÓ BÍ THƯ",
            SignerName = "Nguyễn Mạnh Hùng",
        });

    public static IEnumerable<SeedOutline> All => [HaTinh, LaiChau, KhoiDoanhNghiep];

    private static OutlineSection S(string id, string label, string heading, int level) => new(id, label, heading, level);
}
