using SoKet.Bot.Campaigns.Import;
namespace SoKet.Bot.Tracking.DeadlineQuestions;

/// <summary>What a plan says about the campaign as a whole, as confirmed by the office when it loaded the plan.</summary>
public sealed record CampaignFacts
{
    /// <summary>"125-KH/ThU"; empty when the plan carries no number.</summary>
    public required string Code { get; init; }

    public required string Title { get; init; }

    /// <summary>The day the figures are counted to ("ước tính đến ngày 30/5/2023"), when the plan gives one.</summary>
    public DateOnly? DataCutOff { get; init; }

    /// <summary>The plan's sentence about the data cut-off or the evaluation period, quoted in answers.</summary>
    public string? DataCutOffSource { get; init; }

    /// <summary>Where reports go by default ("Ban Thường vụ Thành ủy"), for groups whose deadlines name no recipient.</summary>
    public required string ReportsTo { get; init; }

    /// <summary>The office that receives them ("Văn phòng Thành ủy").</summary>
    public string? ReportsVia { get; init; }

    public string? ReportsToSource { get; init; }

    /// <summary>"từ sau đại hội chi bộ, đảng bộ đến tháng 6/2023; dự ước thực hiện cả năm 2023".</summary>
    public string? EvaluationPeriod { get; init; }
}

/// <summary>One kind of unit (đối tượng) in a campaign and what the plan asks of it.</summary>
public sealed record UnitGroupFacts
{
    /// <summary>"Chi bộ, đảng bộ cơ sở".</summary>
    public required string GroupName { get; init; }

    public required IReadOnlyList<GroupDeadline> Deadlines { get; init; }
}

/// <summary>One thing a group must do by a time the plan sets.</summary>
public sealed record GroupDeadline
{
    public required DueKind Due { get; init; }

    public DeadlineTiming Timing { get; init; } = DeadlineTiming.OnDate;

    /// <summary>The date; for <see cref="DeadlineTiming.AfterConference"/> it is an outer limit when the plan gives one.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The plan gives only a month ("trong tháng 6-2018"); <see cref="Date"/> is any day of it.</summary>
    public bool MonthOnly { get; init; }

    /// <summary>Days after (or before) the conference, for conference-relative deadlines that give a number; null means "right after".</summary>
    public int? OffsetDays { get; init; }

    /// <summary>What is due, as a noun phrase: "báo cáo kết quả sơ kết giữa nhiệm kỳ".</summary>
    public required string What { get; init; }

    public string? Recipient { get; init; }

    public string? Via { get; init; }

    /// <summary>The plan's sentence that sets this deadline, quoted word for word.</summary>
    public string? Source { get; init; }
}

/// <summary>
/// A composed answer: <see cref="Lines"/> are the short answer (one line per deadline), <see cref="Basis"/> the
/// plan and group it comes from, <see cref="Quotes"/> the plan's own sentences, shown apart («Trích kế hoạch»).
/// </summary>
public sealed record DeadlineAnswer(IReadOnlyList<string> Lines, string? Basis = null, IReadOnlyList<string>? Quotes = null)
{
    public IReadOnlyList<string> Quotations => Quotes ?? [];

    /// <summary>The short answer, one line per deadline.</summary>
    public string Body => string.Join("\n", Lines);

    /// <summary>The plan's sentences, one a line; null when the answer quotes nothing.</summary>
    public string? QuotedSource => Quotations.Count == 0 ? null : string.Join("\n", Quotations);

    /// <summary>The whole answer as text: the short answer, its basis, then the quotations.</summary>
    public string Text => string.Join("\n", Lines.Concat(Basis is null ? [] : [Basis]).Concat(Quotations.Select(q => $"Trích kế hoạch: «{q}»")));
}
