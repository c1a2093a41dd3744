namespace SoKet.Bot.Demo;

/// <summary>Where a demo unit's report stands when the demo starts.</summary>
internal enum DemoState
{
    /// <summary>Some sections written; nothing sent.</summary>
    Drafting,

    /// <summary>Sent to the leader in charge for comments (seed 125-KH/ThU, III.7), not answered yet.</summary>
    InReview,

    /// <summary>Sent, and returned by the leader with comments.</summary>
    Returned,

    /// <summary>Sent, approved by the leader, then submitted.</summary>
    SubmittedAfterReview,

    /// <summary>Submitted without a review round (HĐND, UBND, the boards: III.7 concerns the grassroots units).</summary>
    SubmittedDirectly,
}

/// <summary>Which of the plan's report deadlines a unit answers to.</summary>
internal enum DemoDeadline
{
    /// <summary>Chi bộ and đảng bộ cơ sở: a few weeks ahead.</summary>
    Grassroots,

    /// <summary>HĐND, UBND, the Party boards and the Front: already passed.</summary>
    Early,
}

internal sealed record DemoIndicator(string Name, string UnitOfMeasure, decimal? Target, decimal? Result, decimal? FullYearEstimate = null, bool LowerIsBetter = false);

/// <summary>
/// One demo unit's report as the unit wrote it: its sections by outline path (the reference outline's "1.2.1" is
/// "B. I. Lãnh đạo công tác xây dựng Đảng…"), its indicator rows, and when things happened, in working days.
/// </summary>
internal sealed record DemoReportScript(string UnitName, DemoState State, DemoDeadline Deadline)
{
    public IReadOnlyList<(string Path, string Text)> Sections { get; init; } = [];

    public IReadOnlyList<DemoIndicator> Indicators { get; init; } = [];

    /// <summary>A section rewritten after its first version (the history shows both).</summary>
    public (string Path, string Text)? Revision { get; init; }

    /// <summary>The leader's comments when returning the draft, by outline path.</summary>
    public IReadOnlyList<(string Path, string Text)> LeaderComments { get; init; } = [];

    public string? GeneralComment { get; init; }

    /// <summary>Working days before today (<see cref="DemoDeadline.Grassroots"/>) or before the early deadline (<see cref="DemoDeadline.Early"/>) when drafting began.</summary>
    public int StartedDaysBefore { get; init; }

    /// <summary>Working days before today of the last step (sending, returning or submitting); 1 = yesterday.</summary>
    public int LastStepDaysAgo { get; init; } = 1;

    /// <summary>For a report submitted before the early deadline: working days before it.</summary>
    public int? SubmittedDaysBeforeEarlyDeadline { get; init; }
}

/// <summary>
/// The demo units' reports: plausible content for the Lai Châu city committee's sơ kết, with figures that agree
/// with each unit's indicator rows. Written to show every state the office tracks: a drafting unit (the one web
/// chat users join), one sent for comments, one returned with comments, one submitted after its leader approved;
/// of the units whose deadline has passed, two submitted (one late) and one still drafting. The other two units
/// (one grassroots, one past its deadline) have not started and have no report.
/// </summary>
internal static class DemoReportScripts
{
    public const string PhongTaiChinh = "Chi bộ Phòng Tài chính - Kế hoạch thành phố";
    public const string TruongThpt = "Chi bộ Trường Trung học phổ thông thành phố";
    public const string TanPhong = "Đảng bộ phường Tân Phong";
    public const string DongPhong = "Đảng bộ phường Đông Phong";
    public const string Hdnd = "Thường trực HĐND thành phố";
    public const string Ubnd = "Ủy ban nhân dân thành phố";
    public const string BanToChuc = "Ban Tổ chức Thành ủy";

    /// <param name="memberUnitName">The unit web chat users join (<see cref="Campaigns.Demo.DemoOptions.MemberUnitName"/>); it gets the drafting script.</param>
    public static IReadOnlyList<DemoReportScript> All(string memberUnitName) =>
    [
        PhongTaiChinhScript with { UnitName = memberUnitName },
        TruongThptScript,
        TanPhongScript,
        DongPhongScript,
        HdndScript,
        UbndScript,
        BanToChucScript,
    ];

