using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Kế hoạch 125-KH/ThU of the Lai Châu city committee. Every expected value below was written by hand
/// from the plan's text, not copied from the importer's output.
/// </summary>
public sealed class LaiChauPlanImportTests
{
    private static readonly PlanExtraction Plan = SeedPlans.Import(SeedPlans.LaiChau);

    [Fact]
    public void Reads_the_letterhead()
    {
        Assert.Equal("125-KH/ThU", Plan.Number?.Code);
        Assert.Equal("125", Plan.Number?.Number);
        Assert.Equal("KH/ThU", Plan.Number?.Symbol);
        Assert.Equal("Số 125-KH/ThU", Plan.Number?.Source);

        Assert.Equal("Thành ủy Lai Châu", Plan.Organisation?.Value);
        Assert.Equal("THÀNH ỦY LAI CHÂU", Plan.Organisation?.Source);
        Assert.Equal("Đảng bộ tỉnh Lai Châu", Plan.ParentOrganisation?.Value);

        Assert.Equal("TP. Lai Châu", Plan.Place?.Value);
        Assert.Equal(new DateOnly(2023, 3, 21), Plan.IssuedOn?.Date);
        Assert.Equal(DatePrecision.Day, Plan.IssuedOn?.Precision);
        Assert.Equal("TP. Lai Châu, ngày 21 tháng 3 năm 2023", Plan.IssuedOn?.Source);
        Assert.Equal("KẾ HOẠCH", Plan.DocumentType?.Value);
    }

    [Fact]
    public void Reads_title_kind_issuer_and_the_plan_it_implements()
    {
        Assert.Equal(
            "Sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội đảng bộ các cấp, Nghị quyết Đại hội Đảng bộ thành phố lần thứ IV, nhiệm kỳ 2020 - 2025",
            Plan.Title?.Value);
        Assert.Equal(CampaignKind.MidTermCongressReview, Plan.Kind.Value);

        Assert.Equal("Ban Thường vụ Thành ủy", Plan.IssuingBody?.Value);
        Assert.StartsWith("Thực hiện Kế hoạch số 152-KH/TU", Plan.IssuingBody?.Source, StringComparison.Ordinal);

        // The preamble cites the province's plan: its number must not be taken for this plan's own.
        Assert.Equal("152-KH/TU", Plan.BasedOn?.Code);
        Assert.Equal(new DateOnly(2023, 2, 27), Plan.BasedOn?.Date);
        Assert.Equal("Ban Thường vụ Tỉnh ủy Lai Châu", Plan.BasedOn?.Issuer);
    }

    [Fact]
    public void Reads_the_evaluation_period_and_where_reports_go()
    {
        var period = Plan.EvaluationPeriod;
        Assert.NotNull(period);
        Assert.Equal("sau đại hội chi bộ, đảng bộ", period.StartText);
        Assert.Equal(new DateOnly(2023, 6, 30), period.End?.Date);
        Assert.Equal(DatePrecision.Month, period.End?.Precision);
        Assert.Equal(2023, period.FullYearEstimateYear);
        Assert.Contains("Thời điểm đánh giá: Từ sau đại hội chi bộ, đảng bộ đến tháng 6/2023; dự ước thực hiện cả năm 2023.", period.Source, StringComparison.Ordinal);
        Assert.Null(Plan.DataCutOff);

        Assert.Equal("Ban Thường vụ Thành ủy", Plan.ReportsTo?.Recipient);
        Assert.Equal("Văn phòng Thành ủy", Plan.ReportsTo?.Via);
    }

    [Fact]
    public void Finds_every_deadline_with_its_group_and_what_is_due()
    {
        // II.2.1: grassroots hold the conference and send the report by 30/6/2023.
        // II.2.2: the city committee's own conference by 30/7/2023.
        // III.2, III.3, III.4: HĐND standing board, UBND, Party boards + Fatherland Front report by 25/6/2023.
        // III.7: grassroots send the draft to the leader in charge for comments before the conference (no date).
        var expected = new (string Group, DueKind Due, DateOnly? Date)[]
        {
            ("Cấp cơ sở", DueKind.Conference, new DateOnly(2023, 6, 30)),
            ("Cấp cơ sở", DueKind.Report, new DateOnly(2023, 6, 30)),
            ("Thành ủy Lai Châu", DueKind.Conference, new DateOnly(2023, 7, 30)),
            ("Thường trực HĐND thành phố", DueKind.Report, new DateOnly(2023, 6, 25)),
            ("UBND thành phố", DueKind.Report, new DateOnly(2023, 6, 25)),
            ("Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố", DueKind.Report, new DateOnly(2023, 6, 25)),
            ("Cấp cơ sở", DueKind.DraftForComment, null),
        };

        Assert.Equal(expected, Plan.Deadlines.Select(d => (d.UnitGroup, d.Due, d.Date?.Date)).ToArray());
        Assert.All(Plan.Deadlines.Where(d => d.Date is not null), d => Assert.Equal(DateQualifier.Before, d.Qualifier));
        Assert.All(Plan.Deadlines.Where(d => d.Date is not null), d => Assert.Equal(DatePrecision.Day, d.Date!.Precision));
    }

