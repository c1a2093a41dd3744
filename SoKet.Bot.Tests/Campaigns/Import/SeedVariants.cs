namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Issue 15: the three seeds with one passage rewritten the way other offices write it, several wordings
/// per pattern, so each pattern is proven on a whole real plan rather than on a lone sentence. The whole
/// plans written from scratch are in TestData/variants (see <see cref="VariantFiles"/>). Expected values
/// live in the tests and were written by hand from these texts.
/// </summary>
internal static class SeedVariants
{
    /// <summary>Lai Châu with its date line "TP. Lai Châu, ngày 21 tháng 3 năm 2023" written another way.</summary>
    public static readonly IReadOnlyDictionary<string, string> DateLines = new Dictionary<string, string>
    {
        ["no-comma"] = "TP. Lai Châu ngày 21 tháng 3 năm 2023",
        ["glued-ngay"] = "TP. Lai Châu, ngày21 tháng 3 năm 2023",
        ["glued-day"] = "TP. Lai Châu, ngày 21tháng 3 năm 2023",
        ["glued-year"] = "TP. Lai Châu, ngày 21 tháng 3 năm2023",
        ["colon"] = "TP. Lai Châu, ngày: 21 tháng 3 năm 2023",
        ["full-stop"] = "TP. Lai Châu. ngày 21 tháng 3 năm 2023",
        ["dash"] = "TP. Lai Châu - ngày 21 tháng 3 năm 2023",
        ["semicolon"] = "TP. Lai Châu; ngày 21 tháng 3 năm 2023",
        ["commas-inside"] = "TP. Lai Châu, ngày 21, tháng 3, năm 2023",
        ["spaced-year"] = "TP. Lai Châu, ngày 21 tháng 3 năm 2 023",
        ["capitals"] = "TP. LAI CHÂU, NGÀY 21 THÁNG 3 NĂM 2023",
        ["brackets"] = "(TP. Lai Châu, ngày 21 tháng 3 năm 2023)",
        ["dashes-around"] = "- TP. Lai Châu, ngày 21 tháng 3 năm 2023 -",
        ["month-word"] = "TP. Lai Châu, ngày 21 tháng ba năm 2023",
        ["tab-between"] = "TP. Lai Châu,\tngày 21 tháng 3 năm 2023",
    };

    public static string LaiChauWithDateLine(string line) =>
        Replace(Seed(SeedPlans.LaiChau), "TP. Lai Châu, ngày 21 tháng 3 năm 2023", line);

    /// <summary>Lai Châu with the date line left blank for the day, as drafts circulate before signature.</summary>
    public static string LaiChauWithBlankDay() =>
        Replace(Seed(SeedPlans.LaiChau), "TP. Lai Châu, ngày 21 tháng 3 năm 2023", "TP. Lai Châu, ngày     tháng 3 năm 2023");

