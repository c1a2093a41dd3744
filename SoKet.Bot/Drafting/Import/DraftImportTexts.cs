using System.Globalization;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Import;

/// <summary>What the draft import says, in the register of a Party office.</summary>
public static class DraftImportTexts
{
    public static string AskForDraft(string header) =>
        $"{header}\n\nĐồng chí gửi tệp dự thảo báo cáo (.docx) vào cuộc trò chuyện này, hoặc dán toàn văn dự thảo (cả các đề mục). " +
        "Tôi sẽ xếp từng phần vào mục tương ứng của đề cương và hiển thị để đồng chí kiểm tra; chưa có gì được lưu cho đến khi đồng chí bấm «Điền vào báo cáo». Gõ «hủy» để thôi.";

    public const string PasteTooShort =
        "Nội dung vừa gửi quá ngắn để là một dự thảo. Đồng chí dán toàn văn dự thảo, gồm các đề mục (ví dụ «I. Kết quả đạt được») và nội dung dưới mỗi đề mục; hoặc bấm nút trên thẻ, hoặc gõ «hủy».";

    public const string ChooseOnCard = "Đồng chí chọn trên thẻ phía trên, hoặc gõ «hủy» để thôi.";

    public const string NothingPending =
        "Không có bản dự thảo nào đang chờ điền vào báo cáo. Đồng chí gửi lại tệp dự thảo (.docx) hoặc gõ «nhập dự thảo».";

    public const string Cancelled = "Đã hủy. Báo cáo của đơn vị không thay đổi. Khi cần, đồng chí gửi lại tệp dự thảo hoặc gõ «soạn báo cáo» để soạn từng mục.";

    public const string UnitNotYours = "Đơn vị này không có trong danh sách đơn vị đồng chí soạn báo cáo; không có gì được thay đổi. Đồng chí chọn một đơn vị trên thẻ.";

    public const string NotAMember =
        "Đồng chí chưa có trong danh sách thành viên của đơn vị nào trong đợt sơ kết đang mở, nên chưa thể nhập dự thảo vào báo cáo. Đề nghị đồng chí liên hệ văn phòng cấp ủy để được bổ sung.";

    /// <summary>A file from someone who neither drafts for a unit nor runs campaigns.</summary>
    public const string FileNotAccepted =
        "Đồng chí chưa có trong danh sách thành viên của đơn vị nào trong đợt sơ kết đang mở, nên SoKet chưa nhận tệp của đồng chí. " +
        "Dự thảo báo cáo do thành viên đơn vị gửi; kế hoạch sơ kết do văn phòng cấp ủy gửi. Nếu cần, đề nghị đồng chí liên hệ văn phòng cấp ủy.";

    public const string LooksLikePlan =
        "Tệp này có vẻ là kế hoạch sơ kết (có tiêu đề «KẾ HOẠCH» và số, ký hiệu kế hoạch), không phải dự thảo báo cáo của đơn vị, nên tôi không điền vào báo cáo. " +
        "Đồng chí gửi tệp dự thảo báo cáo của đơn vị; kế hoạch do văn phòng cấp ủy nhập.";

    public static string AskKind(string fileName) =>
        $"Đồng chí vừa gửi tệp «{fileName}». Đồng chí vừa là cán bộ văn phòng cấp ủy vừa soạn báo cáo cho đơn vị: tệp này là gì?";

    public static string NothingMatched(string source, IReadOnlyList<string> headings, IEnumerable<string> outline)
    {
        var seen = headings.Count == 0
            ? "Tôi không thấy đề mục nào trong dự thảo (dòng có số thứ tự như «I.», «1.», «a)», hoặc dòng in đậm, kiểu Heading)."
            : "Các đề mục tôi đọc được: " + string.Join("; ", headings.Take(6).Select(h => $"«{MarkdownText.Literal(Shorten(h, 60))}»")) + (headings.Count > 6 ? "…" : ".");
        return $"Tôi chưa xếp được phần nào của {MarkdownText.Literal(source)} vào đề cương báo cáo, nên không có gì được điền và báo cáo không thay đổi. {seen} " +
            $"Đề cương của đợt sơ kết có các mục như: {string.Join("; ", outline.Take(4).Select(t => $"«{MarkdownText.Literal(Shorten(t, 50))}»"))}. " +
            "Đồng chí đặt tên đề mục trong dự thảo theo đề cương rồi gửi lại, hoặc gõ «soạn báo cáo» để soạn từng mục.";
    }

