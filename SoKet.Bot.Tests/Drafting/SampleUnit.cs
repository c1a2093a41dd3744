using SoKet.Bot.Campaigns;
using SoKet.Bot.Drafting;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>
/// A ward Party committee reporting under the Lai Châu plan (125-KH/ThU, "từ sau đại hội đến tháng 6/2023; dự ước
/// thực hiện cả năm 2023"), with the kinds of targets the Lai Châu and Hà Tĩnh resolutions set: Party building,
/// new members, income, poverty (lower is better), health insurance, budget revenue.
/// </summary>
internal static class SampleUnit
{
    public const string UnitName = "Đảng bộ phường Tân Phong";

    public static readonly IndicatorInput GoodOrganisations = new(
        "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên hằng năm", "%", Target: 90m, Result: 85.5m, FullYearEstimate: 87m);

    public static readonly IndicatorInput NewMembers = new("Kết nạp đảng viên mới trong nhiệm kỳ", "đảng viên", Target: 60m, Result: 21m, FullYearEstimate: 28m);

    public static readonly IndicatorInput Income = new("Thu nhập bình quân đầu người", "triệu đồng/người/năm", Target: 60m, Result: 58.5m, FullYearEstimate: 62.4m);

    public static readonly IndicatorInput PoorHouseholds = new("Tỷ lệ hộ nghèo", "%", Target: 1.5m, Result: 2.1m, FullYearEstimate: 1.8m, LowerIsBetter: true);

    public static readonly IndicatorInput HealthInsurance = new("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", Target: 95m, Result: 95m, FullYearEstimate: null);

    public static readonly IndicatorInput Revenue = new("Thu ngân sách nhà nước trên địa bàn", "triệu đồng", Target: 12_500m, Result: 6_130m, FullYearEstimate: 11_250.5m);

    public static readonly IndicatorInput CulturalQuarters = new("Số tổ dân phố đạt chuẩn văn hóa", "tổ dân phố", Target: 12m, Result: null, FullYearEstimate: null);

    public const string PartyBuilding =
        "Đảng bộ đã tổ chức học tập, quán triệt nghị quyết đại hội đến 100% cán bộ, đảng viên. " +
        "Công tác phát triển đảng viên còn gặp khó khăn do thanh niên đi làm ăn xa, nguồn quần chúng ưu tú còn ít. " +
        "Một số chi bộ chưa thực hiện nghiêm chế độ sinh hoạt định kỳ; chất lượng sinh hoạt chi bộ chưa cao.";

    public const string Economy =
        "Thu nhập bình quân đầu người ước đạt 62,4 triệu đồng/người/năm.\n" +
        "Tỷ lệ hộ nghèo giảm còn 2,1% vào tháng 6/2023 nhưng chưa đạt chỉ tiêu do giá cả vật tư tăng cao, thời tiết diễn biến bất thường. " +
        "Việc kiểm tra, giám sát của cấp ủy đối với các chi bộ có lúc chưa thường xuyên.";

    public const string Lessons = "Qua thực tiễn, Đảng bộ rút ra bài học: phải phát huy vai trò của người đứng đầu trong chỉ đạo các nhiệm vụ khó.";

    public static IReadOnlyList<IndicatorInput> Indicators =>
        [GoodOrganisations, NewMembers, Income, PoorHouseholds, HealthInsurance, Revenue, CulturalQuarters];

    public static DraftingRequest Request(SectionPurpose purpose, string heading = "I. Hạn chế, khuyết điểm") => new()
    {
        CampaignTitle = "Sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội đảng bộ các cấp, nhiệm kỳ 2020 - 2025",
        UnitName = UnitName,
        SectionHeading = heading,
        SectionGuidance = "Đánh giá rõ kết quả thực hiện các chỉ tiêu nghị quyết đại hội đề ra.",
        Purpose = purpose,
        OwnSections =
        [
            new OwnSection("I. Lãnh đạo công tác xây dựng Đảng và hệ thống chính trị", PartyBuilding),
            new OwnSection("II. Lãnh đạo phát triển kinh tế - xã hội", Economy),
            new OwnSection("IV. Đánh giá chung", Lessons),
        ],
        Indicators = Indicators,
        ExistingText = "Nội dung đồng chí bí thư đã ghi: còn một số hạn chế.",
    };
}