    /// <summary>
    /// Lai Châu with item II.2.1 ("2.1. Cấp cơ sở: ... trước ngày 30/6/2023.") rewritten as a sub-heading naming
    /// the group, its tasks and dates on the lines below: the group is named only by the heading.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> GroupHeadings = new Dictionary<string, string>
    {
        ["doi-voi-bullet"] = """
            2.1. Đối với các chi bộ, đảng bộ cơ sở
            - Tổ chức hội nghị sơ kết giữa nhiệm kỳ, gắn với sơ kết tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023; hoàn thành trước ngày 30/6/2023.
            """,
        ["doi-voi-colon-paragraph"] = """
            2.1. Đối với cấp cơ sở:
            Tổ chức hội nghị cấp ủy mở rộng sơ kết giữa nhiệm kỳ (đối với đảng bộ xã, phường), hội nghị đảng bộ, chi bộ sơ kết giữa nhiệm kỳ (đối với các chi bộ, đảng bộ cơ quan, đơn vị); hoàn thành trước ngày 30/6/2023.
            """,
        ["capitals-bare"] = """
            2.1. CÁC CHI BỘ, ĐẢNG BỘ CƠ SỞ
            + Tổ chức hội nghị sơ kết giữa nhiệm kỳ, hoàn thành trước ngày 30/6/2023.
            """,
        ["o-cap"] = """
            a) Ở cấp cơ sở
            Tổ chức hội nghị sơ kết giữa nhiệm kỳ, hoàn thành trước ngày 30/6/2023.
            """,
        ["rieng"] = """
            2.1. Riêng các đảng bộ xã, phường
            - Tổ chức hội nghị cấp ủy mở rộng sơ kết giữa nhiệm kỳ, hoàn thành trước ngày 30/6/2023.
            """,
        ["subject-with-verb"] = """
            2.1. Các chi bộ, đảng bộ cơ sở thực hiện như sau:
            - Tổ chức hội nghị sơ kết giữa nhiệm kỳ, hoàn thành trước ngày 30/6/2023.
            """,
        ["doi-voi-parenthesis"] = """
            2.1. Đối với các chi bộ, đảng bộ cơ sở (gồm đảng bộ xã, phường và các chi bộ, đảng bộ cơ quan, đơn vị)
            - Tổ chức hội nghị sơ kết giữa nhiệm kỳ, hoàn thành trước ngày 30/6/2023.
            """,
    };

    public static string LaiChauWithGroupHeading(string passage) =>
        Replace(Seed(SeedPlans.LaiChau), Line(Seed(SeedPlans.LaiChau), "2.1. Cấp cơ sở:"), passage.TrimEnd());

    /// <summary>
    /// Hà Tĩnh with the attached ĐỀ CƯƠNG removed and section II rewritten so that it names a guidance outline
    /// kept elsewhere (or promised) and gives only the plan's own content, method and timing items.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OutlineReferences = new Dictionary<string, string>
    {
        ["huong-dan-so"] = """
            II. NỘI DUNG, PHƯƠNG PHÁP VÀ MỐC THỜI GIAN

            1. Về nội dung: Xây dựng báo cáo theo Đề cương hướng dẫn ban hành kèm theo Hướng dẫn số 12-HD/BTCTW ngày 10/3/2023 của Ban Tổ chức Trung ương.

            2. Về phương pháp: Các đảng bộ trực thuộc tổ chức sơ kết bằng hình thức hội nghị, gắn với sơ kết 6 tháng đầu năm.

            3. Về mốc thời gian: Số liệu đánh giá ước tính **đến ngày 30/5/2023**; so sánh với mục tiêu, chỉ tiêu đề ra đến hết nhiệm kỳ Đại hội.
            """,
        ["gui-sau"] = """
            II. NỘI DUNG VÀ MỐC THỜI GIAN

            1. Nội dung sơ kết
            Báo cáo sơ kết xây dựng theo đề cương của Ban Thường vụ Tỉnh ủy (đề cương sẽ gửi sau).

            2. Cách thức tiến hành
            Các đảng bộ trực thuộc tổ chức hội nghị ban chấp hành mở rộng để thảo luận, thông qua báo cáo.

            3. Mốc thời gian
            Số liệu đánh giá ước tính **đến ngày 30/5/2023**.
            """,
        ["mau-dinh-kem"] = """
            II. NỘI DUNG, HÌNH THỨC

            1. Nội dung: Thực hiện theo mẫu đề cương đính kèm Kế hoạch này.

            2. Hình thức: Tổ chức hội nghị sơ kết ở cấp huyện và tương đương; cấp cơ sở xây dựng báo cáo.
            """,
        ["cong-van-bullets"] = """
            II. NỘI DUNG

            - Nội dung báo cáo: theo Đề cương gợi ý tại Công văn số 1024-CV/BTGTU ngày 02/3/2023 của Ban Tuyên giáo Tỉnh ủy.

            - Phương pháp: Đánh giá qua báo cáo của các đảng bộ trực thuộc, kết hợp khảo sát thực tế ở một số cơ sở.

            - Thời gian: Số liệu đánh giá ước tính **đến ngày 30/5/2023**.
            """,
    };

