using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Tracking.DeadlineQuestions;

namespace SoKet.Bot.Tests.Tracking;

/// <summary>
/// The deadlines of the three plans in shared/seeds, written out by hand from the documents
/// (sentences quoted word for word), so answers are checked against the real plans rather than
/// against what an extractor made of them.
/// </summary>
internal static class SeedPlanFacts
{
    public static class LaiChau125
    {
        private const string BasicLevel =
            "Cấp cơ sở: Cấp ủy, các chi bộ, đảng bộ cơ sở chuẩn bị dự thảo báo cáo đánh giá kết quả thực hiện nghị quyết đại hội nhiệm kỳ 2020 - 2025; " +
            "tổ chức hội nghị cấp ủy mở rộng sơ kết giữa nhiệm kỳ (đối với đảng bộ xã, phường), hội nghị đảng bộ, chi bộ sơ kết giữa nhiệm kỳ " +
            "(đối với các chi bộ, đảng bộ cơ quan, đơn vị), gắn với sơ kết tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023; hoàn thành việc sơ kết " +
            "và gửi báo cáo kết quả về Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy) trước ngày 30/6/2023.";

        public static readonly CampaignFacts Campaign = new()
        {
            Code = "125-KH/ThU",
            Title = "Kế hoạch sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội đảng bộ các cấp, Nghị quyết Đại hội Đảng bộ thành phố lần thứ IV, nhiệm kỳ 2020 - 2025",
            DataCutOff = null,
            EvaluationPeriod = "từ sau đại hội chi bộ, đảng bộ đến tháng 6/2023; dự ước thực hiện cả năm 2023",
            DataCutOffSource = "Thời điểm đánh giá: Từ sau đại hội chi bộ, đảng bộ đến tháng 6/2023; dự ước thực hiện cả năm 2023.",
            ReportsTo = "Ban Thường vụ Thành ủy",
            ReportsVia = "Văn phòng Thành ủy",
            ReportsToSource = BasicLevel,
        };

