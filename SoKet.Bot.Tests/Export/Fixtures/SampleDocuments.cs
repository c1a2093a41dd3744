using SoKet.Bot.Export;

namespace SoKet.Bot.Tests.Export.Fixtures;

/// <summary>A ward committee's mid-term report under the Lai Châu plan (125-KH/ThU), as a unit would export it.</summary>
public static class SampleDocuments
{
    public const string Title = "sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội\nĐảng bộ phường Tân Phong lần thứ XIII, nhiệm kỳ 2020 - 2025";

    public static PartyDocument WardReport(int extraParagraphs = 6) => new()
    {
        SuperiorBody = "Đảng bộ thành phố Lai Châu",
        IssuingBody = "ĐẢNG ỦY PHƯỜNG TÂN PHONG",
        NumberAndSymbol = "45-BC/ĐU",
        Place = "Tân Phong",
        Date = new DateOnly(2023, 6, 26),
        Title = Title,
        Sections =
        [
            new DocumentSection("Phần I", "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020 - 2025", 1),
            new DocumentSection("1.", "Công tác lãnh đạo, chỉ đạo quán triệt, cụ thể hóa và tổ chức thực hiện nghị quyết", 2)
            {
                Paragraphs =
                [
                    "Ngay sau Đại hội, Đảng ủy phường đã ban hành Chương trình hành động số 02-CTr/ĐU thực hiện Nghị quyết Đại hội; tổ chức quán triệt cho 100% cán bộ, đảng viên.\nCác chi bộ trực thuộc xây dựng kế hoạch cụ thể hóa, phân công rõ người, rõ việc.",
                    .. Enumerable.Range(1, extraParagraphs).Select(i => GeneratedUnits.SectionText(new Random(i), "Đảng bộ phường Tân Phong")),
                ],
            },
            new DocumentSection("2.", "Kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ", 2)
            {
                Paragraphs = ["Kết quả thực hiện các chỉ tiêu chủ yếu của Nghị quyết như sau:"],
                IndicatorTable = new IndicatorTable(
                [
                    new IndicatorRow("Kết nạp đảng viên mới", "đảng viên") { Target = 40, Result = 27, Estimate = 32, AchievementPercent = 67.5m, Verdict = "Không đạt" },
                    new IndicatorRow("Thu ngân sách trên địa bàn", "triệu đồng") { Target = 12500, Result = 13642.75m, Estimate = 14100, AchievementPercent = 109.14m, Verdict = "Vượt" },
                    new IndicatorRow("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%") { Target = 90, Result = 92.3m, AchievementPercent = 102.6m, Verdict = "Đạt" },
                ]),
                Notes = ["Số liệu ước tính đến ngày 30/5/2023."],
            },
            new DocumentSection("2.1.", "Về phát triển kinh tế - xã hội", 3)
            {
                Suggestion = "Các chỉ tiêu kinh tế cơ bản đạt và vượt; chỉ tiêu kết nạp đảng viên mới đạt 67,5%.",
            },
        ],
        Recipients = ["Ban Thường vụ Thành ủy (b/c),", "- Các chi bộ trực thuộc,", "Lưu Văn phòng."],
        SignatureOnBehalfOf = "T/M ĐẢNG ỦY",
        SignerPosition = "Bí thư",
        SignerName = "Lò Văn Thắng",
    };
}