    public static string HaTinhWithOutlineReference(string section)
    {
        var seed = Seed(SeedPlans.HaTinh);
        var start = seed.IndexOf("II. NỘI DUNG VÀ MỐC THỜI GIAN", StringComparison.Ordinal);
        var end = seed.IndexOf("III. TỔ CHỨC THỰC HIỆN", StringComparison.Ordinal);
        var attachment = seed.IndexOf("ĐỀ CƯƠNG BÁO CÁO", StringComparison.Ordinal);
        return seed[..start] + section.TrimEnd() + "\n\n" + seed[end..attachment];
    }

    /// <summary>
    /// Hà Tĩnh with its office's task ("Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy trước ngày
    /// 30/6/2023") written so that a conference is named as what is compiled, where it is presented, or what it serves.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CompilationWordings = new Dictionary<string, string>
    {
        ["ket-qua-hoi-nghi"] = "Văn phòng Tỉnh ủy tổng hợp kết quả hội nghị sơ kết của các đảng bộ trực thuộc, xây dựng dự thảo báo cáo trình Ban Thường vụ Tỉnh ủy **trước ngày 30/6/2023**.",
        ["tinh-hinh-to-chuc"] = "Văn phòng Tỉnh ủy tổng hợp tình hình tổ chức hội nghị sơ kết ở các đảng bộ trực thuộc, báo cáo Thường trực Tỉnh ủy **trước ngày 30/6/2023**.",
        ["trinh-tai-hoi-nghi"] = "Văn phòng Tỉnh ủy tổng hợp, xây dựng báo cáo sơ kết chung, trình Ban Thường vụ Tỉnh ủy tại hội nghị **trước ngày 30/6/2023**.",
        ["hoan-thanh-viec-tong-hop"] = "Văn phòng Tỉnh ủy hoàn thành việc tổng hợp, xây dựng báo cáo sơ kết của Tỉnh ủy, trình Ban Thường vụ Tỉnh ủy **trước ngày 30/6/2023**.",
        ["phuc-vu-hoi-nghi"] = "Văn phòng Tỉnh ủy tổng hợp báo cáo sơ kết của các đơn vị phục vụ hội nghị Ban Thường vụ Tỉnh ủy, hoàn thành **trước ngày 30/6/2023**.",
    };

    public static string HaTinhWithCompilation(string sentence) =>
        Replace(Seed(SeedPlans.HaTinh), "Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy **trước ngày 30/6/2023**.", sentence);

    /// <summary>
    /// Lai Châu with item II.2.2 ("2.2. Thành ủy Lai Châu: Tổ chức Hội nghị sơ kết ...; hoàn thành trước ngày
    /// 30/7/2023.") written so that "hoàn thành" stands apart from the task it completes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CompletionWordings = new Dictionary<string, string>
    {
        ["next-sentence"] = "2.2. Thành ủy Lai Châu: Tổ chức Hội nghị sơ kết giữa nhiệm kỳ gắn với sơ kết tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023. Hoàn thành trước ngày 30/7/2023.",
        ["next-paragraph"] = """
            2.2. Thành ủy Lai Châu
            Tổ chức Hội nghị sơ kết giữa nhiệm kỳ gắn với sơ kết tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023.
            Hoàn thành trước ngày 30/7/2023.
            """,
        ["thoi-gian-hoan-thanh"] = """
            2.2. Thành ủy Lai Châu: Tổ chức Hội nghị sơ kết giữa nhiệm kỳ gắn với sơ kết tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023.
            - Thời gian hoàn thành: trước ngày 30/7/2023.
            """,
        ["hoan-thanh-hoi-nghi"] = "2.2. Thành ủy Lai Châu: Hoàn thành Hội nghị sơ kết giữa nhiệm kỳ trước ngày 30/7/2023.",
    };