        public static readonly UnitGroupFacts ChiBoDangBoCoSo = new()
        {
            GroupName = "Chi bộ, đảng bộ cơ sở",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Report, Date = new DateOnly(2023, 6, 30), What = "báo cáo kết quả sơ kết giữa nhiệm kỳ",
                    Recipient = "Ban Thường vụ Thành ủy", Via = "Văn phòng Thành ủy", Source = BasicLevel,
                },
                new GroupDeadline
                {
                    Due = DueKind.Conference, Date = new DateOnly(2023, 6, 30), What = "hội nghị sơ kết giữa nhiệm kỳ", Source = BasicLevel,
                },
                new GroupDeadline
                {
                    Due = DueKind.DraftForComment, Timing = DeadlineTiming.BeforeConference, What = "dự thảo báo cáo xin ý kiến",
                    Recipient = "đồng chí Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành Đảng bộ thành phố phụ trách",
                    Source = "Các chi bộ, đảng bộ cơ sở chuẩn bị nội dung sơ kết đánh giá giữa nhiệm kỳ thực hiện nghị quyết đại hội chi bộ, " +
                             "đảng bộ cơ sở nhiệm kỳ 2020 – 2025; gửi dự thảo báo cáo xin ý kiến đồng chí Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành " +
                             "Đảng bộ thành phố phụ trách và tổ chức hội nghị sơ kết theo kế hoạch.",
                },
            ],
        };

        public static readonly UnitGroupFacts ThuongTrucHdnd = new()
        {
            GroupName = "Thường trực HĐND thành phố",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Report, Date = new DateOnly(2023, 6, 25),
                    What = "báo cáo tình hình, kết quả thực hiện chức năng, nhiệm vụ của HĐND thành phố",
                    Recipient = "Thành ủy", Via = "Văn phòng Thành ủy",
                    Source = "Thường trực HĐND thành phố báo cáo tình hình, kết quả việc thực hiện chức năng, nhiệm vụ của HĐND thành phố từ sau " +
                             "Đại hội Đảng bộ thành phố lần thứ IV, nhiệm kỳ 2020 - 2025; gửi báo cáo về Thành ủy (qua Văn phòng Thành ủy) trước ngày 25/6/2023.",
                },
            ],
        };

        public static readonly UnitGroupFacts BanDangMttq = new()
        {
            GroupName = "Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Report, Date = new DateOnly(2023, 6, 25), What = "báo cáo thuộc lĩnh vực phụ trách",
                    Recipient = "Thành ủy", Via = "Văn phòng Thành ủy",
                    Source = "Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố tổng hợp báo cáo thuộc lĩnh vực phụ trách " +
                             "và gửi về Thành ủy (qua Văn phòng Thành ủy) trước ngày 25/6/2023.",
                },
            ],
        };

        public static readonly UnitGroupFacts ThanhUy = new()
        {
            GroupName = "Thành ủy Lai Châu",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Conference, Date = new DateOnly(2023, 7, 30), What = "Hội nghị sơ kết giữa nhiệm kỳ của Thành ủy",
                    Source = "Thành ủy Lai Châu: Tổ chức Hội nghị sơ kết giữa nhiệm kỳ gắn với sơ kết tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023; " +
                             "hoàn thành trước ngày 30/7/2023.",
                },
            ],
        };
    }

    public static class HaTinh150
    {
        private const string Deadlines =
            "Báo cáo của các cơ quan, đơn vị nêu trên gửi về Ban Thường vụ Tỉnh ủy trước ngày 10/6/2023; Văn phòng Tỉnh ủy tổng hợp báo cáo " +
            "trình Ban Thường vụ Tỉnh ủy trước ngày 30/6/2023.";

        public static readonly CampaignFacts Campaign = new()
        {
            Code = "150-KH/TU",
            Title = "Kế hoạch sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX và nghị quyết đại hội các đảng bộ trực thuộc nhiệm kỳ 2020 - 2025",
            DataCutOff = new DateOnly(2023, 5, 30),
            DataCutOffSource = "Về mốc thời gian: Số liệu đánh giá ước tính đến ngày 30/5/2023; so sánh với mục tiêu, chỉ tiêu đề ra đến hết nhiệm kỳ Đại hội.",
            ReportsTo = "Ban Thường vụ Tỉnh ủy",
            ReportsToSource = Deadlines,
        };

        public static readonly UnitGroupFacts DangBoTrucThuoc = new()
        {
            GroupName = "Các đảng bộ trực thuộc",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Report, Date = new DateOnly(2023, 6, 10),
                    What = "báo cáo kết quả tình hình thực hiện nghị quyết đại hội đảng bộ nhiệm kỳ 2020 - 2025",
                    Recipient = "Ban Thường vụ Tỉnh ủy", Source = Deadlines,
                },
            ],
        };

        public static readonly UnitGroupFacts VanPhongTinhUy = new()
        {
            GroupName = "Văn phòng Tỉnh ủy",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Compilation, Date = new DateOnly(2023, 6, 30), What = "báo cáo tổng hợp trình Ban Thường vụ Tỉnh ủy",
                    Recipient = "Ban Thường vụ Tỉnh ủy", Source = Deadlines,
                },
            ],
        };
    }

    public static class DangUyKhoiDoanhNghiep2018
    {
        public static readonly CampaignFacts Campaign = new()
        {
            Code = "",
            Title = "Kế hoạch sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng ủy khối Doanh nghiệp lần thứ II và Đại hội Đảng cấp cơ sở nhiệm kỳ 2015 – 2020",
            EvaluationPeriod = "các năm 2016, 2017 và 6 tháng đầu năm 2018, ước thực hiện cả năm 2018",
            DataCutOffSource = "Lập biểu tổng hợp thống kê kết quả các chỉ tiêu trong năm 2016, 2017 và 6 tháng đầu năm 2018, ước thực hiện cả năm 2018 " +
                               "(So sánh kết quả thực hiện với các chỉ tiêu nghị quyết đại hội và so với kết quả thực hiện của năm 2015) – Phụ lục",
            ReportsTo = "Đảng ủy Khối",
            ReportsVia = "Văn phòng Đảng ủy",
        };

        public static readonly UnitGroupFacts ChiDangBoCoSo = new()
        {
            GroupName = "Các chi, đảng bộ cơ sở",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Conference, Date = new DateOnly(2018, 6, 1), MonthOnly = true, What = "hội nghị sơ kết",
                    Source = "Các chi, đảng bộ cơ sở: Tổ chức hội nghị sơ kết hoàn thành trong tháng 6-2018. " +
                             "(Có thể lồng ghép với hội nghị sinh hoạt cấp ủy hoặc sinh hoạt chi bộ).",
                },
                new GroupDeadline
                {
                    Due = DueKind.Report, Date = new DateOnly(2018, 6, 9), What = "Báo cáo chính trị và Phụ biểu",
                    Recipient = "Đảng ủy Khối", Via = "Văn phòng Đảng ủy",
                    Source = "Tuy nhiên, gửi Báo cáo chính trị và Phụ biểu về Đảng ủy Khối (qua Văn phòng Đảng ủy) chậm nhất vào ngày 9-6-2018, để tổng hợp chung.",
                },
                new GroupDeadline
                {
                    Due = DueKind.Report, Timing = DeadlineTiming.AfterConference,
                    What = "Báo cáo chính trị đã thông qua trong hội nghị và Nghị quyết về mục tiêu, phương hướng nhiệm vụ nửa nhiệm kỳ còn lại (2018 – 2020)",
                    Recipient = "Đảng ủy Khối",
                    Source = "Sau khi tổ chức hội nghị sơ kết, gửi về Đảng ủy Khối: Báo cáo chính trị đã thông qua trong hội nghị, " +
                             "Nghị quyết về mục tiêu, phương hướng nhiệm vụ nửa nhiệm kỳ còn lại (2018 – 2020)",
                },
            ],
        };

        public static readonly UnitGroupFacts DangUyKhoi = new()
        {
            GroupName = "Đảng ủy Khối",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Report, Date = new DateOnly(2018, 6, 30), What = "báo cáo chính trị", Recipient = "Tỉnh ủy",
                    Source = "Gửi báo cáo chính trị về Tỉnh ủy trước ngày 30-6-2018.",
                },
                new GroupDeadline
                {
                    Due = DueKind.Conference, Date = new DateOnly(2018, 7, 1), MonthOnly = true,
                    What = "sơ kết lồng ghép trong Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ XVI",
                    Source = "Sơ kết lồng ghép trong Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ XVI (Đầu tháng 7-2018)",
                },
            ],
        };
    }
}
