using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Kế hoạch 150-KH/TU of the Hà Tĩnh provincial standing committee, with its attached ĐỀ CƯƠNG BÁO CÁO
/// (the reference outline). Expected values written by hand from the plan's text.
/// </summary>
public sealed class HaTinhPlanImportTests
{
    private static readonly PlanExtraction Plan = SeedPlans.Import(SeedPlans.HaTinh);

    [Fact]
    public void Reads_the_letterhead_with_a_spaced_number()
    {
        Assert.Equal("150-KH/TU", Plan.Number?.Code);
        Assert.Equal("Số 150 - KH/TU", Plan.Number?.Source);
        Assert.Equal("Hà Tĩnh", Plan.Place?.Value);
        Assert.Equal(new DateOnly(2023, 2, 27), Plan.IssuedOn?.Date);
        Assert.Equal("Hà Tĩnh, ngày 27 tháng 02 năm 2023", Plan.IssuedOn?.Source);

        // The file has no organisation line in its letterhead; the preamble names the issuer.
        Assert.Null(Plan.Organisation);
        Assert.Equal("Ban Thường vụ Tỉnh ủy", Plan.IssuingBody?.Value);
        Assert.Null(Plan.BasedOn);
    }

    [Fact]
    public void Reads_a_title_glued_to_the_document_type_by_bold_markers()
    {
        // "KẾ HOẠCH**Sơ kết ...**": the markers stood where a paragraph break was lost.
        Assert.Equal(
            "Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX và nghị quyết đại hội các đảng bộ trực thuộc nhiệm kỳ 2020 - 2025",
            Plan.Title?.Value);
        Assert.Equal(CampaignKind.MidTermCongressReview, Plan.Kind.Value);
    }

    [Fact]
    public void Reads_the_bold_data_cut_off()
    {
        Assert.Equal(new DateOnly(2023, 5, 30), Plan.DataCutOff?.Date);
        Assert.Equal(DatePrecision.Day, Plan.DataCutOff?.Precision);
        Assert.Equal("Về mốc thời gian: Số liệu đánh giá ước tính đến ngày 30/5/2023; so sánh với mục tiêu, chỉ tiêu đề ra đến hết nhiệm kỳ Đại hội.", Plan.DataCutOff?.Source);
        Assert.Null(Plan.EvaluationPeriod);
    }

    [Fact]
    public void Finds_every_deadline_and_resolves_the_units_named_above()
    {
        // "Báo cáo của các cơ quan, đơn vị nêu trên gửi về Ban Thường vụ Tỉnh ủy trước ngày 10/6/2023" refers
        // to III.2 and III.3 (III.1 supervises, III.4 compiles); then the office compiles by 30/6/2023.
        var expected = new (string Group, DueKind Due, DateOnly? Date)[]
        {
            ("Ban cán sự đảng Ủy ban nhân dân tỉnh, các ban Đảng, Ủy ban Kiểm tra, Văn phòng Tỉnh ủy", DueKind.Report, new DateOnly(2023, 6, 10)),
            ("Các đảng bộ trực thuộc", DueKind.Report, new DateOnly(2023, 6, 10)),
            ("Văn phòng Tỉnh ủy", DueKind.Compilation, new DateOnly(2023, 6, 30)),
        };
        Assert.Equal(expected, Plan.Deadlines.Select(d => (d.UnitGroup, d.Due, d.Date?.Date)).ToArray());

        Assert.All(Plan.Deadlines.Take(2), d =>
        {
            Assert.Equal("các cơ quan, đơn vị nêu trên", d.UnitGroupAsWritten);
            Assert.Equal("Ban Thường vụ Tỉnh ủy", d.Recipient);
            Assert.False(d.IsIssuerTask);
        });

        var compilation = Plan.Deadlines[2];
        Assert.True(compilation.IsIssuerTask);
        Assert.Equal(
            "Báo cáo của các cơ quan, đơn vị nêu trên gửi về Ban Thường vụ Tỉnh ủy trước ngày 10/6/2023; Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy trước ngày 30/6/2023.",
            compilation.Source);
        Assert.Equal("Ban Thường vụ Tỉnh ủy", Plan.ReportsTo?.Recipient);
        Assert.Null(Plan.ReportsTo?.Via);
    }

