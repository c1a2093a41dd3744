using System.Text;
using SoKet.Bot.Tracking.DeadlineQuestions;

namespace SoKet.Bot.Tests.Tracking;

public sealed class DeadlineQuestionClassifierTests
{
    public static TheoryData<string, QuestionKind> Questions => new()
    {
        // The report's deadline.
        { "hạn nộp báo cáo khi nào?", QuestionKind.ReportDeadline },
        { "Hạn nộp báo cáo khi nào ạ", QuestionKind.ReportDeadline },
        { "khi nao phai nop", QuestionKind.ReportDeadline },
        { "han chot", QuestionKind.ReportDeadline },
        { "deadline", QuestionKind.ReportDeadline },
        { "Deadline là ngày nào vậy?", QuestionKind.ReportDeadline },
        { "bao giờ phải gửi báo cáo?", QuestionKind.ReportDeadline },
        { "HẠN NỘP BÁO CÁO LÀ NGÀY NÀO", QuestionKind.ReportDeadline },
        { "hạn cuối nộp bc", QuestionKind.ReportDeadline },
        { "bc nộp trước ngày nào", QuestionKind.ReportDeadline },
        { "thời hạn gửi báo cáo sơ kết", QuestionKind.ReportDeadline },
        { "cho em hỏi hạn nộp báo cáo sơ kết giữa nhiệm kỳ là khi nào ạ", QuestionKind.ReportDeadline },
        { "hạn nộp báo cáo là 30/6 phải không", QuestionKind.ReportDeadline },
        { "Sau hội nghị bao lâu thì phải gửi báo cáo?", QuestionKind.ReportDeadline },
        { "gửi báo cáo về đâu, hạn khi nào?", QuestionKind.ReportDeadline },
        // The conference.
        { "bao giờ họp sơ kết?", QuestionKind.ConferenceDate },
        { "ngay may hop", QuestionKind.ConferenceDate },
        { "họp hội nghị sơ kết vào hôm nào", QuestionKind.ConferenceDate },
        { "khi nào tổ chức hội nghị sơ kết ạ", QuestionKind.ConferenceDate },
        { "Bao gio so ket vay", QuestionKind.ConferenceDate },
        { "hội nghị sơ kết tổ chức trước ngày nào?", QuestionKind.ConferenceDate },
        { "còn mấy ngày nữa thì họp?", QuestionKind.ConferenceDate },
        { "hạn tổ chức hội nghị?", QuestionKind.ConferenceDate },
        // The data cut-off.
        { "số liệu tính đến ngày nào?", QuestionKind.DataCutOff },
        { "so lieu tinh den ngay nao", QuestionKind.DataCutOff },
        { "Số liệu lấy đến tháng mấy vậy", QuestionKind.DataCutOff },
        { "mốc số liệu là ngày nào", QuestionKind.DataCutOff },
        { "sl tính đến bao giờ", QuestionKind.DataCutOff },
        { "thời điểm đánh giá", QuestionKind.DataCutOff },
        { "đánh giá từ khi nào đến khi nào", QuestionKind.DataCutOff },
        // Where the report goes.
        { "gửi báo cáo cho ai?", QuestionKind.WhereToSend },
        { "nop o dau", QuestionKind.WhereToSend },
        { "bc gui ve dau", QuestionKind.WhereToSend },
        { "Nộp báo cáo ở đâu ạ", QuestionKind.WhereToSend },
        { "gửi về đâu vậy", QuestionKind.WhereToSend },
        { "báo cáo gửi qua văn phòng nào?", QuestionKind.WhereToSend },
        { "nơi nhận báo cáo", QuestionKind.WhereToSend },
        // Days left, or how late.
        { "con may ngay", QuestionKind.DaysRemaining },
        { "Còn bao nhiêu ngày nữa phải nộp?", QuestionKind.DaysRemaining },
        { "còn mấy ngày nữa hết hạn", QuestionKind.DaysRemaining },
        { "đã quá hạn chưa?", QuestionKind.DaysRemaining },
        { "trễ mấy ngày rồi", QuestionKind.DaysRemaining },
        { "con bn ngay", QuestionKind.DaysRemaining },
        { "còn kịp không", QuestionKind.DaysRemaining },
        { "Còn hạn nộp không ạ", QuestionKind.DaysRemaining },
    };

