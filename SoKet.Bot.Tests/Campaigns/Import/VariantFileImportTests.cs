using SoKet.Bot.Campaigns.Import;
using DeadlineRow = (string Group, SoKet.Bot.Campaigns.Import.DueKind Due, System.DateOnly? Date, SoKet.Bot.Campaigns.Import.DateQualifier Qualifier, bool Issuer, bool GroupUnsure, bool DueUnsure, bool DateUnsure);

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Issue 15: the whole variant plans in TestData/variants (see <see cref="VariantFiles"/>), read as an upload is
/// read. Every expected value was written by hand from the plan's text; "unsure" says which fields the importer
/// had to infer and must mark on the confirmation card (group, what is due, date).
/// </summary>
public sealed class VariantFileImportTests
{
    private static PlanExtraction Import(string name) => PlanImporter.Extract(new PlanTextReader().Read(VariantFiles.PathOf(name)).Text);

    internal static DeadlineRow Row(Deadline d) =>
        (d.UnitGroup, d.Due, d.Date?.Date, d.Qualifier, d.IsIssuerTask, d.UnitGroupUnsure is not null, d.DueUnsure is not null, d.Date?.Unsure is not null);

    [Fact]
    public void Groups_named_only_by_doi_voi_sub_headings()
    {
        var plan = Import(VariantFiles.HeadingGroups);

        // "Phong Thổ , ngày 24 tháng 3 năm 2023 ." – a stray space before the comma and a full stop at the end.
        Assert.Equal(("86-KH/HU", "Phong Thổ", new DateOnly(2023, 3, 24)), (plan.Number?.Code, plan.Place?.Value, plan.IssuedOn?.Date));
        Assert.Null(plan.IssuedOn?.Unsure);

        const string others = "Thường trực HĐND huyện, UBND huyện, các ban xây dựng Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội huyện";
        var expected = new DeadlineRow[]
        {
            // III.1 "Đối với các chi bộ, đảng bộ cơ sở": "- Tổ chức hội nghị ...; hoàn thành trước ngày 15-6-2023." and "- Gửi báo cáo ... chậm nhất ngày 20-6-2023."
            ("Các chi bộ, đảng bộ cơ sở", DueKind.Conference, new DateOnly(2023, 6, 15), DateQualifier.Before, false, true, false, false),
            ("Các chi bộ, đảng bộ cơ sở", DueKind.Report, new DateOnly(2023, 6, 20), DateQualifier.NoLaterThan, false, true, false, false),
            // III.2 "Đối với Thường trực HĐND huyện, ...": "Xây dựng báo cáo ..., gửi về Huyện ủy (qua Văn phòng Huyện ủy) trước ngày 25-6-2023."
            (others, DueKind.Report, new DateOnly(2023, 6, 25), DateQualifier.Before, false, true, false, false),
            // III.3 "Đối với Huyện ủy": its own conference "trong tháng 7/2023" – a month, so the date is unsure too.
            ("Huyện ủy", DueKind.Conference, new DateOnly(2023, 7, 31), DateQualifier.Within, true, true, false, true),
            // IV.2: the office compiles the results of the conferences and submits to the standing committee: a compilation, not a conference.
            ("Văn phòng Huyện ủy", DueKind.Compilation, new DateOnly(2023, 7, 5), DateQualifier.Before, true, false, false, false),
        };
        Assert.Equal(expected, plan.Deadlines.Select(Row).ToArray());

        Assert.Equal("1. Đối với các chi bộ, đảng bộ cơ sở", plan.Deadlines[0].UnitGroupUnsure?.Source);
        Assert.Contains("«1. Đối với các chi bộ, đảng bộ cơ sở»", plan.Deadlines[0].UnitGroupUnsure?.Reason, StringComparison.Ordinal);
        Assert.Equal("3. Đối với Huyện ủy", plan.Deadlines[3].UnitGroupUnsure?.Source);
        Assert.Equal(("Ban Thường vụ Huyện ủy", "Văn phòng Huyện ủy"), (plan.Deadlines[1].Recipient, plan.Deadlines[1].Via));
        Assert.Equal(("Huyện ủy", "Văn phòng Huyện ủy"), (plan.Deadlines[2].Recipient, plan.Deadlines[2].Via));
        Assert.Equal("Ban Thường vụ Huyện ủy", plan.Deadlines[4].Recipient);
        Assert.Equal(("Ban Thường vụ Huyện ủy", "Văn phòng Huyện ủy"), (plan.ReportsTo?.Recipient, plan.ReportsTo?.Via));
        Assert.Equal(["Các chi bộ, đảng bộ cơ sở", others, "Huyện ủy", "Văn phòng Huyện ủy"], plan.UnitGroups.Select(g => g.Name));
        Assert.Contains(plan.Warnings, w => w.Contains("chưa chắc chắn", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("chưa xác định được áp dụng cho đối tượng nào", StringComparison.Ordinal));

        Assert.Equal(OutlineOrigin.ContentGuidance, plan.Outline.Origin);
        Assert.False(plan.OfferReferenceOutline);
        Assert.Equal(
            [
                "Đánh giá giữa nhiệm kỳ thực hiện nghị quyết đại hội chi bộ, đảng bộ cơ sở, nhiệm kỳ 2020 - 2025",
                "Kiểm điểm sự lãnh đạo, chỉ đạo của cấp ủy trong việc thực hiện quy chế làm việc, chương trình làm việc toàn khóa",
            ],
            plan.Outline.Sections.Headings());
    }

    [Fact]
    public void A_task_table_with_a_merged_unit_cell_and_dates_without_a_year()
    {
        var plan = Import(VariantFiles.TaskTable);

        // "Hà Tĩnh ngày 10 tháng 4 năm 2023": no comma between place and date.
        Assert.Equal(("171-KH/TU", "Hà Tĩnh", new DateOnly(2023, 4, 10)), (plan.Number?.Code, plan.Place?.Value, plan.IssuedOn?.Date));
        Assert.Equal((CampaignKind.ThematicResolutionReview, "18-NQ/TW"), (plan.Kind.Value, plan.Kind.ReviewedDocument));
        Assert.Equal(("96-KH/BCĐ", new DateOnly(2023, 3, 20)), (plan.BasedOn?.Code, plan.BasedOn?.Date));
        Assert.Equal(new DateOnly(2023, 3, 31), plan.DataCutOff?.Date);

        const string districts = "Các huyện, thành, thị ủy, đảng ủy trực thuộc";
        var expected = new DeadlineRow[]
        {
            // Row 1 "Tổ chức sơ kết, gửi báo cáo về Ban Thường vụ Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy) | Trước ngày 15-6-2023".
            (districts, DueKind.Conference, new DateOnly(2023, 6, 15), DateQualifier.Before, false, false, false, false),
            (districts, DueKind.Report, new DateOnly(2023, 6, 15), DateQualifier.Before, false, false, false, false),
            // Row 2 "Ngày 20 tháng 6": the year is the issue date's.
            ("Ban cán sự đảng UBND tỉnh, các đảng đoàn, ban cán sự đảng", DueKind.Report, new DateOnly(2023, 6, 20), DateQualifier.On, false, false, false, true),
            // Row 3 "Trước 30/6".
            ("Ban Tổ chức Tỉnh ủy", DueKind.Compilation, new DateOnly(2023, 6, 30), DateQualifier.Before, true, false, false, true),
            // Row 4: the unit cell is empty (merged with row 3); "Trong quý III/2023".
            ("Ban Tổ chức Tỉnh ủy", DueKind.Conference, new DateOnly(2023, 9, 30), DateQualifier.Within, true, true, false, true),
        };
        Assert.Equal(expected, plan.Deadlines.Select(Row).ToArray());

        Assert.Equal("1 | Các huyện, thành, thị ủy, đảng ủy trực thuộc | Tổ chức sơ kết, gửi báo cáo về Ban Thường vụ Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy) | Trước ngày 15-6-2023", plan.Deadlines[0].Source);
        Assert.Equal("III. › 1.", plan.Deadlines[0].Location);
        Assert.Equal(("Ban Thường vụ Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"), (plan.Deadlines[1].Recipient, plan.Deadlines[1].Via));
        Assert.Contains("năm 2023 theo ngày ban hành kế hoạch (10/04/2023)", plan.Deadlines[2].Date?.Unsure?.Reason, StringComparison.Ordinal);
        Assert.Equal((DatePrecision.Quarter, new DateOnly(2023, 7, 1)), (plan.Deadlines[4].Date!.Precision, plan.Deadlines[4].Date!.RangeStart));
        Assert.Equal("4 | Tham mưu tổ chức hội nghị sơ kết của Tỉnh ủy | Trong quý III/2023", plan.Deadlines[4].UnitGroupUnsure?.Source);
        Assert.Equal(
            [districts, "Ban cán sự đảng UBND tỉnh, các đảng đoàn, ban cán sự đảng", "Ban Tổ chức Tỉnh ủy"],
            plan.UnitGroups.Select(g => g.Name));

        Assert.Equal(OutlineOrigin.ContentGuidance, plan.Outline.Origin);
        Assert.Equal(4, plan.Outline.Sections.Count);
    }

    [Fact]
    public void A_plan_that_refers_to_a_guidance_outline_not_attached_is_offered_the_reference_outline()
    {
        var plan = Import(VariantFiles.OutlineElsewhere);

        // "Hà Tĩnh, ngày12 tháng 5 năm 2023": "ngày" glued to the day.
        Assert.Equal(("178-KH/TU", "Hà Tĩnh", new DateOnly(2023, 5, 12)), (plan.Number?.Code, plan.Place?.Value, plan.IssuedOn?.Date));
        Assert.Equal((CampaignKind.ThematicResolutionReview, "29-NQ/TW"), (plan.Kind.Value, plan.Kind.ReviewedDocument));

        // Section II holds only "Về nội dung" (follow the central outline), "Về phương pháp" and "Về thời gian":
        // none is a part of the units' report.
        Assert.False(plan.HasOutline);
        Assert.Equal(OutlineOrigin.None, plan.Outline.Origin);
        Assert.True(plan.OfferReferenceOutline);
        Assert.True(plan.Outline.AttachedOutlineMissing);
        Assert.StartsWith("Về nội dung: Các cơ quan, đơn vị xây dựng báo cáo tổng kết theo Đề cương báo cáo ban hành kèm theo Kế hoạch số 125-KH/BTGTW", plan.Outline.OutlineReference, StringComparison.Ordinal);
        Assert.Contains(plan.Warnings, w => w.StartsWith("Kế hoạch yêu cầu báo cáo theo đề cương không có trong tệp", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2023, 4, 30), plan.DataCutOff?.Date);

        const string districts = "Các huyện, thành, thị ủy, đảng ủy trực thuộc";
        var expected = new DeadlineRow[]
        {
            // "Về thời gian: Hoàn thành tổng kết ở các huyện, thành, thị ủy, đảng ủy trực thuộc trong tháng 6/2023; ở cấp tỉnh trong tháng 7/2023."
            (districts, DueKind.Conference, new DateOnly(2023, 6, 30), DateQualifier.Within, false, false, false, true),
            ("Cấp tỉnh", DueKind.Conference, new DateOnly(2023, 7, 31), DateQualifier.Within, true, false, false, true),
            ("Ban cán sự đảng UBND tỉnh, các huyện, thành, thị ủy, đảng ủy trực thuộc", DueKind.Report, new DateOnly(2023, 6, 15), DateQualifier.Before, false, false, false, false),
            // III.2: compiles and submits "cho ý kiến tại hội nghị tháng 7/2023": presenting at the meeting is not holding the review conference.
            ("Ban Tuyên giáo Tỉnh ủy", DueKind.Compilation, new DateOnly(2023, 7, 31), DateQualifier.None, true, false, false, true),
        };
        Assert.Equal(expected, plan.Deadlines.Select(Row).ToArray());
        Assert.Equal(("Ban Thường vụ Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy"), (plan.Deadlines[2].Recipient, plan.Deadlines[2].Via));
        Assert.Equal("Ban Thường vụ Tỉnh ủy", plan.Deadlines[3].Recipient);
    }

    [Fact]
    public void Dates_without_a_year_take_the_titles_year_and_a_deadline_counted_from_another_is_dated_from_it()
    {
        var plan = Import(VariantFiles.RelativeDeadlines);

        Assert.Null(plan.Number);
        Assert.Null(plan.IssuedOn);
        Assert.Equal("Ban Thường vụ Đảng ủy Khối", plan.IssuingBody?.Value);
        Assert.Equal(CampaignKind.MidTermCongressReview, plan.Kind.Value);
        Assert.Equal(("120-KH/TU", new DateOnly(2023, 4, 10)), (plan.BasedOn?.Code, plan.BasedOn?.Date));

        const string grassroots = "Các chi, đảng bộ cơ sở";
        var expected = new DeadlineRow[]
        {
            // "1- Đối với các chi, đảng bộ cơ sở:" "+ Tổ chức hội nghị sơ kết xong trước 30/6 (...)": the year is the title's ("6 tháng đầu năm 2023").
            (grassroots, DueKind.Conference, new DateOnly(2023, 6, 30), DateQualifier.Before, false, true, false, true),
            // "+ Gửi Báo cáo sơ kết và Phụ biểu về Đảng ủy Khối (qua Văn phòng Đảng ủy) chậm nhất vào ngày 5 tháng 7."
            (grassroots, DueKind.Report, new DateOnly(2023, 7, 5), DateQualifier.NoLaterThan, false, true, false, true),
            // "+ Trong vòng 05 ngày làm việc sau khi tổ chức hội nghị sơ kết, gửi Nghị quyết hội nghị về Đảng ủy Khối."
            (grassroots, DueKind.Report, null, DateQualifier.None, false, true, false, false),
            // "+ Văn phòng Đảng ủy Khối tổng hợp, ... sau 10 ngày kể từ hạn nộp báo cáo của các chi, đảng bộ cơ sở.": 05/7 + 10.
            ("Văn phòng Đảng ủy Khối", DueKind.Compilation, new DateOnly(2023, 7, 15), DateQualifier.NoLaterThan, true, false, false, true),
            // "2- Đối với Đảng ủy Khối:" "+ Tổ chức Hội nghị Ban Chấp hành Đảng bộ Khối sơ kết giữa nhiệm kỳ trong quý III/2023."
            ("Đảng ủy Khối", DueKind.Conference, new DateOnly(2023, 9, 30), DateQualifier.Within, true, true, false, true),
        };
        Assert.Equal(expected, plan.Deadlines.Select(Row).ToArray());

        Assert.Contains("theo trích yếu", plan.Deadlines[0].Date?.Unsure?.Reason, StringComparison.Ordinal);
        Assert.Equal(("Đảng ủy Khối", "Văn phòng Đảng ủy"), (plan.Deadlines[1].Recipient, plan.Deadlines[1].Via));
        Assert.Equal((DeadlineTiming.AfterConference, 5), (plan.Deadlines[2].Timing, plan.Deadlines[2].OffsetDays));
        Assert.Equal(10, plan.Deadlines[3].OffsetDays);
        Assert.Equal("Ban Thường vụ Đảng ủy Khối", plan.Deadlines[3].Recipient);
        Assert.Contains("thời hạn D2 (05/07/2023) cộng 10 ngày", plan.Deadlines[3].Date?.Unsure?.Reason, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2023, 7, 1), plan.Deadlines[4].Date?.RangeStart);
        Assert.Equal("1- Đối với các chi, đảng bộ cơ sở:", plan.Deadlines[0].UnitGroupUnsure?.Source);

        Assert.Equal(OutlineOrigin.ContentGuidance, plan.Outline.Origin);
        Assert.True(plan.OfferReferenceOutline);
        Assert.Equal("Đánh giá tình hình thực hiện nghị quyết đại hội và nhiệm vụ công tác xây dựng Đảng 6 tháng đầu năm 2023", plan.Outline.Sections[0].Heading);
    }

