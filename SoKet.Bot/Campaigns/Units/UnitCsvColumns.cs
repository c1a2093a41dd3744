using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Units;

internal enum UnitCsvField
{
    Name,
    Group,
    HasCommittee,
    Leader,
    Members,
    Secretary,
}

/// <summary>
/// Finds the columns of a unit list by their headers, however the office typed them: Vietnamese with or
/// without diacritics, any case, or the English names ("Tên đơn vị", "ten don vi", "name").
/// </summary>
internal sealed class UnitCsvColumns
{
    private static readonly (UnitCsvField Field, string Label, string[] Headers)[] Known =
    [
        (UnitCsvField.Name, "Tên đơn vị", ["ten don vi", "don vi", "ten", "name", "unit", "unit name"]),
        (UnitCsvField.Group, "Nhóm", ["nhom", "doi tuong", "nhom doi tuong", "nhom don vi", "group", "unit group"]),
        (UnitCsvField.HasCommittee, "Có chi ủy", ["co chi uy", "chi uy", "has committee", "committee"]),
        (UnitCsvField.Leader, "Lãnh đạo phụ trách", ["lanh dao phu trach", "lanh dao", "nguoi phu trach", "phu trach", "leader", "leader in charge"]),
        (UnitCsvField.Members, "Thành viên", ["thanh vien", "members", "member"]),
        (UnitCsvField.Secretary, "Bí thư", ["bi thu", "email bi thu", "e mail bi thu", "secretary", "secretary email"]),
    ];

    /// <summary>Columns spreadsheets often carry that the format does not need; ignored without a remark.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "stt", "tt", "so tt", "so thu tu", "ghi chu", "note", "notes" };

    private readonly Dictionary<UnitCsvField, int> _indexes = [];

    private UnitCsvColumns()
    {
    }

    public static string Label(UnitCsvField field) => Known.First(k => k.Field == field).Label;

    /// <summary>The column of <paramref name="field"/>, or -1 when the file has none.</summary>
    public int IndexOf(UnitCsvField field) => _indexes.TryGetValue(field, out var index) ? index : -1;

    public static UnitCsvColumns Map(IReadOnlyList<string> headers, List<UnitCsvProblem> problems, List<string> notes)
    {
        var columns = new UnitCsvColumns();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = VietnameseText.CleanLine(headers[i]);
            var key = VietnameseText.FoldWords(header);
            if (key.Length == 0 || Ignored.Contains(key))
                continue;
            var known = Known.FirstOrDefault(k => k.Headers.Contains(key, StringComparer.Ordinal));
            if (known.Headers is null)
            {
                notes.Add($"Cột “{header}” không thuộc mẫu danh sách đơn vị nên được bỏ qua.");
                continue;
            }
            if (columns._indexes.TryGetValue(known.Field, out var first))
            {
                problems.Add(new UnitCsvProblem(1, $"cột “{VietnameseText.CleanLine(headers[first])}” và cột “{header}” cùng là cột “{known.Label}”; vui lòng giữ lại một cột."));
                continue;
            }
            columns._indexes[known.Field] = i;
        }

        var missing = new[] { UnitCsvField.Name, UnitCsvField.Group }.Where(f => columns.IndexOf(f) < 0).Select(f => $"“{Label(f)}”").ToList();
        if (missing.Count > 0)
        {
            var read = headers.Count == 0 ? "(trống)" : string.Join(", ", headers.Select(h => $"“{VietnameseText.CleanLine(h)}”"));
            problems.Add(new UnitCsvProblem(null,
                $"Tệp thiếu cột bắt buộc {string.Join(" và ", missing)}. Dòng đầu tiên của tệp phải là dòng tiêu đề với các cột “Tên đơn vị”, “Nhóm” " +
                $"(bắt buộc) và “Có chi ủy”, “Lãnh đạo phụ trách”, “Thành viên”, “Bí thư” (không bắt buộc). Dòng tiêu đề đọc được: {read}."));
        }
        return columns;
    }
}
