namespace SoKet.Bot.Dialogs.Prompts;

/// <summary>Validation messages of the built-in prompts; {0} is usually the user's words quoted back.</summary>
internal static class PromptTexts
{
    public const string MissingValue = "Đồng chí chưa nhập giá trị.";
    public const string EmptyText = "Đồng chí chưa nhập nội dung.";
    public const string TextTooLong = "Nội dung dài {0} ký tự, vượt quá giới hạn {1} ký tự.";

    public const string NotANumber =
        "«{0}» chưa phải là số hợp lệ. Đồng chí nhập số theo cách viết thông thường, ví dụ 1.234,5 hoặc 95,5%.";
    public const string NotAWholeNumber = "Đồng chí vui lòng nhập số nguyên, ví dụ 12.";
    public const string PercentNotExpected = "Đồng chí vui lòng nhập số, không kèm dấu %.";
    public const string NumberBetween = "Giá trị phải từ {0} đến {1}.";
    public const string NumberAtLeast = "Giá trị không được nhỏ hơn {0}.";
    public const string NumberAtMost = "Giá trị không được lớn hơn {0}.";

    public const string NotADate =
        "«{0}» chưa phải là ngày hợp lệ. Đồng chí nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2023.";
    public const string NoSuchDay = "Ngày «{0}» không có trên lịch. Đồng chí vui lòng kiểm tra lại ngày và tháng.";
    public const string DateBetween = "Ngày phải từ {0} đến {1}.";
    public const string DateFrom = "Ngày không được trước {0}.";
    public const string DateUntil = "Ngày không được sau {0}.";

    public const string NotAChoice =
        "Tôi chưa nhận ra lựa chọn «{0}». Đồng chí vui lòng chọn một trong các phương án: {1} (hoặc gõ số thứ tự).";

    public const string UseTheCard = "Đồng chí vui lòng điền thông tin trên thẻ rồi bấm nút để gửi.";
    public const string MissingCardFields = "Đồng chí vui lòng điền: {0}.";
}
