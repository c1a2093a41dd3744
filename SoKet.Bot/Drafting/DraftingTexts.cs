using SoKet.Bot.Text;
using SoKet.Bot.Cards;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting;

/// <summary>What the drafting flow says, in the register of a Party office.</summary>
public static class DraftingTexts
{
    public const string ReadOnly = ReportText.ReadOnly;

    /// <summary>A row id that is not in the caller's report (deleted since, or another unit's): the same answer for both.</summary>
    public const string IndicatorNotSaved = "Chỉ tiêu này không còn trong báo cáo của đơn vị; số liệu không được lưu.";

    /// <inheritdoc cref="IndicatorNotSaved"/>
    public const string IndicatorNotDeleted = "Chỉ tiêu này không còn trong báo cáo của đơn vị; không có chỉ tiêu nào bị xóa.";

    /// <summary>A save from the card (or an undo) whose text is over the limit: the section keeps what it had.</summary>
    public static string TooLong(string label) =>
        $"Nội dung mục «{MarkdownText.Literal(label)}» dài quá {VietnameseNumbers.FormatNumber(ReportService.MaxSectionChars)} ký tự nên chưa được lưu; " +
        "nội dung đã lưu của mục giữ nguyên. Đề nghị đồng chí rút gọn hoặc chia bớt sang mục khác.";

    /// <summary>A typed paragraph that would take the section over the limit: it is not added.</summary>
    public static string TooLongToAppend(string label) =>
        $"Nếu nối thêm đoạn vừa gõ, mục «{MarkdownText.Literal(label)}» sẽ dài quá {VietnameseNumbers.FormatNumber(ReportService.MaxSectionChars)} ký tự, " +
        "nên đoạn này chưa được lưu; nội dung đã lưu của mục giữ nguyên. Đề nghị đồng chí rút gọn hoặc chia bớt sang mục khác.";

    public const string Hint =
        "Đồng chí đang soạn báo cáo. Đồng chí nhập nội dung vào ô trên thẻ và bấm «Lưu», hoặc gõ «mục lục», «xem toàn bộ», «phụ lục chỉ tiêu», «gửi xin ý kiến», «nộp báo cáo»; gõ «hủy» để dừng soạn.";

    public const string NotAMember =
        "Đồng chí chưa có trong danh sách thành viên của đơn vị nào trong đợt sơ kết đang mở, nên chưa thể soạn báo cáo. Đề nghị đồng chí liên hệ văn phòng cấp ủy để được bổ sung.";

    public const string AdminNotAMember =
        "Đồng chí đang là cán bộ văn phòng cấp ủy phụ trách đợt sơ kết; báo cáo do thành viên của từng đơn vị soạn. Nếu đồng chí cũng soạn báo cáo cho một đơn vị, đề nghị bổ sung đồng chí vào danh sách thành viên của đơn vị đó.";

    public static string AlreadySubmitted(Report report) => ReportText.AlreadySubmitted(report);

    public const string NotInUnit =
        "Đồng chí không còn trong danh sách thành viên của đơn vị soạn báo cáo này. Đề nghị liên hệ văn phòng cấp ủy.";

    /// <summary>
    /// The section was saved by someone else, or by the same user elsewhere (another card, the editor, an accepted
    /// suggestion), since the card was shown: who saved when, and the text the user typed, so nothing is lost.
    /// </summary>
    public static NoticeCard Conflict(string label, SectionDraft? current, string typed, Guid? userPersonId)
    {
        var at = current is null ? "vừa rồi" : VietnamTime.Format(current.UpdatedAtUtc);
        var self = current?.UpdatedByPersonId is { } by && by == userPersonId;
        return new(
            self ? ConflictSelfTitle : ConflictTitle,
            (self
                ? $"Mục «{label}» đã được lưu lúc {at} từ một thao tác khác của đồng chí (thẻ khác, trình soạn thảo hoặc gợi ý đã đưa vào), sau khi thẻ này hiện ra. "
                : $"Trong lúc đồng chí soạn, đồng chí {current?.UpdatedByName ?? "khác"} đã lưu mục «{label}» lúc {at}. ") +
            "Nội dung của đồng chí chưa được lưu để không ghi đè lên nội dung đó. Nội dung đồng chí vừa nhập được giữ lại dưới đây; đồng chí đối chiếu với nội dung mới nhất trên thẻ sau rồi lưu lại.\n\n" + typed,
            NoticeKind.Warning);
    }

    public const string ConflictTitle = "Mục này vừa được đồng chí khác lưu";

    public const string ConflictSelfTitle = "Mục này vừa được lưu từ thao tác khác";
}
