namespace SoKet.Bot.Turns;

/// <summary>What the turn pipeline itself says to users.</summary>
public static class TurnTexts
{
    public const string Apology =
        "Xin lỗi, hệ thống gặp sự cố nên yêu cầu vừa rồi chưa được thực hiện và chưa lưu gì; nội dung đã lưu trước đó không bị ảnh hưởng. Đồng chí vui lòng thử lại sau ít phút.";

    public const string ConcurrencyNotice =
        "Cuộc trò chuyện vừa được cập nhật từ một thao tác khác cùng lúc nên yêu cầu vừa rồi chưa được lưu. Đồng chí vui lòng thực hiện lại thao tác.";

    public const string NotUnderstood =
        "Tôi chưa hiểu yêu cầu «{0}». Đồng chí gõ «trợ giúp» để xem các việc tôi có thể làm.";

    public const string UnknownAction =
        "Thao tác này không còn được hỗ trợ. Đồng chí gõ «trợ giúp» để xem các việc tôi có thể làm.";

    public const string AlreadyHandled = "Thao tác này đã được xử lý.";

    public const string FlowEnded =
        "Thẻ này thuộc một thao tác đã kết thúc nên không còn hiệu lực. Đồng chí gõ «trợ giúp» để xem các việc tôi có thể làm.";

    public const string FlowReset =
        "Bước đồng chí đang thực hiện dở đã được đặt lại do hệ thống vừa được cập nhật. Đồng chí vui lòng thực hiện lại thao tác.";

    public const string UnsupportedFile =
        "Tôi chưa xử lý được tệp «{0}». Đồng chí gửi kế hoạch dưới dạng .docx, .txt hoặc .md, hoặc danh sách đơn vị dưới dạng .csv.";

    public const string NotAllowed =
        "Chức năng này dành cho cán bộ văn phòng cấp ủy phụ trách đợt sơ kết. Nếu đồng chí cần thực hiện, đề nghị liên hệ văn phòng để được cấp quyền.";

    public const string NotAllowedForRole =
        "Đồng chí chưa có quyền thực hiện thao tác này. Nếu cần, đề nghị đồng chí liên hệ văn phòng cấp ủy.";

    public const string PersonalOnly =
        "Việc này chỉ thực hiện trong cuộc trò chuyện riêng với Trợ lý sơ kết, để nội dung báo cáo của đơn vị không hiện trong nhóm. Đồng chí mở cuộc trò chuyện riêng với Trợ lý sơ kết để tiếp tục.";

    /// <summary>The user's words quoted back in a message, kept short, escaped for Markdown (shown as typed).</summary>
    public static string Quote(string text)
    {
        var shown = Text.VietnameseText.CleanLine(text);
        return Text.MarkdownText.Literal(shown.Length > 60 ? shown[..60] + "…" : shown);
    }
}