    /// <summary>Sections the import left as they were because their text would pass the section limit.</summary>
    public static string TooLong(IEnumerable<string> titles) =>
        $"Các mục sau chưa được điền vì nội dung sẽ dài quá {VietnameseNumbers.FormatNumber(ReportService.MaxSectionChars)} ký tự: " +
        $"{string.Join("; ", titles.Select(t => $"«{MarkdownText.Literal(t)}»"))}. Nội dung đã lưu của các mục này giữ nguyên. " +
        "Đề nghị đồng chí rút gọn hoặc chia bớt nội dung rồi soạn các mục này trên thẻ.";

    /// <summary>A notice on the review card (the card escapes it), never a message of its own.</summary>
    public static string ChangedMeanwhile(IEnumerable<string> titles) =>
        $"Trong lúc đồng chí xem, các mục sau vừa được cập nhật: {string.Join("; ", titles.Select(t => $"«{t}»"))}. " +
        "Chưa có gì được điền. Thẻ dưới đây đã cập nhật tình trạng các mục; đồng chí xem lại rồi bấm «Điền vào báo cáo».";

    public static string FileUnavailable(string fileName) => $"Tôi không tải được tệp «{MarkdownText.Literal(fileName)}». Đồng chí vui lòng gửi lại tệp.";

    public static string FileTooLarge(string name, long size) =>
        $"Tệp {name}{(size > 0 ? $" có dung lượng {FileSizes.FormatOver(size)}," : "")} vượt quá giới hạn {FileSizes.Format(DraftReader.MaxFileBytes)}. " +
        "Đồng chí lưu dự thảo chỉ phần văn bản (không kèm ảnh quét) rồi gửi lại, hoặc dán nội dung dự thảo vào đây.";

    public static string FileEmpty(string name) => $"Tệp {name} không có nội dung văn bản. Đồng chí kiểm tra lại tệp dự thảo rồi gửi lại.";

    public static string FilePdf(string name) =>
        $"Tệp {name} là tệp PDF; SoKet chưa đọc được PDF. Đồng chí gửi bản Word (.docx) của dự thảo, hoặc sao chép nội dung rồi dán vào đây.";

    public static string FileLegacyWord(string name) =>
        $"Tệp {name} là định dạng Word cũ (.doc). Đồng chí mở bằng Word, chọn «Lưu thành» định dạng .docx rồi gửi lại.";

    public static string FileUnsupported(string name) =>
        $"Định dạng của tệp {name} chưa được hỗ trợ. SoKet đọc dự thảo dạng Word (.docx) hoặc văn bản (.txt), hoặc nội dung dán trực tiếp vào cuộc trò chuyện.";

    public static string FileNotText(string name) =>
        $"Tệp {name} không phải văn bản đọc được (có vẻ là dữ liệu nhị phân hoặc không dùng bảng mã UTF-8). Đồng chí lưu dự thảo thành .docx rồi gửi lại.";

    public static string FileCorrupt(string name) =>
        $"Không mở được tệp {name} như một tài liệu Word (.docx): tệp bị hỏng hoặc không đúng định dạng. Đồng chí lưu lại bằng Word rồi gửi lại.";

    public static string FileDocxTooLarge(string name) =>
        $"Tệp {name} khi giải nén có nội dung vượt quá giới hạn ({FileSizes.Format(DocxLimits.MaxXmlPartBytes)} cho mỗi phần văn bản, " +
        $"{DocxLimits.MaxParagraphs.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} đoạn văn); tệp có thể bị lỗi. SoKet không mở tệp này. " +
        "Đồng chí lưu lại dự thảo bằng Word (chỉ phần văn bản) rồi gửi lại.";

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";

}
