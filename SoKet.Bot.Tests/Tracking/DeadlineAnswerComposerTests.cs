using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Tracking.DeadlineQuestions;
using static SoKet.Bot.Tests.Tracking.SeedPlanFacts;

namespace SoKet.Bot.Tests.Tracking;

public sealed class DeadlineAnswerComposerTests
{
    private static readonly DateOnly EndOfMay2023 = new(2023, 5, 28);

    private static DeadlineAnswer LaiChauChiBo(QuestionKind kind, DateOnly today) =>
        DeadlineAnswerComposer.Compose(kind, LaiChau125.Campaign, LaiChau125.ChiBoDangBoCoSo, today);

    [Fact]
    public void A_chi_bo_in_Lai_Chau_gets_its_report_date_what_is_due_where_it_goes_and_the_plan_sentence()
    {
        var answer = LaiChauChiBo(QuestionKind.ReportDeadline, EndOfMay2023);

        // One short line per deadline, the date first; the plan's sentences apart.
        Assert.Equal(
            "Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn gửi báo cáo kết quả sơ kết giữa nhiệm kỳ. " +
            "Nơi nhận: Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy).\n" +
            "Trước khi tổ chức hội nghị sơ kết (hạn tổ chức hội nghị sơ kết giữa nhiệm kỳ: thứ Sáu, 30/06/2023, còn 33 ngày): " +
            "gửi dự thảo báo cáo xin ý kiến. Nơi nhận: đồng chí Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành Đảng bộ thành phố phụ trách.",
            answer.Body);
        Assert.Equal("Theo Kế hoạch số 125-KH/ThU, đối tượng «Chi bộ, đảng bộ cơ sở».", answer.Basis);
        var quotes = answer.QuotedSource!.Split('\n');
        Assert.Equal(2, quotes.Length);
        Assert.EndsWith("gửi báo cáo kết quả về Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy) trước ngày 30/6/2023.", quotes[0]);
        Assert.Contains("gửi dự thảo báo cáo xin ý kiến đồng chí Ủy viên Ban Thường vụ", quotes[1]);
        Assert.StartsWith(answer.Body + "\n" + answer.Basis + "\nTrích kế hoạch: «Cấp cơ sở: Cấp ủy, các chi bộ", answer.Text);
        Assert.EndsWith("tổ chức hội nghị sơ kết theo kế hoạch.»", answer.Text);
    }

    [Fact]
    public void Days_are_counted_across_the_end_of_May() =>
        Assert.Contains("Còn 33 ngày đến hạn gửi báo cáo kết quả sơ kết giữa nhiệm kỳ (thứ Sáu, 30/06/2023).",
            LaiChauChiBo(QuestionKind.DaysRemaining, EndOfMay2023).Text);

    [Fact]
    public void On_the_last_day_the_answer_says_so() =>
        Assert.Contains("Hôm nay (thứ Sáu, 30/06/2023) là hạn cuối gửi báo cáo kết quả sơ kết giữa nhiệm kỳ.",
            LaiChauChiBo(QuestionKind.DaysRemaining, new DateOnly(2023, 6, 30)).Text);

    [Fact]
    public void The_report_deadline_on_its_day_says_today_is_the_last_day() =>
        Assert.Contains("Thứ Sáu, 30/06/2023 (hôm nay là hạn cuối): hạn gửi báo cáo kết quả sơ kết giữa nhiệm kỳ.",
            LaiChauChiBo(QuestionKind.ReportDeadline, new DateOnly(2023, 6, 30)).Text);

    [Fact]
    public void After_the_deadline_the_answer_says_how_late_across_the_month_end()
    {
        var today = new DateOnly(2023, 7, 3);

        Assert.Contains("Hạn gửi báo cáo kết quả sơ kết giữa nhiệm kỳ là thứ Sáu, 30/06/2023; đến hôm nay đã quá hạn 3 ngày.",
            LaiChauChiBo(QuestionKind.DaysRemaining, today).Text);
        Assert.Contains("Thứ Sáu, 30/06/2023 (đã quá hạn 3 ngày)", LaiChauChiBo(QuestionKind.ReportDeadline, today).Text);
    }

    [Fact]
    public void The_city_council_reports_five_days_earlier_than_the_chi_bo_and_to_the_Thanh_uy()
    {
        var answer = DeadlineAnswerComposer.Compose(QuestionKind.ReportDeadline, LaiChau125.Campaign, LaiChau125.ThuongTrucHdnd, EndOfMay2023);

        Assert.Contains("Chủ nhật, 25/06/2023 (còn 28 ngày)", answer.Text);
        Assert.Contains("Nơi nhận: Thành ủy (qua Văn phòng Thành ủy).", answer.Text);
        Assert.Contains("«Thường trực HĐND thành phố báo cáo tình hình", answer.Text);
        Assert.DoesNotContain("30/06/2023", answer.Text);
    }