    public static string LaiChauWithCompletion(string passage) =>
        Replace(Seed(SeedPlans.LaiChau), Line(Seed(SeedPlans.LaiChau), "2.2. Thành ủy Lai Châu:"), passage.TrimEnd());

    /// <summary>Lai Châu with the UBND's deadline (III.3, "trước ngày 25/6/2023") written without a year or as a quarter.</summary>
    public static readonly IReadOnlyDictionary<string, string> UbndDeadlines = new Dictionary<string, string>
    {
        ["truoc-d-m"] = "trước 25/6",
        ["ngay-thang-words"] = "trước ngày 25 tháng 6",
        ["cham-nhat-hyphen"] = "chậm nhất ngày 25-6",
        ["han-cuoi"] = "hạn cuối 25/6",
        ["dotted-full"] = "trước ngày 25.6.2023",
        ["hyphen-full"] = "trước ngày 25-6-2023",
        ["quy-roman"] = "trong quý II/2023",
        ["quy-arabic"] = "trong quý 2 năm 2023",
    };

    public static string LaiChauWithUbndDeadline(string words) =>
        Replace(Seed(SeedPlans.LaiChau),
            "gửi báo cáo về Thành ủy (qua Văn phòng Thành ủy) trước ngày 25/6/2023.\n\n4.",
            $"gửi báo cáo về Thành ủy (qua Văn phòng Thành ủy) {words}.\n\n4.");

    /// <summary>Hà Tĩnh with its attached outline's heading ("ĐỀ CƯƠNG BÁO CÁO", after the signature) typed otherwise.</summary>
    public static string HaTinhWithOutlineHeading(string heading) =>
        Replace(Seed(SeedPlans.HaTinh), "Trần Thế Dũng\n\nĐỀ CƯƠNG BÁO CÁO\n", $"Trần Thế Dũng\n\n{heading}\n");

    /// <summary>Hà Tĩnh with its attached outline moved before the plan: above the letterhead, or between the title and the preamble.</summary>
    public static string HaTinhWithOutlineBefore(bool aboveLetterhead, string heading = "ĐỀ CƯƠNG BÁO CÁO")
    {
        var seed = Seed(SeedPlans.HaTinh);
        var at = seed.IndexOf("ĐỀ CƯƠNG BÁO CÁO\n", StringComparison.Ordinal);
        var outline = heading + seed[(at + "ĐỀ CƯƠNG BÁO CÁO".Length)..] + "\n\n";
        var plan = seed[..at];
        var before = aboveLetterhead ? 0 : plan.IndexOf("Thực hiện Chương trình công tác", StringComparison.Ordinal);
        return plan.Insert(before, outline);
    }

    /// <summary>Hà Tĩnh with the units' deadline ("gửi về Ban Thường vụ Tỉnh ủy **trước ngày 10/6/2023**") in other words.</summary>
    public static string HaTinhWithReportDeadline(string words) =>
        Replace(Seed(SeedPlans.HaTinh), "gửi về Ban Thường vụ Tỉnh ủy **trước ngày 10/6/2023**", $"gửi về Ban Thường vụ Tỉnh ủy {words}");

    /// <summary>Hà Tĩnh with the office's compilation due a number of days after another date of the plan.</summary>
    public static readonly IReadOnlyDictionary<string, string> RelativeWordings = new Dictionary<string, string>
    {
        ["sau-han-gui"] = "Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy sau 10 ngày kể từ hạn gửi báo cáo của các cơ quan, đơn vị.",
        ["sau-thoi-han-neu-tren"] = "Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy chậm nhất 15 ngày sau thời hạn nêu trên.",
        ["ngay-lam-viec"] = "Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy trong vòng 07 ngày làm việc kể từ ngày hết hạn nhận báo cáo.",
        ["ke-tu-ban-hanh"] = "Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy trong thời hạn 120 ngày kể từ ngày ban hành Kế hoạch này.",
        ["moc-khong-ro"] = "Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy sau 10 ngày kể từ ngày kết thúc đợt sinh hoạt chính trị.",
    };

