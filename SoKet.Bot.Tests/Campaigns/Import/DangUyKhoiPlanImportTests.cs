using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// The 2018 plan of the Đảng ủy Khối Doanh nghiệp: no letterhead, "I-" / "1-" numbering, "-" and "+"
/// bullets, dates written "4-5-2018", a deadline "in June", another "early July", and one relative to the
/// conference. Expected values written by hand from the plan's text.
/// </summary>
public sealed class DangUyKhoiPlanImportTests
{
    private static readonly PlanExtraction Plan = SeedPlans.Import(SeedPlans.DangUyKhoi);

    [Fact]
    public void Has_no_number_date_or_place_and_says_so()
    {
        // The text as distributed carries no "Số ...-KH/ĐUK" line and no "..., ngày ..." line. The only codes
        // in it are other documents' (316-KH/TU, 05-CT/TW, 03-NQ/ĐUK ...), which must not be taken.
        Assert.Null(Plan.Number);
        Assert.Null(Plan.IssuedOn);
        Assert.Null(Plan.Place);
        Assert.Null(Plan.Organisation);
        Assert.Contains(Plan.Warnings, w => w.Contains("số, ký hiệu", StringComparison.Ordinal));
        Assert.Contains(Plan.Warnings, w => w.Contains("ngày ban hành", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_title_kind_issuer_and_the_plan_it_implements()
    {
        Assert.Equal(
            "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng ủy khối Doanh nghiệp lần thứ II và Đại hội Đảng cấp cơ sở nhiệm kỳ 2015 – 2020",
            Plan.Title?.Value);
        Assert.Equal(CampaignKind.MidTermCongressReview, Plan.Kind.Value);
        Assert.Equal("Ban Thường vụ Đảng ủy Khối", Plan.IssuingBody?.Value);

        Assert.Equal("316-KH/TU", Plan.BasedOn?.Code);
        Assert.Equal(new DateOnly(2018, 5, 4), Plan.BasedOn?.Date);
        Assert.Equal("Ban Thường vụ Tỉnh ủy", Plan.BasedOn?.Issuer);
    }

    [Fact]
    public void Reads_the_period_from_the_indicator_table_instruction()
    {
        // "Lập biểu tổng hợp thống kê kết quả các chỉ tiêu trong năm 2016, 2017 và 6 tháng đầu năm 2018, ước thực hiện cả năm 2018"
        var period = Plan.EvaluationPeriod;
        Assert.NotNull(period);
        Assert.Equal("năm 2016", period.StartText);
        Assert.Equal(new DateOnly(2018, 6, 30), period.End?.Date);
        Assert.Equal(DatePrecision.Month, period.End?.Precision);
        Assert.Equal(2018, period.FullYearEstimateYear);
        Assert.Null(Plan.DataCutOff);

        Assert.Equal("Đảng ủy Khối", Plan.ReportsTo?.Recipient);
        Assert.Equal("Văn phòng Đảng ủy", Plan.ReportsTo?.Via);
    }

    [Fact]
    public void Finds_every_deadline_including_month_only_and_relative_ones()
    {
        const string grassroots = "Các chi, đảng bộ trực thuộc Đảng ủy Khối";
        var expected = new (string Group, DueKind Due, DateOnly? Date, DatePrecision? Precision, DateQualifier Qualifier, DeadlineTiming Timing)[]
        {
            // "- Các chi, đảng bộ cơ sở: Tổ chức hội nghị sơ kết hoàn thành trong tháng 6-2018."
            (grassroots, DueKind.Conference, new DateOnly(2018, 6, 30), DatePrecision.Month, DateQualifier.Within, DeadlineTiming.OnDate),
            // "Tuy nhiên, gửi Báo cáo chính trị và Phụ biểu về Đảng ủy Khối (qua Văn phòng Đảng ủy) chậm nhất vào ngày 9-6-2018"
            (grassroots, DueKind.Report, new DateOnly(2018, 6, 9), DatePrecision.Day, DateQualifier.NoLaterThan, DeadlineTiming.OnDate),
            // "- Đảng ủy Khối: + Gửi báo cáo chính trị về Tỉnh ủy trước ngày 30-6-2018."
            ("Đảng ủy Khối", DueKind.Report, new DateOnly(2018, 6, 30), DatePrecision.Day, DateQualifier.Before, DeadlineTiming.OnDate),
            // "+ Sơ kết lồng ghép trong Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ XVI (Đầu tháng 7-2018)"
            ("Đảng ủy Khối", DueKind.Conference, new DateOnly(2018, 7, 10), DatePrecision.EarlyMonth, DateQualifier.None, DeadlineTiming.OnDate),
            // IV.2: "Sau khi tổ chức hội nghị sơ kết, gửi về Đảng ủy Khối: Báo cáo chính trị đã thông qua ..."
            (grassroots, DueKind.Report, null, null, DateQualifier.None, DeadlineTiming.AfterConference),
        };

        Assert.Equal(expected, Plan.Deadlines.Select(d => (d.UnitGroup, d.Due, d.Date?.Date, d.Date?.Precision, d.Qualifier, d.Timing)).ToArray());

        Assert.Equal("Các chi, đảng bộ cơ sở", Plan.Deadlines[0].UnitGroupAsWritten);
        Assert.Equal("Văn phòng Đảng ủy", Plan.Deadlines[1].Via);
        Assert.Equal("Tỉnh ủy", Plan.Deadlines[2].Recipient);
        Assert.True(Plan.Deadlines[2].IsIssuerTask);
        Assert.True(Plan.Deadlines[3].IsIssuerTask);
        Assert.Equal("Các chi, đảng bộ cơ sở trực thuộc Đảng ủy Khối", Plan.Deadlines[4].UnitGroupAsWritten);
        Assert.Equal("IV- › 2.", Plan.Deadlines[4].Location);
        Assert.Contains(Plan.Warnings, w => w.Contains("chỉ ghi theo tháng", StringComparison.Ordinal));
    }

    [Fact]
    public void Takes_unit_groups_from_the_explicit_list_and_merges_other_names()
    {
        // "- Đối tượng: Các chi, đảng bộ trực thuộc Đảng ủy Khối; Đảng ủy Khối."
        Assert.Equal(["Các chi, đảng bộ trực thuộc Đảng ủy Khối", "Đảng ủy Khối"], Plan.UnitGroups.Select(g => g.Name));
        Assert.Equal("- Đối tượng: Các chi, đảng bộ trực thuộc Đảng ủy Khối; Đảng ủy Khối.", Plan.UnitGroups[0].Source);
        Assert.Equal(["Các chi, đảng bộ cơ sở", "Các chi, đảng bộ cơ sở trực thuộc Đảng ủy Khối"], Plan.UnitGroups[0].Aliases);
        Assert.Equal(["D1", "D2", "D5"], Plan.UnitGroups[0].DeadlineIds);
        Assert.Equal(["D3", "D4"], Plan.UnitGroups[1].DeadlineIds);
        Assert.True(Plan.UnitGroups[1].IsIssuer);
    }

    [Fact]
    public void Builds_the_outline_from_section_II_since_the_attached_outline_is_missing()
    {
        Assert.Equal(OutlineOrigin.ContentGuidance, Plan.Outline.Origin);
        Assert.True(Plan.Outline.AttachedOutlineMissing);
        Assert.True(Plan.OfferReferenceOutline);
        Assert.Equal("II- Nội dung", Plan.Outline.Source);

        var expected = new (string Label, int Level, string Heading)[]
        {
            ("1-", 1, "Về đánh giá tình hình thực hiện nghị quyết đại hội"),
            ("1.1.", 2, "Về bối cảnh tình hình"),
            ("1.2.", 2, "Đánh giá về công tác lãnh đạo, chỉ đạo triển khai nghị quyết"),
            ("1.3.", 2, "Về đánh giá những kết quả đạt được"),
            ("1.4.", 2, "Đánh giá chung"),
            ("2-", 1, "Phương hướng, mục tiêu, nhiệm vụ trọng tâm nửa cuối nhiệm kỳ, giai đoạn 2018 – 2020"),
            ("3-", 1, "Về kiểm điểm sự lãnh đạo, chỉ đạo của Ban Chấp hành Đảng bộ, Ban Thường vụ Đảng ủy, Ban Chi ủy Chi bộ"),
            ("", 1, "Phụ lục: Lập biểu tổng hợp thống kê kết quả các chỉ tiêu trong năm 2016, 2017 và 6 tháng đầu năm 2018, ước thực hiện cả năm 2018"),
        };
        Assert.Equal(expected, Plan.Outline.AllSections().Select(s => (s.NumberLabel, s.Level, s.Heading)).ToArray());

        var sections = Plan.Outline.AllSections().ToList();
        Assert.Equal("Nêu thuận lợi, khó khăn đến quá trình lãnh đạo, thực hiện nghị quyết đại hội.", sections[1].Guidance);
        Assert.True(sections.Single(s => s.Heading == "Đánh giá chung").IsEvaluative);
        Assert.Contains("- Những hạn chế chủ yếu trên các lĩnh vực.", sections.Single(s => s.Heading == "Đánh giá chung").Guidance, StringComparison.Ordinal);
        Assert.Equal(SectionKind.LeadershipSelfReview, sections[6].Kind);
        Assert.Equal(SectionKind.IndicatorTable, sections[7].Kind);
        Assert.Equal(1, sections.Count(s => s.IsEvaluative));
    }
}
