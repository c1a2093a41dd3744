namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// What the importer understood from a plan (kế hoạch), for an admin to confirm or correct before a
/// campaign exists. Every fact carries <c>Source</c>: the sentence or line it was read from, shown next
/// to the value on the confirmation card. Missing facts are null and named in <see cref="Warnings"/>.
/// Serialised by <see cref="PlanExtractionJson"/>; the shape is documented in docs/import-plan-json.md.
/// </summary>
public sealed record PlanExtraction
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Number and symbol, e.g. 125-KH/ThU.</summary>
    public DocumentNumber? Number { get; init; }

    /// <summary>The document type word in capitals under the letterhead: "KẾ HOẠCH", "HƯỚNG DẪN".</summary>
    public TextFact? DocumentType { get; init; }

    /// <summary>The body that issues the plan, as the preamble names it ("Ban Thường vụ Thành ủy").</summary>
    public TextFact? IssuingBody { get; init; }

    /// <summary>The committee in the letterhead ("Thành ủy Lai Châu").</summary>
    public TextFact? Organisation { get; init; }

    /// <summary>The line above it in the letterhead ("Đảng bộ tỉnh Lai Châu").</summary>
    public TextFact? ParentOrganisation { get; init; }

    public TextFact? Place { get; init; }

    public DateFact? IssuedOn { get; init; }

    public TextFact? Title { get; init; }

    public CampaignKindFact Kind { get; init; } = new(CampaignKind.Other, null, null);

    /// <summary>The higher-level plan this one implements ("Thực hiện Kế hoạch số 152-KH/TU ...").</summary>
    public RelatedDocument? BasedOn { get; init; }

    public EvaluationPeriod? EvaluationPeriod { get; init; }

    /// <summary>"Số liệu ... ước tính đến ngày 30/5/2023".</summary>
    public DateFact? DataCutOff { get; init; }

    /// <summary>Where subordinate units send their reports ("Ban Thường vụ Thành ủy", via "Văn phòng Thành ủy").</summary>
    public ReportDestination? ReportsTo { get; init; }

    /// <summary>In document order.</summary>
    public IReadOnlyList<Deadline> Deadlines { get; init; } = [];

    public IReadOnlyList<UnitGroup> UnitGroups { get; init; } = [];

    public PlanOutline Outline { get; init; } = PlanOutline.Empty;

    /// <summary>True when the plan gave a report outline, attached or in its content guidance.</summary>
    public bool HasOutline => Outline.Sections.Count > 0;

    /// <summary>
    /// True when the admin should be offered <see cref="ReferenceOutline"/>: the plan has no outline, or
    /// it refers to an attached one ("Theo đề cương gửi kèm") that is not in the file.
    /// </summary>
    public bool OfferReferenceOutline { get; init; }

    /// <summary>Vietnamese notes for the admin: what is missing or uncertain.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Why the importer is not sure of a value it filled in (a year taken from the title, a deadline counted from
/// another, a group read from the heading above), and the sentence it read it from. The confirmation card marks
/// the field and shows both; the admin confirms or corrects. Null on a fact means it was read as written.
/// </summary>
/// <param name="Reason">Vietnamese, for the card: what SoKet inferred and from what.</param>
/// <param name="Source">The line or sentence of the plan the inference rests on.</param>
public sealed record Unsure(string Reason, string Source);

/// <summary>A value read from the plan and the sentence it came from.</summary>
public sealed record TextFact(string Value, string Source)
{
    /// <summary>Set when the value was inferred rather than read as written.</summary>
    public Unsure? Unsure { get; init; }
}

/// <summary>A date read from the plan: the day it resolves to, how precisely it was written, the words as written.</summary>
public sealed record DateFact(DateOnly Date, DatePrecision Precision, string Text, string Source)
{
    /// <summary>The first day when the plan gives a range ("từ ngày 20 đến 25/6/2023", "trong quý II/2023"); <see cref="Date"/> is the last.</summary>
    public DateOnly? RangeStart { get; init; }

    /// <summary>
    /// Set when the day was not written out in full: a year taken from the title or the issue date, a month or
    /// quarter resolved to its last day, a deadline counted from another date of the plan.
    /// </summary>
    public Unsure? Unsure { get; init; }

