using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>Plans in styles the seeds do not contain (see <see cref="VariantPlans"/>); expectations written by hand.</summary>
public sealed class PlanVariantImportTests
{
    [Fact]
    public void District_plan_reviewing_a_thematic_resolution()
    {
        var plan = PlanImporter.Extract(VariantPlans.DistrictThematicReview);

        Assert.Equal("45-KH/HU", plan.Number?.Code);
        Assert.Equal("Huyện ủy Mường Tè", plan.Organisation?.Value);
        Assert.Equal("Mường Tè", plan.Place?.Value);
        Assert.Equal(new DateOnly(2024, 4, 5), plan.IssuedOn?.Date);
        Assert.Equal("Ban Thường vụ Huyện ủy", plan.IssuingBody?.Value);
        Assert.StartsWith("Sơ kết 5 năm thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017", plan.Title?.Value, StringComparison.Ordinal);
        Assert.Equal(CampaignKind.ThematicResolutionReview, plan.Kind.Value);
        Assert.Equal("18-NQ/TW", plan.Kind.ReviewedDocument);
        Assert.Equal("210-KH/TU", plan.BasedOn?.Code);
        Assert.Equal(new DateOnly(2024, 3, 12), plan.BasedOn?.Date);

        Assert.Equal("tháng 01/2018", plan.EvaluationPeriod?.StartText);
        Assert.Equal(new DateOnly(2024, 3, 31), plan.EvaluationPeriod?.End?.Date);
        Assert.Equal(new DateOnly(2024, 3, 31), plan.DataCutOff?.Date);

        var expected = new (string Group, DueKind Due, DateOnly Date, DateQualifier Qualifier, bool Issuer)[]
        {
            ("Các chi bộ, đảng bộ cơ sở", DueKind.Conference, new DateOnly(2024, 6, 25), DateQualifier.None, false),
            ("Các chi bộ, đảng bộ cơ sở", DueKind.Report, new DateOnly(2024, 6, 28), DateQualifier.NoLaterThan, false),
            ("UBND huyện", DueKind.Report, new DateOnly(2024, 7, 31), DateQualifier.Within, false),
            ("Ban Tổ chức Huyện ủy", DueKind.Compilation, new DateOnly(2024, 7, 15), DateQualifier.Before, true),
        };
        Assert.Equal(expected, plan.Deadlines.Select(d => (d.UnitGroup, d.Due, d.Date!.Date, d.Qualifier, d.IsIssuerTask)).ToArray());
        Assert.Equal(new DateOnly(2024, 6, 20), plan.Deadlines[0].Date?.RangeStart);
        Assert.Equal(DatePrecision.Month, plan.Deadlines[2].Date?.Precision);
        Assert.Equal("III › 2)", plan.Deadlines[0].Location);
        Assert.Equal("Ban Thường vụ Huyện ủy", plan.ReportsTo?.Recipient);
        Assert.Equal("Ban Tổ chức Huyện ủy", plan.ReportsTo?.Via);

        Assert.Equal(OutlineOrigin.ContentGuidance, plan.Outline.Origin);
        Assert.False(plan.OfferReferenceOutline);
        var outline = new (string Label, int Level, string Heading, bool Evaluative)[]
        {
            ("Phần thứ nhất", 1, "Kết quả 5 năm thực hiện Nghị quyết", false),
            ("a)", 2, "Công tác lãnh đạo, chỉ đạo, quán triệt, tuyên truyền Nghị quyết", false),
            ("b)", 2, "Kết quả sắp xếp tổ chức bộ máy, tinh giản biên chế", false),
            ("c)", 2, "Hạn chế, khuyết điểm và nguyên nhân", true),
            ("d)", 2, "Bài học kinh nghiệm", true),
            ("Phần thứ hai", 1, "Phương hướng, nhiệm vụ, giải pháp thời gian tới", false),
        };
        Assert.Equal(outline, plan.Outline.AllSections().Select(s => (s.NumberLabel, s.Level, s.Heading, s.IsEvaluative)).ToArray());
    }