    [Fact]
    public void The_party_boards_and_the_front_report_by_25_June()
    {
        var answer = DeadlineAnswerComposer.Compose(QuestionKind.DaysRemaining, LaiChau125.Campaign, LaiChau125.BanDangMttq, new DateOnly(2023, 6, 20));

        Assert.Contains("Còn 5 ngày đến hạn gửi báo cáo thuộc lĩnh vực phụ trách (Chủ nhật, 25/06/2023).", answer.Text);
    }

    [Fact]
    public void Where_to_send_names_the_recipient_and_the_office_it_goes_through()
    {
        var answer = LaiChauChiBo(QuestionKind.WhereToSend, EndOfMay2023);

        Assert.Contains("Báo cáo kết quả sơ kết giữa nhiệm kỳ gửi Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy), hạn thứ Sáu, 30/06/2023 (còn 33 ngày).", answer.Text);
        Assert.Contains("Dự thảo báo cáo xin ý kiến gửi đồng chí Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành Đảng bộ thành phố phụ trách, trước khi tổ chức hội nghị sơ kết.", answer.Text);
    }

    [Fact]
    public void The_chi_bo_conference_must_be_held_by_30_June_and_the_city_committee_by_30_July()
    {
        Assert.Contains("Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn tổ chức hội nghị sơ kết giữa nhiệm kỳ.",
            LaiChauChiBo(QuestionKind.ConferenceDate, EndOfMay2023).Text);
        Assert.Contains("Chủ nhật, 30/07/2023 (còn 63 ngày): hạn tổ chức Hội nghị sơ kết giữa nhiệm kỳ của Thành ủy.",
            DeadlineAnswerComposer.Compose(QuestionKind.ConferenceDate, LaiChau125.Campaign, LaiChau125.ThanhUy, EndOfMay2023).Text);
    }

    [Fact]
    public void Lai_Chau_gives_an_evaluation_period_rather_than_a_cut_off_day()
    {
        var answer = LaiChauChiBo(QuestionKind.DataCutOff, EndOfMay2023);

        Assert.Contains("Thời điểm đánh giá: từ sau đại hội chi bộ, đảng bộ đến tháng 6/2023; dự ước thực hiện cả năm 2023.", answer.Text);
        Assert.Equal("Thời điểm đánh giá: Từ sau đại hội chi bộ, đảng bộ đến tháng 6/2023; dự ước thực hiện cả năm 2023.", answer.QuotedSource);
    }

    [Fact]
    public void Ha_Tinh_counts_its_figures_to_30_May_2023()
    {
        var answer = DeadlineAnswerComposer.Compose(QuestionKind.DataCutOff, HaTinh150.Campaign, HaTinh150.DangBoTrucThuoc, EndOfMay2023);

        Assert.Contains("Số liệu đánh giá tính đến thứ Ba, 30/05/2023.", answer.Text);
        Assert.Contains("«Về mốc thời gian: Số liệu đánh giá ước tính đến ngày 30/5/2023;", answer.Text);
    }

    [Fact]
    public void Ha_Tinh_units_report_by_10_June_and_the_office_compiles_by_30_June()
    {
        Assert.Contains("Còn 13 ngày đến hạn gửi báo cáo kết quả tình hình thực hiện nghị quyết đại hội đảng bộ nhiệm kỳ 2020 - 2025 (thứ Bảy, 10/06/2023). Nơi nhận: Ban Thường vụ Tỉnh ủy.",
            DeadlineAnswerComposer.Compose(QuestionKind.DaysRemaining, HaTinh150.Campaign, HaTinh150.DangBoTrucThuoc, EndOfMay2023).Text);
        Assert.Contains("Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn hoàn thành báo cáo tổng hợp trình Ban Thường vụ Tỉnh ủy.",
            DeadlineAnswerComposer.Compose(QuestionKind.ReportDeadline, HaTinh150.Campaign, HaTinh150.VanPhongTinhUy, EndOfMay2023).Text);
    }