    public static DateFact From(DateMention mention, string source) =>
        new(mention.Date, mention.Precision, mention.Text.Trim(), source) { RangeStart = mention.RangeStart };
}

/// <summary>"125-KH/ThU": number 125, symbol KH/ThU (KH = kế hoạch, ThU = Thành ủy).</summary>
public sealed record DocumentNumber(string Code, string Number, string Symbol, string Source);

public enum CampaignKind
{
    /// <summary>Sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội.</summary>
    MidTermCongressReview,

    /// <summary>Sơ kết / tổng kết a thematic resolution or directive, e.g. Nghị quyết 18-NQ/TW.</summary>
    ThematicResolutionReview,

    Other,
}

/// <param name="ReviewedDocument">For a thematic review, the resolution's code ("18-NQ/TW").</param>
public sealed record CampaignKindFact(CampaignKind Value, string? ReviewedDocument, string? Source);

/// <summary>A document the plan refers to by number.</summary>
public sealed record RelatedDocument(string Code, DateOnly? Date, string? Issuer, string Source);

/// <param name="StartText">As written, since it is rarely a date: "sau đại hội chi bộ, đảng bộ", "năm 2016".</param>
/// <param name="End">"đến tháng 6/2023" → 2023-06-30, month precision.</param>
/// <param name="FullYearEstimateYear">"dự ước thực hiện cả năm 2023" → 2023.</param>
public sealed record EvaluationPeriod(string? StartText, DateFact? End, int? FullYearEstimateYear, string Source);

public sealed record ReportDestination(string Recipient, string? Via, string Source);

/// <summary>What a deadline asks for.</summary>
public enum DueKind
{
    /// <summary>Send a report (gửi báo cáo).</summary>
    Report,

    /// <summary>Hold the review conference (tổ chức hội nghị sơ kết).</summary>
    Conference,

    /// <summary>Compile the units' reports (tổng hợp).</summary>
    Compilation,

    /// <summary>Send the draft to the leader in charge for comments (gửi dự thảo xin ý kiến).</summary>
    DraftForComment,

    Other,
}

/// <summary>Whether a deadline is a calendar date or relative to the unit's conference.</summary>
public enum DeadlineTiming
{
    OnDate,

    /// <summary>"Sau khi tổ chức hội nghị sơ kết, gửi về ...".</summary>
    AfterConference,

    /// <summary>A step that precedes the conference (the draft sent for comments).</summary>
    BeforeConference,
}

public sealed record Deadline
{
    /// <summary>"D1", "D2", ... in document order; unit groups refer to deadlines by it.</summary>
    public required string Id { get; init; }

    /// <summary>The unit group's canonical name (see <see cref="UnitGroup.Name"/>).</summary>
    public required string UnitGroup { get; init; }

    /// <summary>The group as the sentence names it ("các cơ quan, đơn vị nêu trên").</summary>
    public required string UnitGroupAsWritten { get; init; }

    /// <summary>
    /// Set when the group was not named in the deadline's own sentence or item but read from the heading above
    /// it ("2.1. Đối với các chi bộ, đảng bộ cơ sở") or from a merged cell of a table.
    /// </summary>
    public Unsure? UnitGroupUnsure { get; init; }

    /// <summary>The issuing committee's own task (its conference, its office's compilation), not a subordinate's.</summary>
    public bool IsIssuerTask { get; init; }

    public DueKind Due { get; init; }

    /// <summary>Set when what is due was read from an enclosing heading rather than the deadline's own item ("Thời gian hoàn thành: ...").</summary>
    public Unsure? DueUnsure { get; init; }

    public DeadlineTiming Timing { get; init; }

    /// <summary>Null for a deadline relative to the conference.</summary>
    public DateFact? Date { get; init; }

    public DateQualifier Qualifier { get; init; }

    /// <summary>"chậm nhất 5 ngày sau hội nghị" → 5; "sau 10 ngày kể từ hạn gửi báo cáo" → 10 (the date is then counted, and unsure).</summary>
    public int? OffsetDays { get; init; }

    /// <summary>Who receives it ("Ban Thường vụ Thành ủy").</summary>
    public string? Recipient { get; init; }

