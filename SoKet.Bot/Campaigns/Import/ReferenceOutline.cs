using SoKet.Bot.Campaigns.Import.Parsing;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// SoKet's built-in report outline, offered when a plan has none: the "ĐỀ CƯƠNG BÁO CÁO" attached to
/// Kế hoạch 150-KH/TU of the Hà Tĩnh provincial standing committee (27/02/2023), with the indicator
/// appendix that plan asks for. Kept here as text and parsed like any attached outline, so it has the
/// same shape, kinds and evaluative flags as an imported one; the app never reads the seed files.
/// </summary>
public static class ReferenceOutline
{
    public const string Title = "ĐỀ CƯƠNG BÁO CÁO";

    /// <summary>Where the outline comes from, shown to the admin who adopts it.</summary>
    public const string Origin = "Đề cương báo cáo kèm Kế hoạch số 150-KH/TU ngày 27/02/2023 của Ban Thường vụ Tỉnh ủy Hà Tĩnh";

    private const string AppendixNote = "Lưu ý: Có phụ lục so sánh kết quả thực hiện và mục tiêu các chỉ tiêu đại hội đề ra.";

    private const string Text = """
        sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội
        Phần 1
        ĐÁNH GIÁ KẾT QUẢ GIỮA NHIỆM KỲ THỰC HIỆN NGHỊ QUYẾT
        (.../2020 - .../2023)
        A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH
        B. KẾT QUẢ ĐẠT ĐƯỢC
        I. Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị
        II. Lãnh đạo phát triển kinh tế - xã hội
        III. Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại
        IV. Đánh giá việc thực hiện các nhiệm vụ trọng tâm, chương trình trọng điểm, đột phá chiến lược
        C. HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM
        I. Hạn chế, khuyết điểm
        (Đánh giá rõ kết quả thực hiện các chỉ tiêu nghị quyết đại hội đề ra)
        1. Về công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị
        2. Về phát triển kinh tế - xã hội
        3. Về đảm bảo quốc phòng - an ninh, đối ngoại
        II. Nguyên nhân
        1. Nguyên nhân của những kết quả
        2.1. Nguyên nhân khách quan
        2.2. Nguyên nhân chủ quan
        2. Nguyên nhân của những khuyết điểm, yếu kém
        2.1. Nguyên nhân khách quan
        2.2. Nguyên nhân chủ quan
        III. BÀI HỌC KINH NGHIỆM
        Phần 2
        NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI
        I. Dự kiến bối cảnh, tình hình
        II. Bổ sung nhiệm vụ, giải pháp chủ yếu
        1. Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị
        2. Lãnh đạo phát triển kinh tế - xã hội
        3. Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại
        """;

    /// <summary>A fresh copy of the reference outline (records are immutable; callers adapt it with <c>with</c>).</summary>
    public static PlanOutline Create()
    {
        var outline = OutlineExtractor.Parse(Title, Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0), OutlineOrigin.Reference, AppendixNote);
        return outline with { Source = Origin };
    }
}
