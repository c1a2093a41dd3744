using System.Globalization;
using CsvHelper;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Units;

/// <summary>Reads and validates the rows of one decoded unit list against the campaign's groups.</summary>
internal sealed class UnitCsvReader(string text, Campaign campaign, CampaignGroupMatcher groups)
{
    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal) { "co", "c", "x", "yes", "y", "1", "true", "dung", "co chi uy" };
    private static readonly HashSet<string> No = new(StringComparer.Ordinal) { "", "khong", "k", "no", "n", "0", "false", "sai", "khong co", "khong co chi uy" };

    private readonly List<UnitCsvProblem> _problems = [];
    private readonly List<string> _notes = [];
    private readonly List<UnitCsvRow> _rows = [];
    private readonly Dictionary<string, int> _rowOfName = new(StringComparer.Ordinal);
    private bool _groupListNeeded;

    public UnitCsvParseResult Read()
    {
        var (body, lineOffset, explicitSeparator) = StripSeparatorHint(text);
        var options = CsvReaderOptions.Default with
        {
            Separator = explicitSeparator ?? DetectSeparator(body),
            HasHeader = true,
            TrimWhitespace = true,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                    _problems.Add(new UnitCsvProblem((int)record.LineNumber + lineOffset, "dấu ngoặc kép (\") mở ở dòng này không được đóng, nên các dòng sau không đọc được. Vui lòng kiểm tra lại ô có dấu ngoặc kép."));
            },
        };

        using var reader = CsvReader.FromText(body, options);
        var headers = reader.Headers.Select(Clean).ToList();
        var columns = UnitCsvColumns.Map(headers, _problems, _notes);
        if (_problems.Count > 0)
            return Finish();

        var dataRows = 0;
        while (reader.Read())
        {
            var fields = reader.Current.ToArray().Select(Clean).ToArray();
            if (fields.All(f => f.Length == 0))
                continue;
            if (++dataRows > UnitCsvImporter.MaxRows)
            {
                var limit = UnitCsvImporter.MaxRows.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"));
                return UnitCsvParseResult.Refused(new UnitCsvProblem(null, $"Tệp có hơn {limit} dòng đơn vị, vượt quá giới hạn của một lần nạp. Vui lòng chia danh sách thành nhiều tệp nhỏ hơn."));
            }
            var line = (int)reader.LineNumber + lineOffset;
            if (fields.Skip(headers.Count).Any(f => f.Length > 0))
            {
                _problems.Add(new UnitCsvProblem(line, $"dòng có {fields.Length} ô, nhiều hơn {headers.Count} cột của dòng tiêu đề. Có thể một ô chứa dấu phân cách “{options.Separator}” mà không được đặt trong ngoặc kép; vui lòng kiểm tra lại dòng này."));
                continue;
            }
            ReadRow(line, fields, columns);
        }

        if (dataRows == 0 && _problems.Count == 0)
            _problems.Add(new UnitCsvProblem(null, "Tệp chỉ có dòng tiêu đề, chưa có đơn vị nào. Vui lòng điền mỗi đơn vị trên một dòng bên dưới dòng tiêu đề."));
        return Finish();
    }

    private UnitCsvParseResult Finish()
    {
        if (_problems.Count == 0)
            return new UnitCsvParseResult { Rows = _rows, Notes = _notes };
        var problems = _problems.OrderBy(p => p.RowNumber ?? 0).ToList();
        if (_groupListNeeded)
        {
            // Stated once and first, so it survives when a long list of problems is cut short.
            problems.Insert(0, new UnitCsvProblem(null,
                $"Các nhóm đơn vị (đối tượng) của kế hoạch {campaign.Code}: {groups.ValidNames}. Cột “Nhóm” ghi đúng tên một nhóm, có hoặc không dấu, hoặc phần đầu đủ rõ của tên nhóm."));
        }
        return new UnitCsvParseResult { Problems = problems, Notes = _notes };
    }

    private void ReadRow(int line, string[] fields, UnitCsvColumns columns)
    {
        string Field(UnitCsvField field)
        {
            var index = columns.IndexOf(field);
            return index >= 0 && index < fields.Length ? fields[index] : "";
        }

        var problemsBefore = _problems.Count;
        var name = VietnameseText.CollapseSpaces(Field(UnitCsvField.Name));
        if (name.Length == 0)
            Problem(line, $"thiếu tên đơn vị (cột “{UnitCsvColumns.Label(UnitCsvField.Name)}”).");
        else if (name.Length > UnitCsvImporter.MaxNameLength)
            Problem(line, $"tên đơn vị dài hơn {UnitCsvImporter.MaxNameLength} ký tự; vui lòng kiểm tra lại (có thể thiếu dấu phân cách cột).");
        var unit = name.Length == 0 ? "" : $" của đơn vị “{name}”";

        var group = ReadGroup(line, VietnameseText.CollapseSpaces(Field(UnitCsvField.Group)), unit);
        var hasCommittee = ReadCommittee(line, Field(UnitCsvField.HasCommittee));
        var leaders = ReadPeople(line, Field(UnitCsvField.Leader), UnitCsvField.Leader);
        if (leaders.Count > 1)
            Problem(line, $"cột “{UnitCsvColumns.Label(UnitCsvField.Leader)}”{unit} chỉ ghi một người (đang ghi {leaders.Count} người).");
        var secretaries = ReadPeople(line, Field(UnitCsvField.Secretary), UnitCsvField.Secretary);
        if (secretaries.Count > 1)
            Problem(line, $"cột “{UnitCsvColumns.Label(UnitCsvField.Secretary)}”{unit} chỉ ghi một người (đang ghi {secretaries.Count} người).");
        var members = Members(ReadPeople(line, Field(UnitCsvField.Members), UnitCsvField.Members), secretaries.FirstOrDefault());

        if (name.Length > 0 && name.Length <= UnitCsvImporter.MaxNameLength)
        {
            var key = VietnameseText.Fold(name);
            if (_rowOfName.TryGetValue(key, out var firstLine))
                Problem(line, $"đơn vị “{name}” trùng tên với đơn vị ở dòng {firstLine}; mỗi đơn vị chỉ ghi một dòng.");
            else
                _rowOfName[key] = line;
        }

        if (_problems.Count == problemsBefore && group is not null)
            _rows.Add(new UnitCsvRow(line, name, group.Id, group.Name, hasCommittee, leaders.FirstOrDefault(), members));
    }

    private CampaignGroup? ReadGroup(int line, string value, string unit)
    {
        if (value.Length == 0)
        {
            Problem(line, $"thiếu nhóm (đối tượng){unit} (cột “{UnitCsvColumns.Label(UnitCsvField.Group)}”).");
            _groupListNeeded = true;
            return null;
        }
        var group = groups.Match(value, out var candidates);
        if (group is not null)
            return group;
        _groupListNeeded = true;
        Problem(line, candidates.Count > 1
            ? $"nhóm “{value}”{unit} khớp với nhiều nhóm ({string.Join("; ", candidates.Select(g => $"“{g.Name}”"))}); vui lòng ghi đầy đủ tên nhóm."
            : $"nhóm “{value}”{unit} không có trong kế hoạch {campaign.Code}.");
        return null;
    }

    private bool ReadCommittee(int line, string value)
    {
        if (value is "✓" or "✔" or "☑" or "√")
            return true;
        var key = VietnameseText.FoldWords(value);
        if (Yes.Contains(key))
            return true;
        if (!No.Contains(key))
            Problem(line, $"giá trị “{value}” ở cột “{UnitCsvColumns.Label(UnitCsvField.HasCommittee)}” không hợp lệ; vui lòng ghi “có” hoặc “không”.");
        return false;
    }

    private List<UnitCsvPerson> ReadPeople(int line, string cell, UnitCsvField field)
    {
        var people = new List<UnitCsvPerson>();
        foreach (var entry in PersonAddress.Split(cell))
        {
            if (PersonAddress.TryParse(entry, out var person))
                people.Add(person);
            else
                Problem(line, $"“{entry}” ở cột “{UnitCsvColumns.Label(field)}” không phải địa chỉ e-mail hợp lệ (ví dụ: nguyenvana@laichau.gov.vn hoặc Nguyễn Văn A <nguyenvana@laichau.gov.vn>).");
        }
        return people;
    }

    /// <summary>Everyone listed drafts; the secretary, listed or not, approves. A person listed twice counts once.</summary>
    private static List<UnitCsvMember> Members(List<UnitCsvPerson> drafters, UnitCsvPerson? secretary)
    {
        var members = new List<UnitCsvMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (secretary is not null)
        {
            var named = secretary.DisplayName is null ? drafters.FirstOrDefault(d => d.Email == secretary.Email && d.DisplayName is not null) : null;
            members.Add(new UnitCsvMember(named ?? secretary, MemberRole.Secretary));
            seen.Add(secretary.Email);
        }
        foreach (var person in drafters)
        {
            if (seen.Add(person.Email))
                members.Add(new UnitCsvMember(person, MemberRole.Drafter));
        }
        return members;
    }

    private void Problem(int line, string message) => _problems.Add(new UnitCsvProblem(line, message));

    private static string Clean(string? value) => value is null ? "" : VietnameseText.Normalize(value).Trim();

    /// <summary>Excel may write "sep=;" as the first line; it names the separator and is not the header.</summary>
    private static (string Body, int LineOffset, char? Separator) StripSeparatorHint(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? text : text[..end]).TrimEnd('\r').Trim();
        if (first.Length == 5 && first.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
            return (end < 0 ? "" : text[(end + 1)..], 1, first[4]);
        return (text, 0, null);
    }

    /// <summary>
    /// Decided by the header line alone: members cells are full of commas, so a semicolon file would
    /// look comma-separated to a count over the whole file.
    /// </summary>
    private static char DetectSeparator(string text)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
                inQuotes = !inQuotes;
            else if (!inQuotes && c is '\n' or '\r')
            {
                if (comma + semicolon + tab > 0)
                    break;
            }
            else if (!inQuotes)
            {
                comma += c == ',' ? 1 : 0;
                semicolon += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }
        if (semicolon > comma && semicolon >= tab)
            return ';';
        return tab > comma ? '\t' : ',';
    }
}