    [Fact]
    public void Grassroots_plan_with_an_attached_outline_in_another_numbering()
    {
        var plan = PlanImporter.Extract(VariantPlans.GrassrootsWithOutline);

        Assert.Equal("12-KH/ĐU", plan.Number?.Code);
        Assert.Equal("KH/ĐU", plan.Number?.Symbol);
        Assert.Equal("Đảng ủy Sở Y tế", plan.Organisation?.Value);
        Assert.Equal("Đảng bộ Khối các cơ quan tỉnh", plan.ParentOrganisation?.Value);
        Assert.Equal("Điện Biên Phủ", plan.Place?.Value);
        Assert.Equal(new DateOnly(2023, 4, 3), plan.IssuedOn?.Date);
        Assert.Equal("Ban Thường vụ Đảng ủy Sở Y tế", plan.IssuingBody?.Value);
        Assert.Equal("98-KH/ĐUK", plan.BasedOn?.Code);
        Assert.Equal("Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh", plan.BasedOn?.Issuer);
        Assert.Equal(new DateOnly(2023, 5, 31), plan.DataCutOff?.Date);
        Assert.Equal(2023, plan.EvaluationPeriod?.FullYearEstimateYear);

        var conference = plan.Deadlines[0];
        Assert.Equal(("Các chi bộ trực thuộc", DueKind.Conference, new DateOnly(2023, 6, 15)), (conference.UnitGroup, conference.Due, conference.Date!.Date));

        var afterConference = plan.Deadlines[1];
        Assert.Equal("Các chi bộ trực thuộc", afterConference.UnitGroup);
        Assert.Equal(DueKind.Report, afterConference.Due);
        Assert.Equal(DeadlineTiming.AfterConference, afterConference.Timing);
        Assert.Equal(5, afterConference.OffsetDays);
        Assert.Null(afterConference.Date);
        Assert.Equal("Đảng ủy Sở", afterConference.Recipient);
        Assert.Equal("Văn phòng Đảng ủy", afterConference.Via);

        var compilation = plan.Deadlines[2];
        Assert.Equal(("Đảng ủy Sở", DueKind.Compilation, new DateOnly(2023, 6, 30), DateQualifier.NoLaterThan), (compilation.UnitGroup, compilation.Due, compilation.Date!.Date, compilation.Qualifier));
        Assert.True(compilation.IsIssuerTask);
        Assert.Equal("Ban Thường vụ Đảng ủy Khối", compilation.Recipient);
        Assert.Equal(3, plan.Deadlines.Count);

        Assert.Equal(["Các chi bộ trực thuộc", "Đảng ủy Sở"], plan.UnitGroups.Select(g => g.Name));
        Assert.Equal("- Đối tượng: Các chi bộ trực thuộc; Đảng ủy Sở.", plan.UnitGroups[0].Source);

        Assert.Equal(OutlineOrigin.AttachedOutline, plan.Outline.Origin);
        Assert.Equal("ĐỀ CƯƠNG BÁO CÁO SƠ KẾT (Kèm theo Kế hoạch số 12-KH/ĐU)", plan.Outline.Title);
        var outline = new (string Label, int Level, string Heading, SectionKind Kind)[]
        {
            ("PHẦN THỨ NHẤT", 1, "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT", SectionKind.FreeText),
            ("I.", 2, "Đặc điểm tình hình", SectionKind.FreeText),
            ("II.", 2, "Kết quả thực hiện các nhiệm vụ", SectionKind.FreeText),
            ("1.", 3, "Công tác chuyên môn", SectionKind.FreeText),
            ("a)", 4, "Khám, chữa bệnh", SectionKind.FreeText),
            ("b)", 4, "Y tế dự phòng", SectionKind.FreeText),
            ("2.", 3, "Công tác xây dựng Đảng", SectionKind.FreeText),
            ("III.", 2, "Hạn chế, khuyết điểm và nguyên nhân", SectionKind.FreeText),
            ("IV.", 2, "Bài học kinh nghiệm", SectionKind.FreeText),
            ("PHẦN THỨ HAI", 1, "KIỂM ĐIỂM SỰ LÃNH ĐẠO, CHỈ ĐẠO CỦA CẤP ỦY", SectionKind.LeadershipSelfReview),
            ("PHẦN THỨ BA", 1, "PHƯƠNG HƯỚNG, NHIỆM VỤ ĐẾN CUỐI NHIỆM KỲ", SectionKind.FreeText),
            ("", 1, "Phụ lục: Biểu chỉ tiêu", SectionKind.IndicatorTable),
        };
        Assert.Equal(outline, plan.Outline.AllSections().Select(s => (s.NumberLabel, s.Level, s.Heading, s.Kind)).ToArray());
        Assert.Equal("- Nêu kết quả công tác chính trị tư tưởng", plan.Outline.AllSections().Single(s => s.Heading == "Công tác xây dựng Đảng").Guidance);

        var selfReview = plan.Outline.Sections[1];
        Assert.Equal("chi bộ chưa có chi ủy", selfReview.Condition?.AppliesTo);
        Assert.Equal("Phần thứ hai", selfReview.Condition?.TargetPart);
        Assert.Equal("không làm báo cáo kiểm điểm riêng mà đưa nội dung kiểm điểm vào Phần thứ hai của báo cáo sơ kết", selfReview.Condition?.Instruction);
    }

