using System.Globalization;
using System.Text;

namespace SoKet.Bot.Campaigns.Units;

/// <summary>Someone named in the unit list: a lower-case e-mail/UPN and, when the file gave one, a name.</summary>
public sealed record UnitCsvPerson(string Email, string? DisplayName);

public sealed record UnitCsvMember(UnitCsvPerson Person, MemberRole Role);

/// <summary>One unit of the file, validated against the campaign's groups and ready to apply.</summary>
/// <param name="RowNumber">The line of the file where the row starts (the header is line 1), as the admin sees it in a spreadsheet.</param>
public sealed record UnitCsvRow(
    int RowNumber,
    string Name,
    Guid GroupId,
    string GroupName,
    bool HasCommittee,
    UnitCsvPerson? Leader,
    IReadOnlyList<UnitCsvMember> Members);

/// <summary>A reason the file is refused; <see cref="RowNumber"/> is null for a problem of the whole file.</summary>
public sealed record UnitCsvProblem(int? RowNumber, string Message)
{
    public override string ToString() =>
        RowNumber is { } row ? $"Dòng {row.ToString(CultureInfo.InvariantCulture)}: {Message}" : Message;
}

/// <summary>
/// What <see cref="UnitCsvImporter.Parse(byte[], Campaign, string?)"/> read: either every row (no problems),
/// or the problems and no rows, so nothing is ever applied from a file with a mistake in it.
/// </summary>
public sealed record UnitCsvParseResult
{
    /// <summary>How many problems <see cref="DescribeProblems"/> lists before summing up the rest.</summary>
    public const int ProblemsShown = 20;

    public IReadOnlyList<UnitCsvRow> Rows { get; init; } = [];

    public IReadOnlyList<UnitCsvProblem> Problems { get; init; } = [];

    /// <summary>Vietnamese remarks that do not block the import (a column that is not part of the format and is ignored).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool Succeeded => Problems.Count == 0;

    internal static UnitCsvParseResult Refused(params UnitCsvProblem[] problems) => new() { Problems = problems };

    /// <summary>The problems in Vietnamese, one per line, the first <see cref="ProblemsShown"/> of them; empty on success.</summary>
    public string DescribeProblems()
    {
        if (Succeeded)
            return "";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Danh sách đơn vị chưa được nạp vì tệp có {Problems.Count} lỗi; chưa có thay đổi nào được lưu.");
        foreach (var problem in Problems.Take(ProblemsShown))
            text.Append("\n- ").Append(problem);
        if (Problems.Count > ProblemsShown)
            text.Append(CultureInfo.InvariantCulture, $"\n- … và {Problems.Count - ProblemsShown} lỗi khác.");
        text.Append("\nĐề nghị đồng chí sửa tệp rồi gửi lại.");
        return text.ToString();
    }
}

/// <summary>What <see cref="UnitCsvImporter.ApplyAsync"/> changed.</summary>
public sealed record UnitImportSummary(
    string CampaignCode,
    IReadOnlyList<string> CreatedUnits,
    IReadOnlyList<string> UpdatedUnits,
    int Unchanged,
    int PeopleCreated)
{
    public int Created => CreatedUnits.Count;

    public int Updated => UpdatedUnits.Count;

    public int Total => Created + Updated + Unchanged;

    /// <summary>One Vietnamese paragraph for the chat reply or the command line.</summary>
    public string ToVietnamese()
    {
        var campaign = string.IsNullOrWhiteSpace(CampaignCode) ? "đợt sơ kết" : $"đợt sơ kết {CampaignCode}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Đã nạp {Total} đơn vị vào {campaign}: {Created} đơn vị mới, {Updated} đơn vị được cập nhật, {Unchanged} đơn vị không thay đổi; " +
            $"thêm {PeopleCreated} người mới vào danh bạ. Các đơn vị không có trong tệp được giữ nguyên.");
    }
}
