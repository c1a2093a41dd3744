namespace SoKet.Bot.Tracking.DeadlineQuestions;

/// <summary>What a unit member is asking about their campaign's deadlines.</summary>
public enum QuestionKind
{
    /// <summary>Not a deadline question, or not clearly one: the bot shows its help card rather than guess.</summary>
    Unknown = 0,

    /// <summary>"hạn nộp báo cáo khi nào?", "khi nao phai nop", "deadline".</summary>
    ReportDeadline,

    /// <summary>"bao giờ họp sơ kết?", "ngày mấy họp".</summary>
    ConferenceDate,

    /// <summary>"số liệu tính đến ngày nào?".</summary>
    DataCutOff,

    /// <summary>"gửi báo cáo cho ai?", "nộp ở đâu".</summary>
    WhereToSend,

    /// <summary>"còn mấy ngày?", "quá hạn chưa?".</summary>
    DaysRemaining,
}
