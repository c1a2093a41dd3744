namespace SoKet.Bot.Reports;

/// <summary>NotStarted → Drafting → InReview → (Returned → Drafting) → Submitted.</summary>
public enum ReportStatus { NotStarted, Drafting, InReview, Returned, Submitted }

/// <summary>One unit's report in one campaign. Belongs to the unit, not to a conversation.</summary>
public sealed class Report
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid UnitId { get; set; }
    public ReportStatus Status { get; set; }

    /// <summary>Where the unit's drafters left off, so any member on any device resumes there.</summary>
    public Guid? LastSectionId { get; set; }
    public DateTime? SubmittedAtUtc { get; set; }
    public Guid? SubmittedByPersonId { get; set; }
    public string? SubmittedByName { get; set; }
    public bool? SubmittedLate { get; set; }

    /// <summary>Optimistic concurrency for status changes (submit, send for review).</summary>
    public int Version { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public List<SectionDraft> Sections { get; set; } = [];
    public List<IndicatorRow> Indicators { get; set; } = [];
}

/// <summary>Where a section's text came from. Imported: the unit's own draft (a Word file or pasted text), split into sections.</summary>
public enum DraftSource { Typed, AiAccepted, AiEdited, Template, Imported }

/// <summary>The current text of one outline section of a report; every change also writes a <see cref="SectionRevision"/>.</summary>
public sealed class SectionDraft
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public Guid SectionId { get; set; }
    public string Text { get; set; } = "";
    public DraftSource Source { get; set; }

    /// <summary>Incremented on every save; a save based on an older version is refused (two members editing at once).</summary>
    public int Version { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public Guid? UpdatedByPersonId { get; set; }
    public string? UpdatedByName { get; set; }

    /// <summary>An AI suggestion waiting to be accepted, edited or discarded; never part of the report until accepted.</summary>
    public string? PendingSuggestion { get; set; }
    public DateTime? PendingSuggestionAtUtc { get; set; }
}

public sealed class SectionRevision
{
    public long Id { get; set; }
    public Guid DraftId { get; set; }
    public int Version { get; set; }
    public string Text { get; set; } = "";
    public DraftSource Source { get; set; }
    public Guid? AuthorPersonId { get; set; }
    public string? AuthorName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A row of the appendix comparing results with the resolution's targets (phụ lục chỉ tiêu).</summary>
public sealed class IndicatorRow
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public string? UnitOfMeasure { get; set; }
    public decimal? Target { get; set; }
    public decimal? Result { get; set; }
    public decimal? FullYearEstimate { get; set; }

    /// <summary>True when a lower value is better (e.g. "tỷ lệ hộ nghèo"): achievement is then judged the other way round.</summary>
    public bool LowerIsBetter { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedByName { get; set; }
}

/// <summary>A leader's comment on a draft, optionally on one section.</summary>
public sealed class ReviewComment
{
    public Guid Id { get; set; }
    public Guid ReportId { get; set; }
    public Guid? SectionId { get; set; }
    public Guid? AuthorPersonId { get; set; }
    public string? AuthorName { get; set; }
    public string Text { get; set; } = "";
    public int Round { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