    [Fact]
    public void Keeps_the_source_sentence_and_place_of_each_deadline()
    {
        var grassroots = Plan.Deadlines.For("Cấp cơ sở", DueKind.Report);
        Assert.StartsWith("2.1. Cấp cơ sở: Cấp ủy, các chi bộ, đảng bộ cơ sở chuẩn bị dự thảo báo cáo", grassroots.Source, StringComparison.Ordinal);
        Assert.EndsWith("trước ngày 30/6/2023.", grassroots.Source, StringComparison.Ordinal);
        Assert.Equal("II. › 2. › 2.1.", grassroots.Location);
        Assert.Equal("Ban Thường vụ Thành ủy", grassroots.Recipient);
        Assert.Equal("Văn phòng Thành ủy", grassroots.Via);
        Assert.Equal("ngày 30/6/2023", grassroots.Date?.Text);

        var ubnd = Plan.Deadlines.For("UBND thành phố", DueKind.Report);
        Assert.StartsWith("3. UBND thành phố đánh giá tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội", ubnd.Source, StringComparison.Ordinal);
        Assert.Equal("III. › 3.", ubnd.Location);
        Assert.Equal("Thành ủy", ubnd.Recipient);

        var cityConference = Plan.Deadlines.For("Thành ủy Lai Châu", DueKind.Conference);
        Assert.Equal("2.2. Thành ủy Lai Châu: Tổ chức Hội nghị sơ kết giữa nhiệm kỳ gắn với sơ kết tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023; hoàn thành trước ngày 30/7/2023.", cityConference.Source);
        Assert.True(cityConference.IsIssuerTask);

        var draft = Plan.Deadlines.For("Cấp cơ sở", DueKind.DraftForComment);
        Assert.Equal(DeadlineTiming.BeforeConference, draft.Timing);
        Assert.Equal("Các chi bộ, đảng bộ cơ sở", draft.UnitGroupAsWritten);
        Assert.Equal("đồng chí Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành Đảng bộ thành phố phụ trách", draft.Recipient);
    }

    [Fact]
    public void Lists_unit_groups_with_their_deadlines()
    {
        Assert.Equal(
            [
                "Cấp cơ sở",
                "Thành ủy Lai Châu",
                "Thường trực HĐND thành phố",
                "UBND thành phố",
                "Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố",
            ],
            Plan.UnitGroups.Select(g => g.Name));

        var grassroots = Plan.UnitGroups[0];
        Assert.Contains("Các chi bộ, đảng bộ cơ sở", grassroots.Aliases);
        Assert.Equal(3, grassroots.DeadlineIds.Count);
        Assert.False(grassroots.IsIssuer);
        Assert.True(Plan.UnitGroups.Single(g => g.Name == "Thành ủy Lai Châu").IsIssuer);
    }

    [Fact]
    public void Builds_the_outline_from_the_content_guidance_since_the_attached_outline_is_missing()
    {
        // "(Theo đề cương báo cáo gửi kèm)" but the file holds no ĐỀ CƯƠNG: content guidance II.1 is used,
        // and the reference outline is offered.
        Assert.Equal(OutlineOrigin.ContentGuidance, Plan.Outline.Origin);
        Assert.True(Plan.Outline.AttachedOutlineMissing);
        Assert.True(Plan.HasOutline);
        Assert.True(Plan.OfferReferenceOutline);
        Assert.Contains(Plan.Warnings, w => w.Contains("đề cương gửi kèm", StringComparison.Ordinal));

        Assert.Equal(
            [
                "Đánh giá giữa nhiệm kỳ thực hiện nghị quyết đại hội chi bộ, đảng bộ cơ sở, nhiệm kỳ 2020 - 2025",
                "Kiểm điểm hoạt động của cấp ủy trong việc thực hiện quy chế làm việc",
            ],
            Plan.Outline.Sections.Headings());
        Assert.Equal(SectionKind.FreeText, Plan.Outline.Sections[0].Kind);
        Assert.Equal(SectionKind.LeadershipSelfReview, Plan.Outline.Sections[1].Kind);
        Assert.StartsWith("Đánh giá giữa nhiệm kỳ thực hiện nghị quyết đại hội chi bộ, đảng bộ cơ sở, nhiệm kỳ 2020 - 2025, gắn với", Plan.Outline.Sections[0].Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public void Marks_the_self_review_as_conditional_for_chi_bo_without_a_committee()
    {
        var selfReview = Plan.Outline.Sections[1];
        Assert.True(selfReview.IsConditional);
        var condition = selfReview.Condition!;
        Assert.Equal(ConditionKind.UnitWithoutCommittee, condition.Kind);
        Assert.Equal("các chi bộ không có Chi uỷ", condition.AppliesTo);
        Assert.Equal("Phần II", condition.TargetPart);
        Assert.Equal(
            "không xây dựng Báo cáo kiểm điểm riêng mà kiểm điểm sự lãnh đạo, chỉ đạo của đồng chí Bí thư, Phó Bí thư thành một mục tại Phần II trong Báo cáo sơ kết",
            condition.Instruction);
        Assert.Equal(
            "Đối với các chi bộ không có Chi uỷ thì không xây dựng Báo cáo kiểm điểm riêng mà kiểm điểm sự lãnh đạo, chỉ đạo của đồng chí Bí thư, Phó Bí thư thành một mục tại Phần II trong Báo cáo sơ kết.",
            condition.Source);
        Assert.False(Plan.Outline.Sections[0].IsConditional);
    }
}