    [Fact]
    public void Plan_without_an_outline_offers_the_reference_outline_and_flags_what_it_could_not_place()
    {
        var plan = PlanImporter.Extract(VariantPlans.NoOutline);

        Assert.Equal("7-KH/HU", plan.Number?.Code);
        Assert.Equal(new DateOnly(2024, 5, 10), plan.IssuedOn?.Date);
        Assert.Equal("Ban Thường vụ Huyện ủy Tủa Chùa", plan.Organisation?.Value);
        Assert.Equal("Ban Thường vụ Huyện ủy Tủa Chùa", plan.IssuingBody?.Value);
        Assert.Equal(CampaignKind.ThematicResolutionReview, plan.Kind.Value);
        Assert.Equal("05-CT/TW", plan.Kind.ReviewedDocument);

        Assert.False(plan.HasOutline);
        Assert.Equal(OutlineOrigin.None, plan.Outline.Origin);
        Assert.True(plan.OfferReferenceOutline);
        Assert.Contains("Kế hoạch không có đề cương báo cáo. SoKet đề xuất dùng đề cương mẫu rồi chỉnh sửa cho phù hợp.", plan.Warnings);

        Assert.Equal(2, plan.Deadlines.Count);
        Assert.Equal(("Các tổ chức cơ sở đảng", DueKind.Report, new DateOnly(2024, 8, 31), DatePrecision.Month),
            (plan.Deadlines[0].UnitGroup, plan.Deadlines[0].Due, plan.Deadlines[0].Date!.Date, plan.Deadlines[0].Date!.Precision));
        Assert.Equal("Ban Thường vụ Huyện ủy Tủa Chùa", plan.Deadlines[0].Recipient);

        // "Hạn chót ngày 31/8/2024." names neither a unit nor an action: kept, but left for the admin to place.
        Assert.Equal((PlanImporter.UnknownGroup, DueKind.Other, new DateOnly(2024, 8, 31)), (plan.Deadlines[1].UnitGroup, plan.Deadlines[1].Due, plan.Deadlines[1].Date!.Date));
        Assert.Contains(plan.Warnings, w => w.Contains("chưa xác định được áp dụng cho đối tượng nào", StringComparison.Ordinal));
        Assert.Equal(["Các tổ chức cơ sở đảng"], plan.UnitGroups.Select(g => g.Name));
    }

    [Fact]
    public void Deadline_sentences_typed_without_diacritics_are_understood()
    {
        const string text = """
            KẾ HOẠCH
            So ket giua nhiem ky
            I. TO CHUC THUC HIEN
            1. Cac chi bo gui bao cao ve Dang uy truoc ngay 20/6/2024.
            2. Dang uy Khoi to chuc hoi nghi so ket trong thang 7 nam 2024.
            """;
        var plan = PlanImporter.Extract(text);
        Assert.Equal(
            [("Cac chi bo", DueKind.Report, new DateOnly(2024, 6, 20)), ("Dang uy Khoi", DueKind.Conference, new DateOnly(2024, 7, 31))],
            plan.Deadlines.Select(d => (d.UnitGroup, d.Due, d.Date!.Date)));
        Assert.Equal(CampaignKind.MidTermCongressReview, plan.Kind.Value);
    }

