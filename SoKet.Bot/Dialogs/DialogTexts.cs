namespace SoKet.Bot.Dialogs;

/// <summary>What the engine itself says to users.</summary>
internal static class DialogTexts
{
    public const string AlreadyHandled = "Thao tác này đã được xử lý.";

    public const string StepReset =
        "Bước đồng chí đang thực hiện dở đã được đặt lại do hệ thống vừa được cập nhật.";

    public const string StepResetStartAgain = StepReset + " Đồng chí vui lòng thực hiện lại thao tác.";

    public const string Cancelled =
        "Đã hủy thao tác đang thực hiện. Khi cần, đồng chí gõ «trợ giúp» để xem các việc tôi có thể làm.";

    public const string NothingToCancel = "Hiện không có thao tác nào đang thực hiện để hủy.";

    /// <summary>{0}: how many wrong answers were given.</summary>
    public const string GaveUp =
        "Đồng chí đã nhập chưa đúng {0} lần nên tôi tạm dừng bước này. Khi sẵn sàng, đồng chí có thể bắt đầu lại; gõ «trợ giúp» nếu cần hướng dẫn.";

    /// <summary>The user's words quoted back in a message, kept short.</summary>
    public static string Quote(string text)
    {
        var shown = Text.VietnameseText.Normalize(text);
        return shown.Length > 60 ? shown[..60] + "…" : shown;
    }
}