    /// <summary>Slips a hurried user makes: letters swapped, doubled or dropped, words glued, Telex typed without its input method.</summary>
    public static TheoryData<string, QuestionKind> Typos => new()
    {
        { "dealine nop bao cao", QuestionKind.ReportDeadline },
        { "deadlne", QuestionKind.ReportDeadline },
        { "han nop bao cao ngya nao", QuestionKind.ReportDeadline },
        { "hann nop bao cao khi nao", QuestionKind.ReportDeadline },
        { "khinao nop bao cao", QuestionKind.ReportDeadline },
        { "hanj nopj baos caos khi naof", QuestionKind.ReportDeadline },
        { "nagy nao hop chi bo", QuestionKind.ConferenceDate },
        { "bao gio hopj so ket", QuestionKind.ConferenceDate },
        { "so lieuu tinh den ngay nao", QuestionKind.DataCutOff },
        { "baocao gui ve dau", QuestionKind.WhereToSend },
        { "gưi bc cho ai", QuestionKind.WhereToSend },
        { "noopj owr ddaau", QuestionKind.WhereToSend },
    };

    public static TheoryData<string> NotDeadlineQuestions => new()
    {
        "soạn báo cáo",
        "xin chào",
        "hôm nay trời đẹp",
        "hạn chế nguyên nhân",
        "Hạn chế, khuyết điểm là gì?",
        "viết phần hạn chế khi nào",
        "han che nguyen nhan",
        "tình hình nộp báo cáo",
        "nộp báo cáo",
        "gửi báo cáo",
        "báo cáo ở đâu",
        "xin gia hạn nộp báo cáo đến ngày 5/7",
        "tổng hợp số liệu",
        "nhập số liệu chỉ tiêu",
        "Chi bộ đã gửi báo cáo về Đảng ủy Khối đúng hạn",
        "chi bộ đã nộp đúng hạn rồi",
        "trợ giúp",
        "hợp đồng lao động",
        "phù hợp với tình hình thực tế",
        "đầu tháng 7 gửi báo cáo",
        "ngày mai họp chi bộ",
        "khi nào",
        "hạn hán kéo dài",
        "quá hạn thì sao",
        "nộp muộn có sao không",
        "thành ủy",
        "",
        "   ",
        // Statements a drafter types into a section: they mention dates and deadlines but ask nothing.
        "Số liệu tính đến ngày 30/5/2023, toàn Đảng bộ kết nạp 120 đảng viên mới",
        "Chi bộ không tổ chức hội nghị sơ kết đúng hạn",
        "Thời điểm đánh giá từ năm 2020 đến năm 2023 theo đề cương",
        "Các chi bộ gửi báo cáo về Đảng ủy không quá hạn",
        "Chi bộ đã nộp đúng hạn rồi ạ",
        // A paragraph from 125-KH/ThU pasted while drafting: full of keywords, not a question.
        "Kiểm điểm hoạt động của cấp ủy trong việc thực hiện quy chế làm việc, chương trình làm việc toàn khóa; chỉ rõ nguyên nhân, " +
        "nhất là nguyên nhân chủ quan của những hạn chế, khuyết điểm, yếu kém và gửi báo cáo về Ban Thường vụ Thành ủy khi nào xong.",
    };

    [Theory]
    [MemberData(nameof(Questions))]
    [MemberData(nameof(Typos))]
    public void Recognises_the_question(string text, QuestionKind expected)
    {
        Assert.Equal(expected, DeadlineQuestionClassifier.Classify(text));
        Assert.True(DeadlineQuestionClassifier.IsDeadlineQuestion(text));
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Decomposed_Unicode_and_capitals_read_the_same(string text, QuestionKind expected)
    {
        Assert.Equal(expected, DeadlineQuestionClassifier.Classify(text.Normalize(NormalizationForm.FormD)));
        Assert.Equal(expected, DeadlineQuestionClassifier.Classify(text.ToUpperInvariant()));
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Politeness_at_the_end_changes_nothing(string text, QuestionKind expected)
    {
        var bare = text.TrimEnd('?', ' ');
        Assert.Equal(expected, DeadlineQuestionClassifier.Classify(bare + " ạ?"));
        Assert.Equal(expected, DeadlineQuestionClassifier.Classify(bare + " vậy"));
        Assert.Equal(expected, DeadlineQuestionClassifier.Classify("Đồng chí cho hỏi " + bare));
    }

    [Theory]
    [MemberData(nameof(NotDeadlineQuestions))]
    public void Anything_else_is_unknown(string text)
    {
        Assert.Equal(QuestionKind.Unknown, DeadlineQuestionClassifier.Classify(text));
        Assert.False(DeadlineQuestionClassifier.IsDeadlineQuestion(text));
    }

    [Fact]
    public void Null_is_unknown() => Assert.Equal(QuestionKind.Unknown, DeadlineQuestionClassifier.Classify(null));

    [Theory]
    [InlineData("thanh uy khi nao hop")]   // "thanh" is a real word (thành): never "corrected" to "thang"
    [InlineData("hành chính khi nào họp")] // "hanh" is not a slip for "han"
    public void Real_words_are_not_corrected_into_keywords(string text) =>
        Assert.Equal(QuestionKind.ConferenceDate, DeadlineQuestionClassifier.Classify(text));
}
