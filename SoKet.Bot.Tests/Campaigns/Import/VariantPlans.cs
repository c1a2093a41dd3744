namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Plans the seeds do not contain, written in the styles of other offices, so the importer is proven on
/// more than three files. The offices and numbers are invented; the forms are the usual ones.
/// </summary>
internal static class VariantPlans
{
    /// <summary>
    /// A district committee reviewing a thematic resolution (18-NQ/TW): "Số:" with a colon, the document
    /// type and title on one line in capitals, roman numerals without dots, "Phần thứ nhất", "a)" and "1)"
    /// items, a range with the year written once, "chậm nhất ngày", "trong tháng 7 năm 2024", the report
    /// sent ", qua Ban Tổ chức".
    /// </summary>
    public const string DistrictThematicReview = """
        HUYỆN ỦY MƯỜNG TÈ
        *
        Số: 45-KH/HU
        ĐẢNG CỘNG SẢN VIỆT NAM
        Mường Tè, ngày 05 tháng 4 năm 2024

        KẾ HOẠCH SƠ KẾT
        5 năm thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII về một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả
        _______

        Căn cứ Kế hoạch số 210-KH/TU ngày 12/3/2024 của Ban Thường vụ Tỉnh ủy về sơ kết 5 năm thực hiện Nghị quyết số 18-NQ/TW; Ban Thường vụ Huyện ủy xây dựng Kế hoạch như sau:

        I MỤC ĐÍCH, YÊU CẦU
        a) Đánh giá đúng kết quả thực hiện Nghị quyết số 18-NQ/TW trên địa bàn huyện.
        b) Việc sơ kết phải nghiêm túc, thiết thực, tránh hình thức.
        II NỘI DUNG SƠ KẾT
        Phần thứ nhất: Kết quả 5 năm thực hiện Nghị quyết
        a) Công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền Nghị quyết
        b) Kết quả sắp xếp tổ chức bộ máy, tinh giản biên chế
        c) Hạn chế, khuyết điểm và nguyên nhân
        d) Bài học kinh nghiệm
        Phần thứ hai: Phương hướng, nhiệm vụ, giải pháp thời gian tới
        III THỜI GIAN, TỔ CHỨC THỰC HIỆN
        1) Thời gian đánh giá: từ tháng 01/2018 đến ngày 31/3/2024; số liệu tính đến hết ngày 31/3/2024.
        2) Các chi bộ, đảng bộ cơ sở tổ chức hội nghị sơ kết từ ngày 20 đến 25/6/2024 và gửi báo cáo về Ban Thường vụ Huyện ủy, qua Ban Tổ chức Huyện ủy chậm nhất ngày 28/6/2024.
        3) UBND huyện báo cáo kết quả thực hiện Nghị quyết trong lĩnh vực quản lý nhà nước; hoàn thành trong tháng 7 năm 2024.
        4) Ban Tổ chức Huyện ủy tổng hợp, xây dựng báo cáo chung của Huyện ủy trước ngày 15 tháng 7 năm 2024.

        Nơi nhận:
        - Ban Tổ chức Tỉnh ủy,
        - Lưu VP.
        T/M BAN THƯỜNG VỤ
        BÍ THƯ
        Nguyễn Văn A
        """;

    /// <summary>
    /// A grassroots party committee with an attached outline in another style ("PHẦN THỨ NHẤT" / "I." /
    /// "1." / "a)" / "-"), a "PHỤ LỤC" after it, a deadline five days after the conference, "hạn chót",
    /// an explicit "Đối tượng" list and the no-committee rule pointing to "Phần thứ hai".
    /// </summary>
    public const string GrassrootsWithOutline = """
        ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH
        ĐẢNG ỦY SỞ Y TẾ
        *
        Số 12-KH/ĐU
        ĐẢNG CỘNG SẢN VIỆT NAM
        Điện Biên Phủ, ngày 3 tháng 4 năm 2023

        KẾ HOẠCH
        Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ Sở Y tế lần thứ XV, nhiệm kỳ 2020 - 2025
        ------

        Thực hiện Kế hoạch số 98-KH/ĐUK ngày 15/3/2023 của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh, Ban Thường vụ Đảng ủy Sở Y tế ban hành kế hoạch như sau:

        I. MỤC ĐÍCH, YÊU CẦU
        Đánh giá khách quan kết quả thực hiện Nghị quyết.
        II. NỘI DUNG, THỜI GIAN
        1. Nội dung: Báo cáo theo đề cương kèm theo; số liệu tính đến ngày 31/5/2023, ước thực hiện cả năm 2023.
        2. Thời gian:
        a) Các chi bộ trực thuộc: tổ chức hội nghị sơ kết xong trước ngày 15 tháng 6 năm 2023; chậm nhất 05 ngày sau khi tổ chức hội nghị, gửi báo cáo về Đảng ủy Sở (qua Văn phòng Đảng ủy).
        b) Đảng ủy Sở: tổng hợp, xây dựng báo cáo chung, hạn chót ngày 30/6/2023 trình Ban Thường vụ Đảng ủy Khối.
        III. TỔ CHỨC THỰC HIỆN
        - Đối tượng: Các chi bộ trực thuộc; Đảng ủy Sở.
        - Riêng chi bộ chưa có chi ủy thì không làm báo cáo kiểm điểm riêng mà đưa nội dung kiểm điểm vào Phần thứ hai của báo cáo sơ kết.

        Nơi nhận:
        - Như trên,
        - Lưu VP.
        T/M ĐẢNG ỦY
        BÍ THƯ
        Trần Văn B

        ĐỀ CƯƠNG BÁO CÁO SƠ KẾT
        (Kèm theo Kế hoạch số 12-KH/ĐU)
        PHẦN THỨ NHẤT
        KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT
        I. Đặc điểm tình hình
        II. Kết quả thực hiện các nhiệm vụ
        1. Công tác chuyên môn
        a) Khám, chữa bệnh
        b) Y tế dự phòng
        2. Công tác xây dựng Đảng
        - Nêu kết quả công tác chính trị tư tưởng
        III. Hạn chế, khuyết điểm và nguyên nhân
        IV. Bài học kinh nghiệm
        PHẦN THỨ HAI
        KIỂM ĐIỂM SỰ LÃNH ĐẠO, CHỈ ĐẠO CỦA CẤP ỦY
        PHẦN THỨ BA
        PHƯƠNG HƯỚNG, NHIỆM VỤ ĐẾN CUỐI NHIỆM KỲ
        PHỤ LỤC
        Biểu chỉ tiêu
        STT	Chỉ tiêu	Kế hoạch	Thực hiện
        1	Số giường bệnh	100	95
        """;

    /// <summary>
    /// A short plan with no outline and no content guidance, a numeric date in the letterhead, a
    /// directive under review (05-CT/TW), and a deadline sentence that names no unit.
    /// </summary>
    public const string NoOutline = """
        BAN THƯỜNG VỤ HUYỆN ỦY TỦA CHÙA
        Số 7-KH/HU
        Tủa Chùa, ngày 10/5/2024
        KẾ HOẠCH
        Sơ kết 3 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị
        I. YÊU CẦU
        Các cơ quan, đơn vị nghiêm túc thực hiện.
        II. THỜI GIAN
        Các tổ chức cơ sở đảng gửi báo cáo về Ban Thường vụ Huyện ủy Tủa Chùa trong tháng 8/2024.
        Hạn chót ngày 31/8/2024.
        """;
}