    [Fact]
    public void A_conference_sentence_without_a_unit_takes_the_item_and_a_titled_list_names_the_groups()
    {
        const string text = """
            KẾ HOẠCH
            Tổng kết công tác năm 2024 theo Hướng dẫn ngày 02/12/2024
            I. ĐỐI TƯỢNG, THỜI GIAN
            1. Đối tượng thực hiện: Các chi bộ trực thuộc; Các đảng bộ bộ phận.
            2. Các chi bộ trực thuộc:
            Hội nghị tổng kết tổ chức vào ngày 15/12/2024.
            """;
        var plan = PlanImporter.Extract(text);

        Assert.Null(plan.IssuedOn);
        Assert.Null(plan.Organisation);
        var deadline = Assert.Single(plan.Deadlines);
        Assert.Equal(("Các chi bộ trực thuộc", DueKind.Conference, new DateOnly(2024, 12, 15), DateQualifier.On),
            (deadline.UnitGroup, deadline.Due, deadline.Date!.Date, deadline.Qualifier));
        Assert.Equal(["Các chi bộ trực thuộc", "Các đảng bộ bộ phận"], plan.UnitGroups.Select(g => g.Name));
        Assert.Equal(CampaignKind.Other, plan.Kind.Value);
    }

    [Fact]
    public void Letterhead_capitals_take_the_plans_casing_and_unknown_words_stay_proper_nouns()
    {
        const string text = """
            ĐẢNG BỘ TỈNH LAI CHÂU
            HUYỆN ỦY SÌN HỒ
            Số 31-KH/HU
            KẾ HOẠCH
            Sơ kết giữa nhiệm kỳ
            Thực hiện chỉ đạo của Tỉnh ủy, Ban Thường vụ Huyện ủy ban hành kế hoạch như sau:
            I. TỔ CHỨC THỰC HIỆN
            Các đảng bộ xã gửi báo cáo về Huyện ủy trước ngày 20/6/2023.
            """;
        var plan = PlanImporter.Extract(text);
        Assert.Equal("Huyện ủy Sìn Hồ", plan.Organisation?.Value);
        Assert.Equal("Đảng bộ tỉnh Lai Châu", plan.ParentOrganisation?.Value);
        Assert.Equal("Ban Thường vụ Huyện ủy", plan.IssuingBody?.Value);
        Assert.Equal("31-KH/HU", plan.Number?.Code);
        Assert.Equal(("Các đảng bộ xã", "Huyện ủy"), (plan.Deadlines.Single().UnitGroup, plan.Deadlines.Single().Recipient));
    }

    [Fact]
    public void Cited_document_dates_and_cut_offs_are_not_deadlines()
    {
        const string text = """
            KẾ HOẠCH
            Sơ kết giữa nhiệm kỳ
            I. NỘI DUNG
            1. Đánh giá việc thực hiện Chỉ thị số 03-CT/TU ngày 15-11-2015 của Ban Thường vụ Tỉnh ủy và Quy định số 55-QĐ/TW ngày 19-12-2016 của Bộ Chính trị.
            2. Số liệu tính đến ngày 31/5/2024; thời điểm đánh giá từ ngày 01/01/2021 đến ngày 31/5/2024.
            II. TỔ CHỨC THỰC HIỆN
            Các đảng bộ cơ sở gửi báo cáo trước ngày 10/6/2024.
            """;
        var plan = PlanImporter.Extract(text);
        var deadline = Assert.Single(plan.Deadlines);
        Assert.Equal(("Các đảng bộ cơ sở", new DateOnly(2024, 6, 10)), (deadline.UnitGroup, deadline.Date!.Date));
        Assert.Equal(new DateOnly(2024, 5, 31), plan.DataCutOff?.Date);
        Assert.Equal("ngày 01/01/2021", plan.EvaluationPeriod?.StartText);
    }
}
