using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>The Vietnamese notes shown above the confirmation card: what the admin must fill in or check.</summary>
internal static partial class ImportWarnings
{
    public static IReadOnlyList<string> For(PlanExtraction e)
    {
        var warnings = new List<string>();
        if (e.Number is null)
        {
            warnings.Add("Không tìm thấy số, ký hiệu văn bản (ví dụ “125-KH/ThU”). Vui lòng nhập bổ sung.");
        }

        if (e.IssuedOn is null)
        {
            warnings.Add("Không tìm thấy ngày ban hành kế hoạch. Vui lòng nhập bổ sung.");
        }

        if (e.IssuingBody is null)
        {
            warnings.Add("Không xác định được cơ quan ban hành kế hoạch. Vui lòng nhập bổ sung.");
        }

        if (e.Title is null)
        {
            warnings.Add("Không tìm thấy tên (trích yếu) của kế hoạch. Vui lòng nhập bổ sung.");
        }

        if (e.Deadlines.Count == 0)
        {
            warnings.Add("Không tìm thấy mốc thời hạn nào trong kế hoạch. Vui lòng nhập hạn nộp báo cáo cho từng đối tượng.");
        }

        if (e.Deadlines.Count >= Parsing.DeadlineExtractor.MaxDeadlines)
        {
            warnings.Add($"Kế hoạch có quá nhiều mốc thời hạn; SoKet chỉ đọc {Parsing.DeadlineExtractor.MaxDeadlines.ToString(CultureInfo.InvariantCulture)} mốc đầu tiên. Vui lòng kiểm tra lại tệp kế hoạch.");
        }

        if (e.Deadlines.Any(d => d.UnitGroup == PlanImporter.UnknownGroup))
        {
            warnings.Add("Có thời hạn chưa xác định được áp dụng cho đối tượng nào. Vui lòng chọn đối tượng cho các thời hạn đó.");
        }

        if (e.Deadlines.Any(d => d.Date is { Precision: not DatePrecision.Day }))
        {
            warnings.Add("Có thời hạn kế hoạch chỉ ghi theo tháng; SoKet tạm lấy ngày cuối của khoảng thời gian đó. Vui lòng kiểm tra lại.");
        }

        var unsure = UnsureCount(e);
        if (unsure > 0)
        {
            warnings.Add($"Có {unsure.ToString(CultureInfo.InvariantCulture)} thông tin SoKet suy ra, chưa chắc chắn (đánh dấu «Cần kiểm tra», kèm câu trích từ kế hoạch). Vui lòng kiểm tra và sửa nếu cần.");
        }

        if (e.Outline.AttachedOutlineMissing && !MentionsAttachment(e.Outline.OutlineReference))
        {
            // "theo Đề cương hướng dẫn số ... của Ban Tổ chức Trung ương": an outline published elsewhere, not attached.
            warnings.Add(e.HasOutline
                ? $"Kế hoạch yêu cầu báo cáo theo đề cương không có trong tệp («{e.Outline.OutlineReference}»); dàn ý dưới đây được lập từ phần nội dung của kế hoạch. Có thể dùng đề cương mẫu của SoKet thay thế."
                : $"Kế hoạch yêu cầu báo cáo theo đề cương không có trong tệp («{e.Outline.OutlineReference}»). SoKet đề xuất dùng đề cương mẫu rồi chỉnh sửa theo đề cương đó.");
        }
        else if (e.Outline.AttachedOutlineMissing)
        {
            warnings.Add(e.HasOutline
                ? "Kế hoạch ghi có đề cương gửi kèm nhưng tệp không chứa đề cương; dàn ý dưới đây được lập từ phần nội dung của kế hoạch. Có thể dùng đề cương mẫu của SoKet thay thế."
                : "Kế hoạch ghi có đề cương gửi kèm nhưng tệp không chứa đề cương. Có thể dùng đề cương mẫu của SoKet rồi chỉnh sửa.");
        }
        else if (!e.HasOutline)
        {
            warnings.Add("Kế hoạch không có đề cương báo cáo. SoKet đề xuất dùng đề cương mẫu rồi chỉnh sửa cho phù hợp.");
        }

        return warnings;
    }

    /// <summary>Facts the importer inferred rather than read as written (see <see cref="Unsure"/>).</summary>
    public static int UnsureCount(PlanExtraction e) =>
        new[] { e.Place?.Unsure, e.IssuedOn?.Unsure, e.DataCutOff?.Unsure }.Count(u => u is not null) +
        e.Deadlines.Sum(d => (d.UnitGroupUnsure is null ? 0 : 1) + (d.DueUnsure is null ? 0 : 1) + (d.Date?.Unsure is null ? 0 : 1));

    /// <summary>"gửi kèm", "đính kèm" about this plan; "kèm theo Hướng dẫn số 12-HD/BTCTW" is another document's attachment.</summary>
    public static bool MentionsAttachment(string? sentence) =>
        sentence is not null && AttachmentWords().IsMatch(VietnameseText.Fold(sentence)) && Parsing.FrontMatterExtractor.FindCode(sentence) is null;

    [GeneratedRegex(@"\b(gui kem|kem theo|dinh kem)\b", RegexOptions.NonBacktracking)]
    private static partial Regex AttachmentWords();
}
