namespace SoKet.Bot.Tests.Drafting.Import;

/// <summary>
/// A commune party committee's mid-term report written to the reference outline (Kế hoạch 150-KH/TU, Hà Tĩnh): the
/// text of each of its seventeen writable sections, in the outline's order, and the same report laid out the ways
/// drafters lay it out — the outline's own headings typed and bolded, Word's automatic numbering with reworded
/// headings, plain pasted text. Figures are invented for the test.
/// </summary>
internal static class DraftSamples
{
    /// <summary>The writable sections' text, in the outline's reading order (the indicator appendix aside).</summary>
    public static readonly string[][] Sections =
    [
        // A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH
        [
            "Xã Cẩm Quan có diện tích tự nhiên 2.315 ha, 9 thôn với 2.146 hộ, 7.820 nhân khẩu. Đảng bộ xã có 16 chi bộ trực thuộc với 412 đảng viên, trong đó 9 chi bộ thôn, 4 chi bộ nhà trường, 1 chi bộ trạm y tế, 1 chi bộ công an và 1 chi bộ quân sự.",
            "Bước vào thực hiện Nghị quyết Đại hội, xã có nhiều thuận lợi: được sự quan tâm lãnh đạo của Huyện ủy, tình hình chính trị ổn định, nhân dân đồng thuận. Tuy nhiên, dịch bệnh Covid-19 trong năm 2021, giá vật tư nông nghiệp tăng cao và mưa lũ cuối năm 2022 đã ảnh hưởng lớn đến sản xuất và đời sống nhân dân.",
        ],
        // B.I. Lãnh đạo công tác xây dựng Đảng
        [
            "1. Công tác chính trị, tư tưởng: Đảng ủy đã tổ chức học tập, quán triệt Nghị quyết Đại hội XIII của Đảng, Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX cho 100% cán bộ, đảng viên; xây dựng chương trình hành động thực hiện Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị 05-CT/TW.",
            "2. Công tác tổ chức, cán bộ: Kiện toàn 3 chi bộ thôn sau sáp nhập; kết nạp 18 đảng viên mới, đạt 72% chỉ tiêu nhiệm kỳ; hằng năm có trên 90% chi bộ được đánh giá hoàn thành tốt nhiệm vụ trở lên.",
            "3. Công tác kiểm tra, giám sát: Ủy ban Kiểm tra Đảng ủy đã kiểm tra 12 tổ chức đảng và 21 đảng viên, giám sát chuyên đề 8 chi bộ; thi hành kỷ luật 2 đảng viên vi phạm.",
            "4. Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội đổi mới phương thức hoạt động, tập hợp đoàn viên, hội viên tham gia phong trào xây dựng nông thôn mới nâng cao.",
        ],
        // B.II. Lãnh đạo phát triển kinh tế - xã hội
        [
            "Tổng giá trị sản xuất năm 2022 ước đạt 612 tỷ đồng, tốc độ tăng bình quân 8,6%/năm; thu nhập bình quân đầu người đạt 52 triệu đồng/năm; tỷ lệ hộ nghèo giảm còn 2,1%.",
            "- Về nông nghiệp: diện tích lúa chất lượng cao đạt 620 ha; xây dựng 4 mô hình liên kết sản xuất; chăn nuôi chuyển dịch theo hướng trang trại, gia trại.",
            "- Về xây dựng nông thôn mới: hoàn thành 15/19 tiêu chí xã nông thôn mới nâng cao; 3 thôn đạt khu dân cư nông thôn mới kiểu mẫu.",
            "- Văn hóa - xã hội: 100% trường học đạt chuẩn quốc gia; tỷ lệ tham gia bảo hiểm y tế đạt 93,5%.",
        ],
        // B.III. Quốc phòng - an ninh, đối ngoại
        [
            "Hoàn thành chỉ tiêu giao quân hằng năm; xây dựng lực lượng dân quân vững mạnh, rộng khắp; tổ chức diễn tập chiến đấu phòng thủ năm 2022 đạt loại giỏi.",
            "Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững; tai nạn giao thông giảm cả ba tiêu chí; không để xảy ra điểm nóng khiếu kiện đông người.",
        ],
        // B.IV. Nhiệm vụ trọng tâm, đột phá
        [
            "Ba khâu đột phá của nhiệm kỳ được tập trung chỉ đạo: dồn điền đổi thửa gắn với tích tụ ruộng đất đạt 85% kế hoạch; chỉnh trang hạ tầng giao thông nông thôn với 18,5 km đường được cứng hóa; chuyển đổi số trong hoạt động của cơ quan đảng, chính quyền.",
        ],
        // C.I.1. Hạn chế về xây dựng Đảng
        [
            "Chất lượng sinh hoạt một số chi bộ thôn chưa cao, nội dung còn đơn điệu; công tác phát triển đảng viên ở chi bộ thôn đông dân còn chậm, nguồn kết nạp ít.",
        ],
        // C.I.2. Hạn chế về kinh tế - xã hội
        [
            "Sản xuất nông nghiệp còn nhỏ lẻ, liên kết tiêu thụ chưa bền vững; tiến độ giải ngân vốn đầu tư công một số công trình chậm; thu ngân sách từ đất đạt thấp so với kế hoạch.",
        ],
        // C.I.3. Hạn chế về quốc phòng - an ninh
        [
            "Tình trạng vi phạm trật tự an toàn giao thông trong thanh thiếu niên vẫn còn; công tác nắm tình hình ở cơ sở có lúc chưa kịp thời.",
        ],
        // C.II.1 → 2.1 Nguyên nhân khách quan (của kết quả)
        [
            "Được sự quan tâm lãnh đạo, chỉ đạo sát sao của Huyện ủy, Ủy ban nhân dân huyện; các chương trình mục tiêu quốc gia được đầu tư đồng bộ trên địa bàn.",
        ],
        // C.II.1 → 2.2 Nguyên nhân chủ quan (của kết quả)
        [
            "Ban Chấp hành Đảng bộ đoàn kết, thống nhất, bám sát nghị quyết; đội ngũ cán bộ được trẻ hóa, nhiệt tình; nhân dân đồng thuận tham gia các phong trào.",
        ],
        // C.II.2 → 2.1 Nguyên nhân khách quan (của hạn chế)
        [
            "Thời tiết diễn biến bất thường, mưa lũ năm 2022 gây thiệt hại lớn; giá cả vật tư đầu vào tăng cao trong khi giá nông sản bấp bênh.",
        ],
        // C.II.2 → 2.2 Nguyên nhân chủ quan (của hạn chế)
        [
            "Một số cấp ủy viên chưa thực sự sâu sát cơ sở; công tác kiểm tra, đôn đốc thực hiện nghị quyết có lúc chưa thường xuyên; năng lực của một bộ phận cán bộ chưa đáp ứng yêu cầu.",
        ],
        // C.III. BÀI HỌC KINH NGHIỆM
        [
            "Một là, phải phát huy sức mạnh đoàn kết trong Đảng bộ và sự đồng thuận của nhân dân. Hai là, người đứng đầu phải gương mẫu, quyết liệt trong chỉ đạo. Ba là, thường xuyên kiểm tra, giám sát, kịp thời tháo gỡ khó khăn cho cơ sở.",
        ],
        // Phần 2, I. Dự kiến bối cảnh, tình hình
        [
            "Những năm còn lại của nhiệm kỳ, tình hình kinh tế còn nhiều khó khăn, biến đổi khí hậu tác động ngày càng rõ; nhưng các công trình hạ tầng lớn của huyện hoàn thành sẽ mở ra cơ hội phát triển dịch vụ, thương mại.",
        ],
        // Phần 2, II.1 Xây dựng Đảng
        [
            "Nâng cao chất lượng sinh hoạt chi bộ; phấn đấu kết nạp thêm ít nhất 10 đảng viên mới để hoàn thành chỉ tiêu nhiệm kỳ; đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        ],
        // Phần 2, II.2 Kinh tế - xã hội
        [
            "Tập trung hoàn thành 4 tiêu chí nông thôn mới nâng cao còn lại; mở rộng vùng lúa chất lượng cao lên 700 ha; đẩy nhanh giải ngân vốn đầu tư công.",
        ],
        // Phần 2, II.3 Quốc phòng - an ninh
        [
            "Xây dựng lực lượng dân quân vững mạnh; giữ vững an ninh chính trị, trật tự an toàn xã hội; phòng ngừa, đấu tranh với các loại tội phạm và tệ nạn xã hội.",
        ],
    ];

    public static readonly string[] Letterhead =
    [
        "[two columns] ĐẢNG BỘ HUYỆN CẨM XUYÊN / ĐẢNG ỦY XÃ CẨM QUAN / * / Số 15-BC/ĐU || ĐẢNG CỘNG SẢN VIỆT NAM / Cẩm Quan, ngày 05 tháng 6 năm 2023",
        "*BÁO CÁO*",
        "*Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ xã lần thứ XXIV, nhiệm kỳ 2020 - 2025*",
        "Thực hiện Kế hoạch số 150-KH/TU ngày 27/02/2023 của Ban Thường vụ Tỉnh ủy và hướng dẫn của Huyện ủy, Ban Chấp hành Đảng bộ xã báo cáo sơ kết giữa nhiệm kỳ như sau:",
    ];

    public const string UnderResults = "Nửa đầu nhiệm kỳ, Đảng bộ đã lãnh đạo thực hiện đạt và vượt 14/20 chỉ tiêu Nghị quyết Đại hội đề ra.";

    public static readonly string[] Appendix =
    [
        "*PHỤ LỤC SO SÁNH KẾT QUẢ THỰC HIỆN VÀ MỤC TIÊU CÁC CHỈ TIÊU ĐẠI HỘI ĐỀ RA*",
        "|TT|Chỉ tiêu|Mục tiêu đại hội|Kết quả đến 30/5/2023|",
        "|1|Kết nạp đảng viên mới|25 đảng viên|18 đảng viên|",
        "|2|Thu nhập bình quân đầu người|60 triệu đồng|52 triệu đồng|",
    ];

    public static readonly string[] Closing =
    [
        "[two columns] Nơi nhận: / - Ban Thường vụ Huyện ủy, / - Các đồng chí Đảng ủy viên, / - Lưu Văn phòng Đảng ủy. || T/M ĐẢNG ỦY / BÍ THƯ / Nguyễn Văn Hùng",
    ];

    /// <summary>The outline's own headings, typed and bolded, in front of each section's text: a draft written to the reference outline.</summary>
    public static IEnumerable<string> WrittenToTheOutline()
    {
        var headings = new (string Before, int Section)[]
        {
            ("*Phần 1*\n*ĐÁNH GIÁ KẾT QUẢ GIỮA NHIỆM KỲ THỰC HIỆN NGHỊ QUYẾT*\n*A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH*", 0),
            ("*B. KẾT QUẢ ĐẠT ĐƯỢC*\n" + UnderResults + "\n*I. Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị*", 1),
            ("*II. Lãnh đạo phát triển kinh tế - xã hội*", 2),
            ("*III. Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại*", 3),
            ("*IV. Đánh giá việc thực hiện các nhiệm vụ trọng tâm, chương trình trọng điểm, đột phá chiến lược*", 4),
            ("*C. HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM*\n*I. Hạn chế, khuyết điểm*\n*1. Về công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị*", 5),
            ("*2. Về phát triển kinh tế - xã hội*", 6),
            ("*3. Về đảm bảo quốc phòng - an ninh, đối ngoại*", 7),
            ("*II. Nguyên nhân*\n*1. Nguyên nhân của những kết quả*\n*2.1. Nguyên nhân khách quan*", 8),
            ("*2.2. Nguyên nhân chủ quan*", 9),
            ("*2. Nguyên nhân của những khuyết điểm, yếu kém*\n*2.1. Nguyên nhân khách quan*", 10),
            ("*2.2. Nguyên nhân chủ quan*", 11),
            ("*III. BÀI HỌC KINH NGHIỆM*", 12),
            ("*Phần 2*\n*NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI*\n*I. Dự kiến bối cảnh, tình hình*", 13),
            ("*II. Bổ sung nhiệm vụ, giải pháp chủ yếu*\n*1. Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị*", 14),
            ("*2. Lãnh đạo phát triển kinh tế - xã hội*", 15),
            ("*3. Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại*", 16),
        };
        return [.. Letterhead, .. Body(headings), .. Appendix, .. Closing];
    }

    /// <summary>
    /// The same report as many drafters write it: headings numbered by Word's list ("1.", "1.1.", "1.1.1."…, nothing
    /// typed), reworded ("Kết quả thực hiện", "Tồn tại, hạn chế", "Phương hướng… nửa cuối nhiệm kỳ", "Khách quan"), parts
    /// typed as "PHẦN THỨ NHẤT", one extra section the outline does not have (thi đua, khen thưởng), no appendix.
    /// </summary>
    public static IEnumerable<string> RewordedWithWordNumbering()
    {
        var headings = new (string Before, int Section)[]
        {
            ("PHẦN THỨ NHẤT\nKẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NỬA ĐẦU NHIỆM KỲ\n@0 Đặc điểm tình hình", 0),
            ("@0 Kết quả thực hiện\n@1 Công tác xây dựng Đảng, xây dựng hệ thống chính trị", 1),
            ("@1 Phát triển kinh tế - xã hội", 2),
            ("@1 Quốc phòng, an ninh và công tác đối ngoại", 3),
            ("@1 Thực hiện các khâu đột phá, nhiệm vụ trọng tâm", 4),
            ("@1 Công tác thi đua, khen thưởng\nPhát động 6 đợt thi đua theo chuyên đề; 28 tập thể, 64 cá nhân được các cấp khen thưởng.\n" +
             "@0 Tồn tại, hạn chế, nguyên nhân và bài học kinh nghiệm\n@1 Tồn tại, hạn chế\n@2 Trong xây dựng Đảng và hệ thống chính trị", 5),
            ("@2 Trong phát triển kinh tế - xã hội", 6),
            ("@2 Trong quốc phòng - an ninh", 7),
            ("@1 Nguyên nhân\n@2 Nguyên nhân của kết quả đạt được\n@3 Khách quan", 8),
            ("@3 Chủ quan", 9),
            ("@2 Nguyên nhân của tồn tại, hạn chế\n@3 Khách quan", 10),
            ("@3 Chủ quan", 11),
            ("@1 Bài học kinh nghiệm", 12),
            ("PHẦN THỨ HAI\nPHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NỬA CUỐI NHIỆM KỲ\n@0 Dự báo tình hình", 13),
            ("@0 Nhiệm vụ, giải pháp chủ yếu\n@1 Về xây dựng Đảng và hệ thống chính trị", 14),
            ("@1 Về phát triển kinh tế - xã hội", 15),
            ("@1 Về quốc phòng - an ninh, đối ngoại", 16),
        };
        // Sub-points lettered by hand inside a section stay in its text.
        var lines = Body(headings).ToList();
        var at = lines.IndexOf(Sections[2][0]);
        lines.InsertRange(at + 1, ["a) Sản xuất nông nghiệp", "Năng suất lúa bình quân đạt 5,8 tấn/ha."]);
        return [.. Letterhead, .. lines, .. Closing];
    }

    /// <summary>Plain text as pasted from an e-mail: typed labels in mixed styles, some headings reworded, a markdown heading.</summary>
    public static string Pasted() => string.Join("\n", (string[])
    [
        "BÁO CÁO SƠ KẾT GIỮA NHIỆM KỲ (DỰ THẢO)",
        "",
        "A. Đặc điểm tình hình",
        .. Sections[0],
        "B. Kết quả đạt được",
        "I. Công tác xây dựng Đảng và hệ thống chính trị",
        .. Sections[1],
        "II. Phát triển kinh tế - xã hội",
        .. Sections[2],
        "III. Quốc phòng - an ninh",
        .. Sections[3],
        "C. Những hạn chế, nguyên nhân",
        "## Bài học kinh nghiệm",
        .. Sections[12],
    ]);

    private static IEnumerable<string> Body(IEnumerable<(string Before, int Section)> headings) =>
        headings.SelectMany(h => h.Before.Split('\n').Concat(Sections[h.Section]));
}