    /// <summary>Through whom ("Văn phòng Thành ủy").</summary>
    public string? Via { get; init; }

    /// <summary>The clause that states what is due.</summary>
    public required string What { get; init; }

    /// <summary>The numbered items enclosing the sentence, e.g. "II. › 2. › 2.1.".</summary>
    public string? Location { get; init; }

    public required string Source { get; init; }
}

/// <summary>A kind of subordinate unit (đối tượng) that shares deadlines.</summary>
/// <param name="Aliases">Other names the plan uses for the same group.</param>
public sealed record UnitGroup(string Name, IReadOnlyList<string> Aliases, bool IsIssuer, IReadOnlyList<string> DeadlineIds, string Source);

public enum OutlineOrigin
{
    /// <summary>An attached "ĐỀ CƯƠNG BÁO CÁO".</summary>
    AttachedOutline,

    /// <summary>Built from the plan's content guidance (mục "Nội dung").</summary>
    ContentGuidance,

    /// <summary>SoKet's built-in reference outline.</summary>
    Reference,

    None,
}

public sealed record PlanOutline
{
    public static PlanOutline Empty { get; } = new();

    public OutlineOrigin Origin { get; init; } = OutlineOrigin.None;

    /// <summary>"ĐỀ CƯƠNG BÁO CÁO sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội".</summary>
    public string? Title { get; init; }

    /// <summary>
    /// The plan says reports follow an outline ("Theo đề cương báo cáo gửi kèm", "theo Đề cương hướng dẫn số
    /// 12-HD/BTCTW") but the file does not contain it.
    /// </summary>
    public bool AttachedOutlineMissing { get; init; }

    /// <summary>The sentence saying reports follow an outline, attached or published elsewhere; null when the plan says none.</summary>
    public string? OutlineReference { get; init; }

    public IReadOnlyList<OutlineSection> Sections { get; init; } = [];

    /// <summary>The line that announced the outline or referred to it.</summary>
    public string? Source { get; init; }

    public IEnumerable<OutlineSection> AllSections() => Sections.SelectMany(s => s.SelfAndDescendants());
}

public enum SectionKind
{
    FreeText,

    /// <summary>The appendix comparing results with the resolution's targets (phụ lục chỉ tiêu).</summary>
    IndicatorTable,

    /// <summary>The leadership self-review (kiểm điểm sự lãnh đạo, chỉ đạo).</summary>
    LeadershipSelfReview,
}

public sealed record OutlineSection
{
    /// <summary>Position in the tree ("1", "1.2", "1.2.3"): unique even when the plan repeats a label, as Hà Tĩnh's "2.1." does.</summary>
    public required string Id { get; init; }

    /// <summary>As written: "Phần 1", "A.", "I.", "2.1.", "-".</summary>
    public required string NumberLabel { get; init; }

    /// <summary>Depth in the tree, 1 for the top.</summary>
    public int Level { get; init; }

    public required string Heading { get; init; }

    /// <summary>The plan's guidance for the section, if any.</summary>
    public string? Guidance { get; init; }

    public SectionKind Kind { get; init; }

    /// <summary>Shortcomings, causes, lessons, overall assessment: where AI drafting is offered.</summary>
    public bool IsEvaluative { get; init; }

    /// <summary>Not a heading of the plan but derived from a sentence (the appendix named in a note).</summary>
    public bool IsInferred { get; init; }

    public SectionCondition? Condition { get; init; }

    /// <summary>Only some units write this section, or write it elsewhere (see <see cref="Condition"/>).</summary>
    public bool IsConditional => Condition is not null;

    public required string Source { get; init; }

    public IReadOnlyList<OutlineSection> Children { get; init; } = [];

    public IEnumerable<OutlineSection> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

public enum ConditionKind
{
    /// <summary>A chi bộ without a chi ủy writes the self-review differently.</summary>
    UnitWithoutCommittee,
}

/// <param name="AppliesTo">"các chi bộ không có Chi uỷ".</param>
/// <param name="Instruction">What such units do instead.</param>
/// <param name="TargetPart">Where the section goes instead ("Phần II"), when the plan says.</param>
public sealed record SectionCondition(ConditionKind Kind, string AppliesTo, string Instruction, string? TargetPart, string Source);
