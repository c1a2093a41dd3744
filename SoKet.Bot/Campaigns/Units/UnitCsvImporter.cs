using SoKet.Bot.Data;

namespace SoKet.Bot.Campaigns.Units;

/// <summary>
/// Loads a campaign's units from a CSV list, in two steps so chat can show a preview in between:
/// <see cref="Parse(byte[], Campaign, string?)"/> validates the whole file against the campaign and
/// either returns every row or only problems (in Vietnamese, with line numbers); <see cref="ApplyAsync(SoKetDbContext, Guid, IReadOnlyList{UnitCsvRow}, string, CancellationToken)"/>
/// then upserts the rows by unit name in one transaction.
/// <para>
/// Columns, found by header in any order (Vietnamese with or without diacritics, or English): “Tên đơn vị”
/// (name, required), “Nhóm”/“Đối tượng” (group, required: one of the plan's unit groups), “Có chi ủy”
/// (has_committee: có/không, x, yes/no, 1/0, true/false; default không), “Lãnh đạo phụ trách” (leader:
/// one e-mail, optionally “Tên &lt;email&gt;”), “Thành viên” (members: e-mails separated by ; , or line
/// breaks; they draft the report) and “Bí thư” (secretary: one e-mail, who also approves). Comma,
/// semicolon (Vietnamese Excel) or tab separated; UTF-8 with or without BOM, or UTF-16 with a BOM.
/// </para>
/// </summary>
public static class UnitCsvImporter
{
    /// <summary>10 MB: 20,000 units with their members fit comfortably.</summary>
    public const long MaxBytes = 10L * 1024 * 1024;

    public const int MaxRows = 20_000;

    /// <summary>The longest unit name the store keeps.</summary>
    public const int MaxNameLength = 300;

    /// <summary>Reads an upload of unknown size; only <see cref="MaxBytes"/> + 1 bytes are ever buffered.</summary>
    public static UnitCsvParseResult Parse(Stream content, Campaign campaign, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var label = UnitCsvText.Label(fileName);
        if (content.CanSeek && content.Length - content.Position > MaxBytes)
            return UnitCsvParseResult.Refused(new UnitCsvProblem(null, UnitCsvText.TooLarge(label, content.Length - content.Position, MaxBytes)));

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                return UnitCsvParseResult.Refused(new UnitCsvProblem(null, UnitCsvText.TooLarge(label, 0, MaxBytes)));
        }
        return Parse(buffer.ToArray(), campaign, fileName);
    }

    /// <param name="campaign">The campaign with its <see cref="Campaign.Groups"/> loaded.</param>
    public static UnitCsvParseResult Parse(byte[] content, Campaign campaign, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(campaign);
        var label = UnitCsvText.Label(fileName);
        if (content.LongLength > MaxBytes)
            return UnitCsvParseResult.Refused(new UnitCsvProblem(null, UnitCsvText.TooLarge(label, content.LongLength, MaxBytes)));

        var text = UnitCsvText.Decode(content, label, out var decodingProblem);
        if (text is null)
            return UnitCsvParseResult.Refused(decodingProblem!);

        var groups = new CampaignGroupMatcher(campaign.Groups);
        if (!groups.HasGroups)
            return UnitCsvParseResult.Refused(new UnitCsvProblem(null, $"Đợt sơ kết {campaign.Code} chưa có nhóm đơn vị (đối tượng) nào, nên chưa thể nạp đơn vị. Vui lòng bổ sung nhóm đơn vị cho kế hoạch trước."));

        return new UnitCsvReader(text, campaign, groups).Read();
    }

    /// <summary>Upserts <paramref name="rows"/> (from a successful <see cref="Parse(byte[], Campaign, string?)"/>) into the campaign.</summary>
    public static Task<UnitImportSummary> ApplyAsync(SoKetDbContext db, Guid campaignId, IReadOnlyList<UnitCsvRow> rows, string actor, CancellationToken cancellationToken = default) =>
        ApplyAsync(db, campaignId, rows, actor, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Creates the units that are new and updates the others (group, committee, leader; the member list
    /// replaces the old one); units missing from the file are left as they are. People are found or
    /// created by lower-case e-mail. Everything is saved in one transaction with an audit entry.
    /// </summary>
    /// <exception cref="InvalidOperationException">The campaign does not exist.</exception>
    /// <exception cref="ArgumentException">A row names a group of another campaign, or two rows name the same unit.</exception>
    public static async Task<UnitImportSummary> ApplyAsync(
        SoKetDbContext db, Guid campaignId, IReadOnlyList<UnitCsvRow> rows, string actor, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(clock);
        return await UnitUpsert.ApplyAsync(db, campaignId, rows, actor, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>Like <see cref="ApplyAsync(SoKetDbContext, Guid, IReadOnlyList{UnitCsvRow}, string, TimeProvider, CancellationToken)"/>, but only stages the changes: a chat turn stores them with the rest of the turn.</summary>
    public static Task<UnitImportSummary> StageAsync(
        SoKetDbContext db, Guid campaignId, IReadOnlyList<UnitCsvRow> rows, string actor, TimeProvider clock, CancellationToken cancellationToken = default,
        Func<int, Task>? progress = null) =>
        UnitUpsert.StageAsync(db, campaignId, rows, actor, clock.GetUtcNow().UtcDateTime, cancellationToken, progress);
}
