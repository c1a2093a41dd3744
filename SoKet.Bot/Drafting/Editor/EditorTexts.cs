using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>What the section editor says, in the register of a Party office.</summary>
public static class EditorTexts
{
    public const string ButtonTitle = "Mở trình soạn thảo";

    public const string NotYours =
        "Mục này không thuộc báo cáo của đơn vị mà đồng chí soạn, nên không mở được trình soạn thảo.";

    public const string IndicatorTable = "Phụ lục chỉ tiêu được nhập trên thẻ chỉ tiêu, không dùng trình soạn thảo.";

    public const string PersonalOnly = "Trình soạn thảo chỉ mở trong cuộc trò chuyện riêng của đồng chí với Trợ lý sơ kết.";

    public const string UnknownTask = "Thao tác này không mở được hộp thoại nào.";

    /// <summary>The answer to a link that opens nothing: no session, someone else's, expired, altered.</summary>
    public const string LinkRefused =
        "Liên kết trình soạn thảo này không dùng được: liên kết đã hết hạn, bị thay đổi, hoặc không phải của đồng chí đang đăng nhập. " +
        "Đề nghị đồng chí mở lại trình soạn thảo bằng nút «Mở trình soạn thảo» trên thẻ của mục trong cuộc trò chuyện của mình.";

    public const string PageClaimed =
        "Liên kết này đã được mở ở một cửa sổ khác. Đề nghị đồng chí bấm lại «Mở trình soạn thảo» trên thẻ của mục.";

    public const string TooLong = "Nội dung dài quá {0} ký tự nên chưa được lưu. Đề nghị đồng chí rút gọn hoặc chia bớt sang mục khác.";

    /// <summary>The request's body is not a JSON object of text the editor can keep (malformed JSON, a lone surrogate, a name twice).</summary>
    public const string BadRequest = "Yêu cầu từ trình soạn thảo không hợp lệ (nội dung không phải JSON đúng dạng hoặc có ký tự không hợp lệ); không có gì được lưu.";

    /// <summary>The text field is missing or not a string: nothing is saved, the autosaved draft is kept.</summary>
    public const string TextNotString = "Nội dung soạn thảo (trường text) phải là một chuỗi văn bản; không có gì được lưu, bản nháp trước đó được giữ nguyên.";

    public const string TeamsSavesBySubmit = "Trong Teams, nội dung được lưu khi đồng chí bấm «Lưu vào báo cáo» trên hộp thoại.";

    public static string TooLongText() => string.Format(System.Globalization.CultureInfo.InvariantCulture, TooLong, VietnameseNumbers.FormatNumber(DraftingCards.MaxSectionChars));

    public static string Opened(OutlineEntry entry) =>
        $"Trình soạn thảo mục «{entry.Title}» đã mở bên cạnh khung trò chuyện. Nếu chưa thấy, đồng chí bấm nút dưới đây.";

    public static string Saved(OutlineEntry entry) => $"Đã lưu mục «{entry.Title}» từ trình soạn thảo.";

    public static string Unchanged(OutlineEntry entry) => $"Nội dung mục «{entry.Title}» không thay đổi.";

    public static string Conflict(OutlineEntry entry, SectionDraft? current) =>
        $"Trong lúc đồng chí soạn, đồng chí {current?.UpdatedByName ?? "khác"} đã lưu mục «{entry.Title}» lúc " +
        $"{(current is null ? "vừa rồi" : VietnamTime.Format(current.UpdatedAtUtc))}. Nội dung của đồng chí chưa được lưu để không ghi đè; " +
        "đồng chí so sánh hai nội dung trong trình soạn thảo rồi chọn nội dung cần giữ.";
}
