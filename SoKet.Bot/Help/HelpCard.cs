namespace SoKet.Bot.Help;

/// <summary>One thing SoKet does, as the help card shows it; <see cref="Command"/> comes back in the button's Action.Submit value.</summary>
public sealed record HelpCommand(string Command, string Title, string Description, IReadOnlyList<string> Examples, string Button);

/// <summary>Data for cards/help.json.</summary>
public sealed record HelpCardData(bool IsAdmin, IReadOnlyList<HelpCommand> Commands, IReadOnlyList<HelpCommand> AdminCommands);

/// <summary>
/// The help card: what SoKet does, with phrases a user can type and a button per command. A button
/// posts an Action.Submit whose value is <c>{"command": "&lt;id&gt;"}</c> with one of the ids below.
/// </summary>
public static class HelpCard
{
    public const string TemplateName = "help";

    public const string DraftReport = "soan-bao-cao";
    public const string EnterIndicators = "nhap-chi-tieu";
    public const string SuggestShortcomings = "goi-y-han-che";
    public const string AskDeadline = "han-nop";
    public const string SubmissionStatus = "tinh-hinh-nop";
    public const string SendReminders = "don-doc";
    public const string CompileReports = "tong-hop";

    private static readonly HelpCommand[] UnitCommands =
    [
        new(DraftReport,
            "Soạn báo cáo theo đề cương",
            "Soạn báo cáo sơ kết của đơn vị lần lượt theo từng mục của đề cương trong kế hoạch; nội dung được lưu sau mỗi mục để đồng chí soạn tiếp vào lúc khác. Đã có bản dự thảo, đồng chí gửi tệp Word (.docx) hoặc dán toàn văn: SoKet xếp từng phần vào mục tương ứng để đồng chí kiểm tra rồi điền.",
            ["soạn báo cáo sơ kết", "soạn tiếp mục II", "nhập dự thảo"],
            "Soạn báo cáo"),
        new(EnterIndicators,
            "Nhập bảng chỉ tiêu",
            "Nhập kết quả thực hiện các chỉ tiêu nghị quyết và ước thực hiện cả năm; SoKet tính tỷ lệ và đối chiếu mức đạt, vượt hoặc không đạt so với chỉ tiêu.",
            ["nhập bảng chỉ tiêu", "sửa chỉ tiêu số 3"],
            "Nhập chỉ tiêu"),
        new(SuggestShortcomings,
            "Gợi ý dự thảo “Hạn chế, nguyên nhân”",
            "Đề xuất dự thảo mục hạn chế, nguyên nhân dựa trên chính nội dung và số liệu đơn vị đã nhập. Dự thảo chỉ mang tính gợi ý; đồng chí xem xét, chỉnh sửa trước khi đưa vào báo cáo.",
            ["gợi ý phần hạn chế, nguyên nhân"],
            "Gợi ý dự thảo"),
        new(AskDeadline,
            "Hỏi hạn nộp báo cáo",
            "Cho biết thời hạn gửi báo cáo và thời hạn tổ chức hội nghị sơ kết áp dụng đối với đơn vị theo kế hoạch.",
            ["hạn nộp báo cáo khi nào?", "còn bao nhiêu ngày nữa phải nộp báo cáo?"],
            "Xem hạn nộp"),
    ];

    private static readonly HelpCommand[] OfficeCommands =
    [
        new(SubmissionStatus,
            "Xem tình hình nộp báo cáo",
            "Theo dõi các đơn vị đã nộp, đang soạn, chưa triển khai và nộp chậm so với thời hạn.",
            ["tình hình nộp báo cáo", "đơn vị nào chưa nộp báo cáo?"],
            "Xem tình hình"),
        new(SendReminders,
            "Đôn đốc",
            "Gửi tin nhắn nhắc thời hạn tới văn phòng cấp ủy, bí thư chi bộ của các đơn vị chưa nộp báo cáo.",
            ["đôn đốc các đơn vị chưa nộp"],
            "Đôn đốc"),
        new(CompileReports,
            "Tổng hợp, xuất báo cáo",
            "Tổng hợp báo cáo của các đơn vị đã nộp thành một văn bản và xuất tệp để hoàn thiện báo cáo chung.",
            ["tổng hợp báo cáo", "xuất báo cáo tổng hợp"],
            "Tổng hợp báo cáo"),
    ];

    /// <param name="isAdmin">Office staff of the issuing committee also see the tracking, reminder and compilation commands.</param>
    public static HelpCardData Create(bool isAdmin) => new(isAdmin, UnitCommands, OfficeCommands);

    /// <summary>
    /// The card for one user: of the office's commands, those whose route <paramref name="mayUse"/> lets them run (a unit's
    /// leader follows the status without being office staff). The office part is shown when any is left.
    /// </summary>
    public static HelpCardData For(Func<string, bool> mayUse)
    {
        var office = OfficeCommands.Where(c => mayUse(c.Command)).ToArray();
        return new(office.Length > 0, UnitCommands, office);
    }
}
