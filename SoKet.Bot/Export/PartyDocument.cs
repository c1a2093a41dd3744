namespace SoKet.Bot.Export;

/// <summary>
/// A Party document (văn bản của Đảng) as laid out by Hướng dẫn 36-HD/VPTW: the letterhead, the
/// document type and title, the body sections, and the closing block (Nơi nhận, signature).
/// Plain data with no storage dependency, so any feature can build one.
/// </summary>
public sealed record PartyDocument
{
    /// <summary>The body directly above the issuer, in capitals, e.g. "ĐẢNG BỘ TỈNH LAI CHÂU". Optional.</summary>
    public string SuperiorBody { get; init; } = "";

    /// <summary>The issuing body, e.g. "THÀNH ỦY LAI CHÂU" or "CHI BỘ TRƯỜNG THCS SAN THÀNG".</summary>
    public required string IssuingBody { get; init; }

    /// <summary>Number and symbol, e.g. "125-KH/ThU" or "-BC/ĐU" while the number is not yet assigned; "Số " is added when missing.</summary>
    public required string NumberAndSymbol { get; init; }

    /// <summary>Place name for the date line, e.g. "Lai Châu".</summary>
    public required string Place { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>Document type in capitals, e.g. "BÁO CÁO".</summary>
    public string DocumentType { get; init; } = "BÁO CÁO";

    /// <summary>The title (trích yếu), e.g. "sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội…"; may span lines with '\n'.</summary>
    public required string Title { get; init; }

    public IReadOnlyList<DocumentSection> Sections { get; init; } = [];

    /// <summary>Recipients listed under "Nơi nhận:", e.g. "Ban Thường vụ Thành ủy (b/c),"; a leading "- " is added when missing.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>"T/M CHI ỦY", "T/M BAN THƯỜNG VỤ", "T/M ĐẢNG ỦY"… Empty when the signer signs in their own name.</summary>
    public string SignatureOnBehalfOf { get; init; } = "";

    /// <summary>"BÍ THƯ", "PHÓ BÍ THƯ"…</summary>
    public required string SignerPosition { get; init; }

    public string SignerName { get; init; } = "";
}

/// <summary>One heading of the body with what is written under it.</summary>
/// <param name="Label">The numbering as written in the outline ("Phần 1", "A.", "II.", "2.1."); may be empty.</param>
/// <param name="Heading">The heading text as written in the outline.</param>
/// <param name="Level">1 = a part (Phần), centred; 2, 3, … = ever smaller headings.</param>
public sealed record DocumentSection(string Label, string Heading, int Level)
{
    public SectionKind Kind { get; init; } = SectionKind.Outline;

    /// <summary>Body paragraphs; an entry holding line breaks becomes several paragraphs.</summary>
    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    /// <summary>A suggested synthesis written by someone else (AI or an officer), shown marked as needing review.</summary>
    public string? Suggestion { get; init; }

    public IndicatorTable? IndicatorTable { get; init; }

    /// <summary>Notes in italics after the table or paragraphs (e.g. how totals were computed).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public enum SectionKind
{
    /// <summary>A heading of the outline (đề cương).</summary>
    Outline,

    /// <summary>A unit's contribution under an outline heading in a consolidated report: the unit's name as a run-in heading.</summary>
    UnitContribution,

    /// <summary>A part after the body (phụ lục), centred in capitals.</summary>
    Appendix,
}

/// <summary>The table comparing results with the resolution's targets (phụ lục so sánh kết quả thực hiện với chỉ tiêu nghị quyết).</summary>
public sealed record IndicatorTable(IReadOnlyList<IndicatorRow> Rows)
{
    /// <summary>An optional caption above the table, e.g. the unit's name.</summary>
    public string? Caption { get; init; }
}

/// <summary>One indicator (chỉ tiêu). Numbers are optional: a unit may not have a full-year estimate yet.</summary>
public sealed record IndicatorRow(string Name, string UnitOfMeasure)
{
    /// <summary>The resolution's target (chỉ tiêu nghị quyết).</summary>
    public decimal? Target { get; init; }

    /// <summary>Result so far (kết quả thực hiện).</summary>
    public decimal? Result { get; init; }

    /// <summary>Full-year estimate (ước cả năm).</summary>
    public decimal? Estimate { get; init; }

    /// <summary>Achievement in percent of the target (tỷ lệ %).</summary>
    public decimal? AchievementPercent { get; init; }

    /// <summary>"Đạt", "Vượt", "Không đạt"… as the unit assessed it.</summary>
    public string Verdict { get; init; } = "";

    /// <summary>The unit marked the row lower-is-better (tỷ lệ hộ nghèo): achievement is target ÷ result.</summary>
    public bool LowerIsBetter { get; init; }
}