    private static readonly DemoReportScript PhongTaiChinhScript = new(PhongTaiChinh, DemoState.Drafting, DemoDeadline.Grassroots)
    {
        StartedDaysBefore = 8,
        Sections =
        [
            ("1.1", "Chi bộ Phòng Tài chính - Kế hoạch thành phố có 14 đảng viên, sinh hoạt thành một chi bộ không có chi ủy. " +
                    "Phòng tham mưu cho Ủy ban nhân dân thành phố về tài chính, ngân sách, kế hoạch và đầu tư."),
            ("1.2.1", "Chi bộ duy trì sinh hoạt định kỳ vào ngày 3 hằng tháng và sinh hoạt chuyên đề mỗi quý một lần. " +
                      "Đã kết nạp 1 đảng viên mới."),
            ("1.2.2", "Phòng đã tham mưu xây dựng dự toán ngân sách hằng năm đúng thời gian quy định. " +
                      "Thẩm định 146 hồ sơ quyết toán dự án hoàn thành, giảm trừ 2,3 tỷ đồng so với giá trị đề nghị quyết toán."),
        ],
        Revision = ("1.2.1", "Chi bộ duy trì sinh hoạt định kỳ vào ngày 3 hằng tháng và sinh hoạt chuyên đề mỗi quý một lần; " +
                             "100% đảng viên học tập, quán triệt đầy đủ các nghị quyết của Đảng. " +
                             "Đã kết nạp 1 đảng viên mới, chưa đạt chỉ tiêu 3 đảng viên của nhiệm kỳ do nguồn quần chúng ưu tú còn ít."),
        Indicators =
        [
            new("Kết nạp đảng viên mới", "đảng viên", 3, 1, 2),
            new("Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên", "%", 90, 92.9m),
            new("Tỷ lệ hồ sơ quyết toán được thẩm định đúng hạn", "%", 95, 97.3m),
        ],
    };

    private static readonly DemoReportScript TruongThptScript = new(TruongThpt, DemoState.InReview, DemoDeadline.Grassroots)
    {
        StartedDaysBefore = 9,
        Sections =
        [
            ("1.1", "Chi bộ Trường Trung học phổ thông thành phố có 38 đảng viên, sinh hoạt ở 3 tổ đảng. " +
                    "Nhà trường có 32 lớp với 1.215 học sinh, 86 cán bộ, giáo viên, nhân viên."),
            ("1.2.1", "Chi bộ duy trì nền nếp sinh hoạt định kỳ và chuyên đề hằng tháng; kết nạp 5 đảng viên mới, trong đó có 2 học sinh. " +
                      "100% đảng viên được đánh giá, xếp loại hoàn thành nhiệm vụ trở lên."),
            ("1.2.2", "Tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 99,2%; có 27 học sinh đạt giải học sinh giỏi cấp tỉnh. " +
                      "Trường được công nhận đạt chuẩn quốc gia mức độ 1."),
            ("1.3.1.1", "Việc phát triển đảng viên trong học sinh còn gặp khó khăn; một số buổi sinh hoạt chuyên đề chưa sâu."),
            ("1.3.1.2", "Cơ sở vật chất, phòng học bộ môn còn thiếu so với yêu cầu của chương trình giáo dục phổ thông mới."),
            ("1.3.3", "Phải gắn nhiệm vụ chính trị của nhà trường với xây dựng chi bộ trong sạch, vững mạnh; " +
                      "phát huy vai trò gương mẫu của đảng viên là giáo viên chủ nhiệm."),
            ("2.2.1", "Nâng cao chất lượng sinh hoạt chi bộ; phấn đấu mỗi năm kết nạp ít nhất 2 đảng viên mới."),
        ],
        Indicators =
        [
            new("Kết nạp đảng viên mới", "đảng viên", 8, 5, 7),
            new("Tỷ lệ học sinh tốt nghiệp trung học phổ thông", "%", 98, 99.2m),
        ],
    };