    [Fact]
    public void Reads_the_whole_attached_outline()
    {
        Assert.Equal(OutlineOrigin.AttachedOutline, Plan.Outline.Origin);
        Assert.Equal("ĐỀ CƯƠNG BÁO CÁO sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội", Plan.Outline.Title);
        Assert.False(Plan.Outline.AttachedOutlineMissing);
        Assert.False(Plan.OfferReferenceOutline);
        Assert.Empty(Plan.Warnings);

        var expected = new (string Label, int Level, string Heading)[]
        {
            ("Phần 1", 1, "ĐÁNH GIÁ KẾT QUẢ GIỮA NHIỆM KỲ THỰC HIỆN NGHỊ QUYẾT"),
            ("A.", 2, "KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH"),
            ("B.", 2, "KẾT QUẢ ĐẠT ĐƯỢC"),
            ("I.", 3, "Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị"),
            ("II.", 3, "Lãnh đạo phát triển kinh tế - xã hội"),
            ("III.", 3, "Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại"),
            ("IV.", 3, "Đánh giá việc thực hiện các nhiệm vụ trọng tâm, chương trình trọng điểm, đột phá chiến lược"),
            ("C.", 2, "HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM"),
            ("I.", 3, "Hạn chế, khuyết điểm"),
            ("1.", 4, "Về công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị"),
            ("2.", 4, "Về phát triển kinh tế - xã hội"),
            ("3.", 4, "Về đảm bảo quốc phòng - an ninh, đối ngoại"),
            ("II.", 3, "Nguyên nhân"),
            ("1.", 4, "Nguyên nhân của những kết quả"),
            ("2.1.", 5, "Nguyên nhân khách quan"),
            ("2.2.", 5, "Nguyên nhân chủ quan"),
            ("2.", 4, "Nguyên nhân của những khuyết điểm, yếu kém"),
            ("2.1.", 5, "Nguyên nhân khách quan"),
            ("2.2.", 5, "Nguyên nhân chủ quan"),
            ("III.", 3, "BÀI HỌC KINH NGHIỆM"),
            ("Phần 2", 1, "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI"),
            ("I.", 2, "Dự kiến bối cảnh, tình hình"),
            ("II.", 2, "Bổ sung nhiệm vụ, giải pháp chủ yếu"),
            ("1.", 3, "Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị"),
            ("2.", 3, "Lãnh đạo phát triển kinh tế - xã hội"),
            ("3.", 3, "Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại"),
            ("", 1, "Phụ lục so sánh kết quả thực hiện và mục tiêu các chỉ tiêu đại hội đề ra"),
        };

        Assert.Equal(expected, Plan.Outline.AllSections().Select(s => (s.NumberLabel, s.Level, s.Heading)).ToArray());
    }

    [Fact]
    public void Keeps_guidance_kinds_and_evaluative_flags_in_the_outline()
    {
        var sections = Plan.Outline.AllSections().ToList();
        Assert.Equal("(.../2020 - .../2023)", sections[0].Guidance);
        Assert.Equal("(Đánh giá rõ kết quả thực hiện các chỉ tiêu nghị quyết đại hội đề ra)", sections.Single(s => s.Heading == "Hạn chế, khuyết điểm").Guidance);

        // The ĐỀ CƯƠNG repeats "2.1." under "1." and "2."; ids stay unique.
        Assert.Equal(sections.Count, sections.Select(s => s.Id).Distinct().Count());

        var evaluative = sections.Where(s => s.IsEvaluative).Select(s => s.Heading).ToList();
        Assert.Equal(
            [
                "HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM",
                "Hạn chế, khuyết điểm",
                "Về công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị",
                "Về phát triển kinh tế - xã hội",
                "Về đảm bảo quốc phòng - an ninh, đối ngoại",
                "Nguyên nhân",
                "Nguyên nhân của những kết quả",
                "Nguyên nhân khách quan",
                "Nguyên nhân chủ quan",
                "Nguyên nhân của những khuyết điểm, yếu kém",
                "Nguyên nhân khách quan",
                "Nguyên nhân chủ quan",
                "BÀI HỌC KINH NGHIỆM",
            ],
            evaluative);

        var appendix = sections[^1];
        Assert.Equal(SectionKind.IndicatorTable, appendix.Kind);
        Assert.True(appendix.IsInferred);
        Assert.Equal("Lưu ý: Có phụ lục so sánh kết quả thực hiện và mục tiêu các chỉ tiêu đại hội đề ra.", appendix.Source);
        Assert.All(sections.SkipLast(1), s => Assert.Equal(SectionKind.FreeText, s.Kind));
        Assert.All(sections, s => Assert.Null(s.Condition));
    }
}