    public static string HaTinhWithRelative(string sentence) =>
        Replace(Seed(SeedPlans.HaTinh), "Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy **trước ngày 30/6/2023**.", sentence);

    /// <summary>A year-end plan issued in December whose deadlines without a year fall in January of the next year.</summary>
    public const string YearEndPlan = """
        ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH
        Số 301-KH/ĐUK
        Lai Châu, ngày 20 tháng 12 năm 2023
        KẾ HOẠCH
        Tổng kết công tác xây dựng Đảng năm 2023, triển khai nhiệm vụ năm 2024
        Thực hiện Chương trình công tác năm 2023, Ban Thường vụ Đảng ủy Khối ban hành kế hoạch như sau:
        I. NỘI DUNG
        1. Đánh giá kết quả thực hiện nhiệm vụ công tác xây dựng Đảng năm 2023.
        2. Phương hướng, nhiệm vụ năm 2024.
        II. THỜI GIAN
        1. Các chi, đảng bộ cơ sở tổ chức hội nghị tổng kết xong trước 10/01; gửi báo cáo về Đảng ủy Khối (qua Văn phòng Đảng ủy) trước 15/01.
        2. Văn phòng Đảng ủy Khối tổng hợp, xây dựng báo cáo trình Ban Thường vụ Đảng ủy Khối trước ngày 25/12.
        """;

    private static string Seed(string name) => SeedPlans.RawText(name);

    private static string Line(string text, string startsWith) =>
        text.Split('\n').Single(l => l.StartsWith(startsWith, StringComparison.Ordinal));

    private static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }
}

/// <summary>The whole variant plans in TestData/variants, written from scratch in the seeds' styles.</summary>
internal static class VariantFiles
{
    /// <summary>Huyện ủy Phong Thổ (after Lai Châu): groups named by "Đối với ..." sub-headings, "15-6-2023" dates, a stray space and full stop in the date line, the office compiling the results of the conferences.</summary>
    public const string HeadingGroups = "ke-hoach-86-KH-HU-phong-tho-nhom-theo-de-muc.txt";

    /// <summary>Tỉnh ủy Hà Tĩnh: the tasks as a table (unit, task, date) with a merged unit cell, dates without a year and a quarter, no comma in the date line.</summary>
    public const string TaskTable = "ke-hoach-171-KH-TU-ha-tinh-bang-phan-cong.txt";

    /// <summary>Tỉnh ủy Hà Tĩnh: reports follow a central outline not attached; section II holds only content, method and timing items.</summary>
    public const string OutlineElsewhere = "ke-hoach-178-KH-TU-ha-tinh-de-cuong-huong-dan.txt";

    /// <summary>Đảng ủy Khối (after the 2018 plan): no date line, the year only in the title, "trước 30/6", "ngày 5 tháng 7", a compilation due 10 days after the units' deadline, a quarter.</summary>
    public const string RelativeDeadlines = "ke-hoach-dang-uy-khoi-2023-moc-tuong-doi.txt";

    /// <summary>Đảng ủy xã Bản Hon: place and date split by a tab, a bare group heading, "Hoàn thành trước 20/6." as its own sentence, deadlines counted from the plan's issue and from the conference.</summary>
    public const string Completion = "ke-hoach-21-KH-DU-ban-hon-hoan-thanh.txt";

    public static readonly string[] All = [HeadingGroups, TaskTable, OutlineElsewhere, RelativeDeadlines, Completion];

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "variants", name);

    public static string RawText(string name) => File.ReadAllText(PathOf(name));
}