    private static readonly DemoReportScript TanPhongScript = new(TanPhong, DemoState.Returned, DemoDeadline.Grassroots)
    {
        StartedDaysBefore = 12,
        LastStepDaysAgo = 2,
        Sections =
        [
            ("1.1", "Phường Tân Phong có 12 tổ dân phố với 3.106 hộ, 11.820 nhân khẩu. " +
                    "Đảng bộ phường có 18 chi bộ trực thuộc với 528 đảng viên."),
            ("1.2.1", "Đảng ủy đã kết nạp 19 đảng viên mới; tỷ lệ chi bộ hoàn thành tốt nhiệm vụ trở lên hằng năm đạt 88,9%. " +
                      "Ủy ban Kiểm tra Đảng ủy đã kiểm tra 6 tổ chức đảng và 14 đảng viên."),
            ("1.2.2", "Thu ngân sách nhà nước trên địa bàn ước đạt 21,7 tỷ đồng; tỷ lệ hộ nghèo giảm còn 1,2%."),
            ("1.2.3", "Hoàn thành chỉ tiêu giao quân hằng năm; tình hình an ninh chính trị, trật tự an toàn xã hội ổn định."),
            ("1.3.1.1", "Chất lượng sinh hoạt ở một số chi bộ tổ dân phố chưa cao."),
            ("1.3.1.2", "Thu ngân sách chưa đạt chỉ tiêu nghị quyết."),
            ("2.2.2", "Tập trung khai thác nguồn thu, hoàn thành giải phóng mặt bằng các dự án trên địa bàn."),
        ],
        Indicators =
        [
            new("Kết nạp đảng viên mới", "đảng viên", 25, 19, 22),
            new("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 24, 21.7m),
            new("Tỷ lệ hộ nghèo", "%", 2, 1.2m, LowerIsBetter: true),
        ],
        LeaderComments =
        [
            ("1.2.2", "Đề nghị bổ sung so sánh với chỉ tiêu nghị quyết và nêu rõ các công trình đã hoàn thành."),
            ("1.3.1.2", "Hạn chế cần nêu cụ thể thu ngân sách đạt bao nhiêu phần trăm chỉ tiêu, không viết chung chung."),
        ],
        GeneralComment = "Đề nghị Đảng ủy hoàn thiện dự thảo, bổ sung phần nguyên nhân và bài học kinh nghiệm trước khi trình hội nghị.",
    };

    private static readonly DemoReportScript DongPhongScript = new(DongPhong, DemoState.SubmittedAfterReview, DemoDeadline.Grassroots)
    {
        StartedDaysBefore = 15,
        LastStepDaysAgo = 4,
        Sections =
        [
            ("1.1", "Phường Đông Phong có diện tích tự nhiên 1.021 ha, 8 tổ dân phố với 2.412 hộ, 9.386 nhân khẩu, gồm 7 dân tộc cùng sinh sống. " +
                    "Đảng bộ phường có 14 chi bộ trực thuộc với 412 đảng viên. " +
                    "Sau đại hội, Đảng ủy đã ban hành chương trình hành động và 3 nghị quyết chuyên đề để cụ thể hóa nghị quyết."),
            ("1.2.1", "Đảng ủy tổ chức quán triệt các nghị quyết, chỉ thị của cấp trên cho 100% cán bộ, đảng viên. " +
                      "Từ sau đại hội đến nay đã kết nạp 26 đảng viên mới, bằng 86,7% chỉ tiêu nhiệm kỳ; hằng năm có 92,9% tổ chức cơ sở đảng được đánh giá hoàn thành tốt nhiệm vụ trở lên. " +
                      "Ủy ban Kiểm tra Đảng ủy đã kiểm tra 9 tổ chức đảng và 21 đảng viên, giám sát chuyên đề 12 chi bộ."),
            ("1.2.2", "Thu ngân sách nhà nước trên địa bàn ước đạt 18,4 tỷ đồng, vượt 8,2% chỉ tiêu. " +
                      "Tỷ lệ hộ nghèo giảm còn 1,9%. Hoàn thành chỉnh trang 3,2 km đường nội phường theo phương châm Nhà nước và nhân dân cùng làm; " +
                      "96% hộ gia đình đạt danh hiệu gia đình văn hóa."),
            ("1.2.3", "Hoàn thành 100% chỉ tiêu giao quân; tình hình an ninh chính trị, trật tự an toàn xã hội ổn định, không để xảy ra điểm nóng. " +
                      "Duy trì 8 tổ an ninh nhân dân hoạt động hiệu quả."),
            ("1.2.4", "Tập trung thực hiện khâu đột phá chỉnh trang đô thị văn minh; 6/8 tổ dân phố đạt tiêu chuẩn tổ dân phố văn minh đô thị."),
            ("1.3.1.1", "Chỉ tiêu kết nạp đảng viên mới chưa đạt (26/30 đảng viên); chất lượng sinh hoạt của một số chi bộ tổ dân phố chưa cao, nội dung sinh hoạt chuyên đề còn đơn điệu."),
            ("1.3.1.2", "Tiến độ giải phóng mặt bằng một số công trình còn chậm; tỷ lệ hộ nghèo giảm nhưng chưa bền vững, còn 46 hộ nghèo."),
            ("1.3.1.3", "Vi phạm trật tự an toàn giao thông và tệ nạn xã hội ở một số tổ dân phố vẫn còn tiềm ẩn."),
            ("1.3.2.2.1", "Một số dự án đầu tư trên địa bàn chậm triển khai do vướng mắc về cơ chế; nguồn lực đầu tư hạ tầng còn hạn chế."),
            ("1.3.2.2.2", "Một số cấp ủy chi bộ chưa quan tâm đúng mức đến công tác tạo nguồn phát triển đảng viên; công tác kiểm tra, đôn đốc thực hiện nghị quyết có lúc chưa thường xuyên."),
            ("1.3.3", "Phải phát huy vai trò nêu gương của người đứng đầu; phân công rõ người, rõ việc, rõ thời gian hoàn thành; thường xuyên sâu sát cơ sở, lắng nghe ý kiến của nhân dân."),
            ("2.1", "Thời gian tới, nhu cầu chỉnh trang đô thị và thu hút đầu tư vào địa bàn phường tiếp tục tăng, đặt ra yêu cầu cao hơn đối với quản lý đất đai, trật tự xây dựng."),
            ("2.2.1", "Tập trung tạo nguồn, phấn đấu kết nạp ít nhất 4 đảng viên mới để hoàn thành chỉ tiêu nhiệm kỳ; nâng cao chất lượng sinh hoạt chi bộ."),
            ("2.2.2", "Đẩy mạnh thu ngân sách, hoàn thành giải phóng mặt bằng các dự án trọng điểm; duy trì 100% tổ dân phố có đường bê tông hóa."),
        ],
        Indicators =
        [
            new("Kết nạp đảng viên mới", "đảng viên", 30, 26, 28),
            new("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", 90, 92.9m),
            new("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 17, 18.4m),
            new("Tỷ lệ hộ nghèo", "%", 2.5m, 1.9m, LowerIsBetter: true),
            new("Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa", "%", 95, 96),
        ],
    };

    private static readonly DemoReportScript HdndScript = new(Hdnd, DemoState.SubmittedDirectly, DemoDeadline.Early)
    {
        StartedDaysBefore = 8,
        SubmittedDaysBeforeEarlyDeadline = 2,
        Sections =
        [
            ("1.1", "Hội đồng nhân dân thành phố nhiệm kỳ 2021 - 2026 có 30 đại biểu; Thường trực HĐND gồm 3 đồng chí; HĐND có 2 ban chuyên môn."),
            ("1.2.1", "Các kỳ họp được tổ chức đúng luật, đã ban hành 58 nghị quyết. " +
                      "Thường trực HĐND đã tổ chức 4 cuộc giám sát chuyên đề và 6 cuộc khảo sát; 100% kiến nghị sau giám sát được gửi đến cơ quan có thẩm quyền."),
            ("1.2.2", "HĐND đã quyết định dự toán thu, chi ngân sách địa phương và phân bổ vốn đầu tư công hằng năm; " +
                      "giám sát việc thực hiện 12 dự án đầu tư công trọng điểm, trong đó 9 dự án đã hoàn thành đưa vào sử dụng."),
            ("1.2.3", "Tổ chức 2 phiên chất vấn tại kỳ họp về bảo đảm trật tự an toàn giao thông và quản lý trật tự xây dựng."),
            ("1.3.1.1", "Hoạt động tiếp xúc cử tri ở một số phường, xã còn hình thức, số cử tri tham dự chưa nhiều."),
            ("1.3.1.2", "Việc theo dõi, đôn đốc thực hiện kiến nghị sau giám sát có lúc chưa kịp thời; còn 7 kiến nghị chậm được giải quyết."),
            ("1.3.2.2.2", "Một số đại biểu kiêm nhiệm chưa dành nhiều thời gian cho hoạt động của HĐND; kỹ năng chất vấn, thẩm tra còn hạn chế."),
            ("1.3.3", "Phải bám sát nghị quyết của Thành ủy khi xây dựng chương trình giám sát; lựa chọn nội dung giám sát trúng, đúng những vấn đề cử tri quan tâm."),
            ("2.2.1", "Nâng cao chất lượng kỳ họp, hoạt động chất vấn và giải trình; đổi mới hình thức tiếp xúc cử tri."),
        ],
        Indicators =
        [
            new("Số cuộc giám sát chuyên đề của Thường trực HĐND", "cuộc", 8, 4, 6),
        ],
    };

    private static readonly DemoReportScript UbndScript = new(Ubnd, DemoState.SubmittedDirectly, DemoDeadline.Early)
    {
        StartedDaysBefore = 7,
        LastStepDaysAgo = 2,
        Sections =
        [
            ("1.1", "Thành phố có 7 đơn vị hành chính cấp xã gồm 5 phường và 2 xã, dân số trên 42.000 người."),
            ("1.2.2", "Tốc độ tăng giá trị sản xuất bình quân ước đạt 10,8%/năm; thu nhập bình quân đầu người ước đạt 78 triệu đồng/năm. " +
                      "Tổng thu ngân sách nhà nước trên địa bàn thành phố ước đạt 612 tỷ đồng. Tỷ lệ hộ nghèo giảm còn 1,56%."),
            ("1.2.3", "Tổ chức diễn tập khu vực phòng thủ thành phố đạt loại giỏi; tai nạn giao thông giảm trên cả 3 tiêu chí."),
            ("1.2.4", "Triển khai 3 khâu đột phá về hoàn thiện hạ tầng đô thị, cải cách hành chính và phát triển du lịch; " +
                      "100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình."),
            ("1.3.1.2", "Thu ngân sách từ tiền sử dụng đất không đạt dự toán; giải ngân vốn đầu tư công đến nay mới đạt 68% kế hoạch."),
            ("1.3.1.3", "Công tác quản lý trật tự xây dựng ở một số khu dân cư mới còn để xảy ra vi phạm."),
            ("1.3.2.2.1", "Thị trường bất động sản trầm lắng; giá vật liệu xây dựng tăng cao ảnh hưởng đến tiến độ các công trình."),
            ("1.3.2.2.2", "Sự phối hợp giữa các phòng, ban chuyên môn trong giải phóng mặt bằng có lúc chưa chặt chẽ."),
            ("2.1", "Thời gian tới, thành phố tiếp tục là trung tâm chính trị, kinh tế, văn hóa của tỉnh; yêu cầu phát triển đô thị xanh, thông minh đặt ra nhiều nhiệm vụ mới."),
            ("2.2.2", "Tập trung giải ngân vốn đầu tư công; đẩy mạnh xúc tiến đầu tư, phát triển du lịch, dịch vụ."),
        ],
        Indicators =
        [
            new("Tổng thu ngân sách nhà nước trên địa bàn thành phố", "tỷ đồng", 650, 612, 640),
            new("Thu nhập bình quân đầu người", "triệu đồng/người/năm", 80, 78),
            new("Tỷ lệ hộ nghèo", "%", 2, 1.56m, LowerIsBetter: true),
        ],
    };

    private static readonly DemoReportScript BanToChucScript = new(BanToChuc, DemoState.Drafting, DemoDeadline.Early)
    {
        StartedDaysBefore = 6,
        LastStepDaysAgo = 3,
        Sections =
        [
            ("1.1", "Ban Tổ chức Thành ủy có 7 cán bộ, công chức; tham mưu cho Ban Thường vụ Thành ủy về công tác tổ chức xây dựng Đảng, cán bộ và đảng viên."),
            ("1.2.1", "Ban đã tham mưu kiện toàn, sắp xếp 6 tổ chức cơ sở đảng; toàn Đảng bộ thành phố kết nạp 312 đảng viên mới, bằng 89,1% chỉ tiêu nhiệm kỳ."),
        ],
    };
}
