using SoKet.Bot.Campaigns.Import;

using SoKet.Bot.People;

namespace SoKet.Bot.Campaigns;

public enum CampaignStatus { Open, Closed }

/// <summary>
/// A sơ kết campaign, created from a plan (kế hoạch) once an admin confirmed what the importer read.
/// Dates are calendar dates in Asia/Ho_Chi_Minh stored as DateTime at midnight (EF Core 6 has no DateOnly mapping).
/// </summary>
public sealed class Campaign
{
    public Guid Id { get; set; }

    /// <summary>Number and symbol, e.g. "125-KH/ThU".</summary>
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string? DocumentType { get; set; }
    public string IssuingBody { get; set; } = "";

    /// <summary>The committee in the letterhead ("Thành ủy Lai Châu").</summary>
    public string? Organisation { get; set; }
    public string? ParentOrganisation { get; set; }
    public string? Place { get; set; }
    public DateTime? IssuedOn { get; set; }
    public CampaignKind Kind { get; set; }

    /// <summary>For a thematic review, the resolution reviewed ("18-NQ/TW").</summary>
    public string? ReviewedDocument { get; set; }
    public string? EvaluationPeriod { get; set; }
    public DateTime? EvaluationEnd { get; set; }
    public int? FullYearEstimateYear { get; set; }
    public DateTime? DataCutOff { get; set; }
    public string? DataCutOffSource { get; set; }

    /// <summary>Who receives the units' reports ("Ban Thường vụ Thành ủy") and through whom ("Văn phòng Thành ủy").</summary>
    public string? ReportsTo { get; set; }
    public string? ReportsVia { get; set; }
    public string? ReportsToSource { get; set; }
    public string? OutlineTitle { get; set; }
    public OutlineOrigin OutlineOrigin { get; set; }

    /// <summary>The plan's text as imported (normalised), kept so every fact can be traced back.</summary>
    public string SourceText { get; set; } = "";
    public string? SourceFileName { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.Open;
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";

    public List<CampaignGroup> Groups { get; set; } = [];
    public List<CampaignDeadline> Deadlines { get; set; } = [];
    public List<CampaignSection> Sections { get; set; } = [];
    public List<Unit> Units { get; set; } = [];
}

/// <summary>A kind of subordinate unit (đối tượng) sharing deadlines: "Cấp cơ sở", "HĐND, UBND thành phố, các ban Đảng, MTTQ".</summary>
public sealed class CampaignGroup
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Other names the plan uses for the group, separated by " | ".</summary>
    public string? Aliases { get; set; }

    /// <summary>The issuing committee itself (its own conference and compilation).</summary>
    public bool IsIssuer { get; set; }
    public int Order { get; set; }
    public string? Source { get; set; }
}

public sealed class CampaignDeadline
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }

    /// <summary>Null when the deadline is for everyone.</summary>
    public Guid? GroupId { get; set; }
    public DueKind Due { get; set; }
    public DeadlineTiming Timing { get; set; }
    public DateTime? Date { get; set; }
    public DatePrecision DatePrecision { get; set; }
    public DateQualifier Qualifier { get; set; }
    public int? OffsetDays { get; set; }
    public string? Recipient { get; set; }
    public string? Via { get; set; }
    public string What { get; set; } = "";
    public bool IsIssuerTask { get; set; }
    public int Order { get; set; }
    public string Source { get; set; } = "";
}

/// <summary>One heading of the report outline (đề cương), in reading order.</summary>
public sealed class CampaignSection
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid? ParentId { get; set; }

    /// <summary>Reading order across the whole outline.</summary>
    public int Order { get; set; }

    /// <summary>Position in the tree ("1.2.3"), unique within the campaign.</summary>
    public string Path { get; set; } = "";
    public string NumberLabel { get; set; } = "";
    public int Level { get; set; }
    public string Heading { get; set; } = "";
    public string? Guidance { get; set; }
    public SectionKind Kind { get; set; }
    public bool IsEvaluative { get; set; }
    public ConditionKind? Condition { get; set; }
    public string? ConditionInstruction { get; set; }
    public string? ConditionTargetPart { get; set; }
    public string? Source { get; set; }
}

/// <summary>A subordinate unit (chi bộ, đảng bộ cơ sở, ban, cơ quan) that reports in a campaign.</summary>
public sealed class Unit
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public string Name { get; set; } = "";
    public Guid GroupId { get; set; }

    /// <summary>Has a chi ủy (committee); decides whether the self-review is a separate report or a section (125-KH/ThU, II.1).</summary>
    public bool HasCommittee { get; set; }
    public Guid? LeaderPersonId { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public List<UnitMember> Members { get; set; } = [];
}

public enum MemberRole { Drafter, Secretary }

public sealed class UnitMember
{
    public Guid UnitId { get; set; }
    public Guid PersonId { get; set; }
    public MemberRole Role { get; set; }
    public Person? Person { get; set; }
}


public enum PendingImportStatus { Pending, Confirmed, Discarded }

/// <summary>
/// A plan the bot has read and shown on a confirmation card, waiting for the admin. Nothing becomes
/// a campaign until it is confirmed; confirming twice (a double-click) creates one campaign.
/// </summary>
public sealed class PendingPlanImport
{
    public Guid Id { get; set; }
    public Guid? CreatedByPersonId { get; set; }
    public string CreatedByName { get; set; } = "";
    public string FileName { get; set; } = "";
    public string SourceText { get; set; } = "";

    /// <summary>The importer's output (PlanExtractionJson), so the card can be re-shown and the campaign built as read.</summary>
    public string ExtractionJson { get; set; } = "";
    public PendingImportStatus Status { get; set; }
    public Guid? CampaignId { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ResolvedAtUtc { get; set; }
}