    [Fact]
    public void Where_the_plan_sets_no_conference_date_the_answer_says_so_instead_of_guessing()
    {
        var answer = DeadlineAnswerComposer.Compose(QuestionKind.ConferenceDate, HaTinh150.Campaign, HaTinh150.DangBoTrucThuoc, EndOfMay2023);

        Assert.Equal("Kế hoạch số 150-KH/TU không quy định thời hạn tổ chức hội nghị sơ kết cho đối tượng «Các đảng bộ trực thuộc». " +
                     "Đề nghị đồng chí liên hệ Ban Thường vụ Tỉnh ủy để được hướng dẫn.", answer.Text);
        Assert.Null(answer.QuotedSource);
    }

    [Theory]
    [InlineData(2018, 6, 15, "trong tháng 6/2018 (còn 15 ngày đến hết tháng)")]
    [InlineData(2018, 5, 20, "trong tháng 6/2018 (còn 41 ngày đến hết tháng)")]
    [InlineData(2018, 6, 30, "trong tháng 6/2018 (hôm nay là hạn cuối)")]
    [InlineData(2018, 7, 3, "trong tháng 6/2018 (đã quá hạn 3 ngày)")]
    public void A_month_only_conference_deadline_runs_to_the_end_of_the_month(int year, int month, int day, string expected)
    {
        var answer = DeadlineAnswerComposer.Compose(QuestionKind.ConferenceDate, DangUyKhoiDoanhNghiep2018.Campaign,
            DangUyKhoiDoanhNghiep2018.ChiDangBoCoSo, new DateOnly(year, month, day));

        Assert.Contains(char.ToUpperInvariant(expected[0]) + expected[1..] + ": hạn tổ chức hội nghị sơ kết.", answer.Text);
        Assert.Contains("«Các chi, đảng bộ cơ sở: Tổ chức hội nghị sơ kết hoàn thành trong tháng 6-2018.", answer.Text);
    }

    [Fact]
    public void A_report_due_after_the_conference_is_explained_as_such_with_the_conference_deadline()
    {
        var answer = DeadlineAnswerComposer.Compose(QuestionKind.ReportDeadline, DangUyKhoiDoanhNghiep2018.Campaign,
            DangUyKhoiDoanhNghiep2018.ChiDangBoCoSo, new DateOnly(2018, 6, 1));

        Assert.StartsWith("Theo Kế hoạch sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng ủy khối Doanh nghiệp lần thứ II", answer.Basis);
        Assert.Contains("Thứ Bảy, 09/06/2018 (còn 8 ngày): hạn gửi Báo cáo chính trị và Phụ biểu. Nơi nhận: Đảng ủy Khối (qua Văn phòng Đảng ủy).", answer.Text);
        Assert.Contains("Ngay sau khi tổ chức hội nghị sơ kết (hạn tổ chức hội nghị sơ kết: trong tháng 6/2018, còn 29 ngày đến hết tháng): gửi ", answer.Text);
        Assert.Contains(". Nơi nhận: Đảng ủy Khối.", answer.Text);
        Assert.Contains("«Sau khi tổ chức hội nghị sơ kết, gửi về Đảng ủy Khối:", answer.Text);
    }

    [Fact]
    public void A_conference_relative_deadline_with_a_number_of_days_says_how_many()
    {
        var group = new UnitGroupFacts
        {
            GroupName = "Chi bộ",
            Deadlines =
            [
                new GroupDeadline { Due = DueKind.Report, Timing = DeadlineTiming.AfterConference, OffsetDays = 5, What = "nghị quyết hội nghị" },
            ],
        };

        var answer = DeadlineAnswerComposer.Compose(QuestionKind.ReportDeadline, DangUyKhoiDoanhNghiep2018.Campaign, group, new DateOnly(2018, 6, 1));

        Assert.Contains("Chậm nhất 5 ngày sau khi tổ chức hội nghị sơ kết: gửi nghị quyết hội nghị. Nơi nhận: Đảng ủy Khối (qua Văn phòng Đảng ủy).", answer.Text);
    }

    [Fact]
    public void Days_left_for_a_report_due_after_the_conference_are_counted_to_the_conference_deadline()
    {
        var afterConferenceOnly = DangUyKhoiDoanhNghiep2018.ChiDangBoCoSo with
        {
            Deadlines = DangUyKhoiDoanhNghiep2018.ChiDangBoCoSo.Deadlines.Where(d => d.Date != new DateOnly(2018, 6, 9)).ToList(),
        };

        var answer = DeadlineAnswerComposer.Compose(QuestionKind.DaysRemaining, DangUyKhoiDoanhNghiep2018.Campaign, afterConferenceOnly, new DateOnly(2018, 6, 15));

        Assert.Contains("Ngay sau khi tổ chức hội nghị sơ kết (hạn tổ chức hội nghị sơ kết: trong tháng 6/2018, còn 15 ngày đến hết tháng)", answer.Text);
    }

