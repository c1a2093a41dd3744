using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// A task table in the plan body ("TT | Cơ quan, đơn vị thực hiện | Nội dung công việc | Thời gian hoàn thành"),
/// as the text reader gives it: one line per row, cells separated by tabs (a .docx row of single-paragraph cells,
/// or a table copied into a .txt). The header names the columns; the rows below it are read cell by cell.
/// </summary>
internal sealed class PlanTable
{
    private const int MaxHeaderCellLength = 60;

    private PlanTable(IReadOnlyList<string> header, int group, int task, int date)
    {
        Header = header;
        GroupColumn = group;
        TaskColumn = task;
        DateColumn = date;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>"Đơn vị thực hiện", "Cơ quan chủ trì", "Đối tượng"; -1 when the table has no such column.</summary>
    public int GroupColumn { get; }

    /// <summary>"Nội dung công việc", "Nhiệm vụ"; -1 when absent (the date column's header then says what is due).</summary>
    public int TaskColumn { get; }

    /// <summary>"Thời gian hoàn thành", "Thời hạn", "Tiến độ".</summary>
    public int DateColumn { get; }

    public string DateHeader => Header[DateColumn];

    /// <summary>A header row: short cells, one of them a time column and another a unit or task column.</summary>
    public static PlanTable? TryHeader(string line)
    {
        if (!line.Contains('\t', StringComparison.Ordinal))
        {
            return null;
        }

        var cells = Cells(line);
        if (cells.Count < 2 || cells.Any(c => c.Length > MaxHeaderCellLength))
        {
            return null;
        }

        int group = -1, task = -1, date = -1;
        for (var i = 0; i < cells.Count; i++)
        {
            var folded = VietnameseText.Fold(cells[i]);
            // "Nội dung thực hiện" is the task even though "thực hiện" also heads unit columns: task words first.
            if (date < 0 && IsDateHeader(folded))
            {
                date = i;
            }
            else if (task < 0 && IsTaskHeader(folded))
            {
                task = i;
            }
            else if (group < 0 && IsGroupHeader(folded))
            {
                group = i;
            }
        }

        return date >= 0 && (group >= 0 || task >= 0) ? new PlanTable(cells, group, task, date) : null;
    }

    /// <summary>A row's cells aligned to the header; missing trailing cells are empty.</summary>
    public IReadOnlyList<string> Row(string line)
    {
        var cells = Cells(line);
        while (cells.Count < Header.Count)
        {
            cells.Add(string.Empty);
        }

        return cells;
    }

    public static string Cell(IReadOnlyList<string> cells, int column) => column >= 0 && column < cells.Count ? cells[column] : string.Empty;

    private static List<string> Cells(string line) => line.Split('\t').Select(c => c.Trim()).ToList();

    private static bool IsDateHeader(string folded) =>
        folded.StartsWith("thoi gian", StringComparison.Ordinal) || folded.StartsWith("thoi han", StringComparison.Ordinal) ||
        folded.StartsWith("han ", StringComparison.Ordinal) || folded == "han" || folded.StartsWith("tien do", StringComparison.Ordinal) ||
        folded.StartsWith("moc thoi gian", StringComparison.Ordinal) || folded.StartsWith("ngay hoan thanh", StringComparison.Ordinal);

    /// <summary>The unit responsible; a "phối hợp" (supporting) column is not the group the deadline belongs to.</summary>
    private static bool IsGroupHeader(string folded) =>
        !folded.Contains("phoi hop", StringComparison.Ordinal) &&
        (folded.Contains("doi tuong", StringComparison.Ordinal) || folded.Contains("don vi", StringComparison.Ordinal) ||
         folded.Contains("co quan", StringComparison.Ordinal) || folded.Contains("chu tri", StringComparison.Ordinal) ||
         folded.Contains("thuc hien", StringComparison.Ordinal) || folded.Contains("trach nhiem", StringComparison.Ordinal));

    private static bool IsTaskHeader(string folded) =>
        folded.Contains("noi dung", StringComparison.Ordinal) || folded.Contains("cong viec", StringComparison.Ordinal) ||
        folded.Contains("nhiem vu", StringComparison.Ordinal);
}