    [Fact]
    public void A_bare_hoan_thanh_completes_the_task_before_it_and_a_deadline_counts_from_the_issue_date()
    {
        var plan = Import(VariantFiles.Completion);

        // "Bản Hon,\tngày 03 tháng 4 năm 2023": the tab split place from date.
        Assert.Equal(("21-KH/ĐU", "Bản Hon", new DateOnly(2023, 4, 3)), (plan.Number?.Code, plan.Place?.Value, plan.IssuedOn?.Date));
        Assert.Equal(("Đảng ủy xã Bản Hon", "Đảng bộ huyện Tam Đường"), (plan.Organisation?.Value, plan.ParentOrganisation?.Value));
        Assert.Equal("Ban Thường vụ Đảng ủy xã", plan.IssuingBody?.Value);

        const string chiBo = "Các chi bộ trực thuộc";
        var expected = new DeadlineRow[]
        {
            // "1. Các chi bộ trực thuộc" / "- Tổ chức hội nghị chi bộ sơ kết ... Hoàn thành trước 20/6."
            (chiBo, DueKind.Conference, new DateOnly(2023, 6, 20), DateQualifier.Before, false, true, false, true),
            // "- Chậm nhất ngày 25 tháng 6, gửi báo cáo sơ kết về Đảng ủy xã (qua Văn phòng Đảng ủy)."
            (chiBo, DueKind.Report, new DateOnly(2023, 6, 25), DateQualifier.NoLaterThan, false, true, false, true),
            // "2. ĐỐI VỚI ĐẢNG ỦY XÃ": its conference "trong tháng 7 năm 2023", then its report 10 days after the conference.
            ("Đảng ủy xã", DueKind.Conference, new DateOnly(2023, 7, 31), DateQualifier.Within, true, true, false, true),
            ("Đảng ủy xã", DueKind.Report, null, DateQualifier.None, true, true, false, false),
            // IV.1: compiling how the conferences went and reporting to the standing board is a compilation.
            ("Văn phòng Đảng ủy", DueKind.Compilation, new DateOnly(2023, 6, 28), DateQualifier.Before, true, false, false, false),
            // IV.2: "Trong vòng 15 ngày kể từ ngày ban hành Kế hoạch này, các chi bộ trực thuộc gửi báo cáo ...": 03/4 + 15.
            (chiBo, DueKind.Report, new DateOnly(2023, 4, 18), DateQualifier.NoLaterThan, false, false, false, true),
        };
        Assert.Equal(expected, plan.Deadlines.Select(Row).ToArray());

        Assert.StartsWith("Tổ chức hội nghị chi bộ sơ kết giữa nhiệm kỳ", plan.Deadlines[0].What, StringComparison.Ordinal);
        Assert.Equal(("Đảng ủy xã", "Văn phòng Đảng ủy"), (plan.Deadlines[1].Recipient, plan.Deadlines[1].Via));
        Assert.Equal((DeadlineTiming.AfterConference, 10, "Ban Thường vụ Huyện ủy"), (plan.Deadlines[3].Timing, plan.Deadlines[3].OffsetDays, plan.Deadlines[3].Recipient));
        Assert.Equal("Thường trực Đảng ủy", plan.Deadlines[4].Recipient);
        Assert.Equal(("Văn phòng Đảng ủy", 15), (plan.Deadlines[5].Recipient, plan.Deadlines[5].OffsetDays));
        Assert.Contains("ngày ban hành kế hoạch (03/04/2023) cộng 15 ngày", plan.Deadlines[5].Date?.Unsure?.Reason, StringComparison.Ordinal);
        Assert.Equal(("Đảng ủy xã", "Văn phòng Đảng ủy"), (plan.ReportsTo?.Recipient, plan.ReportsTo?.Via));
        Assert.Equal("2. ĐỐI VỚI ĐẢNG ỦY XÃ", plan.Deadlines[2].UnitGroupUnsure?.Source);

        Assert.Equal(OutlineOrigin.ContentGuidance, plan.Outline.Origin);
        Assert.Equal(SectionKind.LeadershipSelfReview, plan.Outline.Sections[3].Kind);
        Assert.False(plan.OfferReferenceOutline);
    }
}