    [Theory]
    [InlineData(2024, 2, 20, 2024, 3, 5, "còn 14 ngày")]    // through 29 February
    [InlineData(2023, 12, 20, 2024, 1, 10, "còn 21 ngày")]  // through the new year
    [InlineData(2024, 1, 2, 2023, 12, 29, "đã quá hạn 4 ngày")]
    public void Days_are_calendar_days_across_months_and_years(int ty, int tm, int td, int dy, int dm, int dd, string expected)
    {
        var group = new UnitGroupFacts
        {
            GroupName = "Chi bộ",
            Deadlines = [new GroupDeadline { Due = DueKind.Report, Date = new DateOnly(dy, dm, dd), What = "báo cáo" }],
        };

        var answer = DeadlineAnswerComposer.Compose(QuestionKind.ReportDeadline, HaTinh150.Campaign, group, new DateOnly(ty, tm, td));

        Assert.Contains($"({expected})", answer.Text);
    }

    [Fact]
    public void Unknown_questions_get_examples_not_a_date()
    {
        var answer = LaiChauChiBo(QuestionKind.Unknown, EndOfMay2023);

        Assert.StartsWith("Đồng chí có thể hỏi", answer.Text);
        Assert.DoesNotContain("2023", answer.Text);
        Assert.Null(answer.QuotedSource);
    }

    /// <summary>From what a member types to the answer they read, against 125-KH/ThU on 28/05/2023.</summary>
    [Theory]
    [InlineData("hạn nộp báo cáo khi nào?", "Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn gửi báo cáo kết quả sơ kết giữa nhiệm kỳ")]
    [InlineData("khi nao phai nop", "Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn gửi báo cáo kết quả sơ kết giữa nhiệm kỳ")]
    [InlineData("bao giờ họp sơ kết?", "Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn tổ chức hội nghị sơ kết giữa nhiệm kỳ")]
    [InlineData("số liệu tính đến ngày nào?", "Thời điểm đánh giá: từ sau đại hội chi bộ, đảng bộ đến tháng 6/2023")]
    [InlineData("gửi báo cáo cho ai?", "gửi Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy)")]
    [InlineData("bc gui ve dau", "gửi Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy)")]
    [InlineData("con may ngay", "Còn 33 ngày đến hạn gửi báo cáo")]
    [InlineData("dealine", "Thứ Sáu, 30/06/2023 (còn 33 ngày)")]
    public void A_typed_question_is_answered_from_the_plan(string question, string expected)
    {
        var kind = DeadlineQuestionClassifier.Classify(question);

        Assert.Contains(expected, LaiChauChiBo(kind, EndOfMay2023).Text);
    }

    /// <summary>What the importer keeps as "what is due" is the plan's clause; the answer names the thing instead and never says the verb twice.</summary>
    [Fact]
    public void A_plan_clause_as_what_is_due_becomes_a_short_name_without_a_repeated_verb()
    {
        var group = new UnitGroupFacts
        {
            GroupName = "Cấp cơ sở",
            Deadlines =
            [
                new GroupDeadline
                {
                    Due = DueKind.Report, Date = new DateOnly(2023, 6, 30),
                    What = "hoàn thành việc sơ kết và gửi báo cáo kết quả về Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy) trước ngày 30/6/2023",
                },
                new GroupDeadline
                {
                    Due = DueKind.DraftForComment, Timing = DeadlineTiming.BeforeConference,
                    What = "gửi dự thảo báo cáo xin ý kiến đồng chí Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành Đảng bộ thành phố phụ trách và tổ chức hội nghị sơ kết theo kế hoạch",
                    Recipient = "đồng chí Ủy viên Ban Thường vụ phụ trách",
                },
                new GroupDeadline { Due = DueKind.Conference, Date = new DateOnly(2023, 6, 30), What = "tổ chức hội nghị sơ kết giữa nhiệm kỳ" },
            ],
        };

        var answer = DeadlineAnswerComposer.Compose(QuestionKind.ReportDeadline, LaiChau125.Campaign, group, EndOfMay2023);

        Assert.Equal(
            "Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn gửi báo cáo sơ kết. Nơi nhận: Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy).\n" +
            "Trước khi tổ chức hội nghị sơ kết (hạn tổ chức hội nghị sơ kết giữa nhiệm kỳ: thứ Sáu, 30/06/2023, còn 33 ngày): " +
            "gửi dự thảo báo cáo xin ý kiến. Nơi nhận: đồng chí Ủy viên Ban Thường vụ phụ trách.",
            answer.Body);
    }
}
