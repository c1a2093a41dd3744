using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>An attachment after the signature, such as "ĐỀ CƯƠNG BÁO CÁO" or "PHỤ LỤC".</summary>
internal sealed record PlanAttachment(string Heading, IReadOnlyList<string> Lines)
{
    public bool IsOutline => Outline is not null;

    /// <summary>
    /// The outline this attachment holds, or null: the attachment itself under "ĐỀ CƯƠNG ...", or what follows the
    /// line below a "PHỤ LỤC" heading when that line names the outline ("PHỤ LỤC" over "Đề cương báo cáo").
    /// </summary>
    public PlanAttachment? Outline =>
        NamesOutline(Heading) ? this
        : Lines.Count > 1 && NamesOutline(Lines[0]) ? new PlanAttachment(Lines[0], Lines.Skip(1).ToList())
        : null;

    private static bool NamesOutline(string line) => VietnameseText.Fold(line).StartsWith("de cuong", StringComparison.Ordinal);
}

/// <summary>
/// The parts every Party plan has, in this order (Quy định 66-QĐ/TW and Hướng dẫn 36-HD/VPTW on the
/// form of Party documents): letterhead (organisation, number, place and date), document type and
/// title, preamble ("Thực hiện ... như sau:"), numbered body, recipients and signature, attachments.
/// </summary>
internal sealed partial class PlanLayout
{
    private PlanLayout()
    {
    }

    /// <summary>Letterhead lines, table cells split apart.</summary>
    public IReadOnlyList<string> Header { get; private init; } = [];

    /// <summary>"KẾ HOẠCH" (or "HƯỚNG DẪN") as written; null when the text starts without one.</summary>
    public string? DocumentType { get; private init; }

    public IReadOnlyList<string> TitleLines { get; private init; } = [];

    public IReadOnlyList<string> Preamble { get; private init; } = [];

    public StructureNode Body { get; private init; } = new(null, string.Empty, -1);

    public IReadOnlyList<string> Closing { get; private init; } = [];

    public IReadOnlyList<PlanAttachment> Attachments { get; private init; } = [];

    /// <summary>Every line up to the body, for facts that may sit in an unusual place (a date under the title).</summary>
    public IReadOnlyList<string> FrontMatter => [.. Header, .. TitleLines, .. Preamble];

    public static PlanLayout Parse(string normalizedText)
    {
        var lines = normalizedText.Split('\n').Where(l => l.Length > 0).ToList();
        var leading = TakeLeadingAttachments(lines);

        var typeIndex = lines.FindIndex(0, Math.Min(lines.Count, 60), IsDocumentTypeLine);
        var bodyStart = FindBodyStart(lines, typeIndex + 1);
        var headerEnd = typeIndex >= 0 ? typeIndex : FindHeaderEnd(lines, bodyStart);
        var header = lines.Take(headerEnd).SelectMany(l => l.Split('\t')).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

        string? documentType = null;
        var titleLines = new List<string>();
        var preambleStart = headerEnd;
        if (typeIndex >= 0)
        {
            documentType = lines[typeIndex][..KeywordLength(lines[typeIndex], DocumentTypeWord())];
            var sameLineTitle = lines[typeIndex][documentType.Length..].Trim();
            preambleStart = CollectTitle(lines, typeIndex + 1, bodyStart, sameLineTitle, titleLines);
        }

        var bodyEnd = FindBodyEnd(lines, bodyStart);
        var closingEnd = FindAttachmentStart(lines, bodyEnd);
        return new PlanLayout
        {
            Header = header,
            DocumentType = documentType,
            TitleLines = titleLines,
            Preamble = Slice(lines, preambleStart, bodyStart).Select(Untab).ToList(),
            Body = StructureBuilder.Build(KeepTableRows(Slice(lines, bodyStart, bodyEnd))),
            Closing = Slice(lines, bodyEnd, closingEnd).ToList(),
            Attachments = [.. leading, .. SplitAttachments(AttachmentLines(Slice(lines, closingEnd, lines.Count)))],
        };
    }

    /// <summary>
    /// An outline or appendix put before the plan's body instead of after its signature: at the top of the file, above
    /// the letterhead, or between the title and the preamble. Its lines are taken out of <paramref name="lines"/> and
    /// returned as attachments, so the plan around it reads as usual; otherwise the outline's "Phần 1", "I." would be
    /// taken for the start of the body. Only when the plan proper visibly resumes after it: the letterhead and the
    /// document type below it, or the preamble ("Thực hiện ..., như sau:") before any numbered heading of the body.
    /// </summary>
    private static List<PlanAttachment> TakeLeadingAttachments(List<string> lines)
    {
        var closing = lines.FindIndex(IsClosingLine);
        var limit = closing < 0 ? lines.Count : closing;
        var heading = lines.FindIndex(0, limit, IsAttachmentHeading);
        if (heading < 0)
        {
            return [];
        }

        var typeIndex = lines.FindIndex(0, limit, IsDocumentTypeLine);
        int end;
        if (typeIndex > heading)
        {
            // Above the letterhead: the plan resumes with the organisation, number, date and motto over "KẾ HOẠCH".
            end = typeIndex;
            while (end > heading + 1 && end > typeIndex - 8 && IsLetterheadLine(lines[end - 1]))
            {
                end--;
            }
        }
        else if (typeIndex >= 0 && !lines.Skip(typeIndex + 1).Take(heading - typeIndex - 1).Any(IsBodyHeading))
        {
            // Under the title: the plan resumes with its preamble.
            end = lines.FindIndex(heading + 1, limit - heading - 1, StartsPreamble);
            if (end < 0)
            {
                return [];
            }
        }
        else
        {
            return [];
        }

        var block = AttachmentLines(lines.GetRange(heading, end - heading));
        lines.RemoveRange(heading, end - heading);
        return SplitAttachments(block);
    }

    /// <summary>A line of the letterhead: organisation in capitals, "Số ...", the motto, the place and date, a rule.</summary>
    private static bool IsLetterheadLine(string line)
    {
        var trimmed = Untab(line);
        return FrontMatterExtractor.ParseNumber(trimmed) is not null
               || IssueDateLine.Parse(trimmed) is not null
               || NumberingLabel.IsSeparator(trimmed)
               || trimmed == "*"
               || (VietnameseText.IsUpperCase(trimmed) && trimmed.Length < 80 && NumberingLabel.Parse(trimmed).Count == 0);
    }

    private static bool IsBodyHeading(string line) =>
        NumberingLabel.Parse(line).Any(l => l.Style is LabelStyle.Roman or LabelStyle.Part);

    public static bool IsDocumentTypeLine(string line) => KeywordLength(line, DocumentTypeWord()) > 0;

    /// <summary>
    /// The length of the keyword <paramref name="folded"/> finds at the start of <paramref name="line"/>, 0 when there is
    /// none. Keywords are matched folded, so a plan typed without diacritics ("KE HOACH", "DE CUONG BAO CAO") reads as
    /// one typed with them. The form writes these words in capitals, which is what keeps them apart from a sentence of
    /// the body that opens with the same words; a line holding nothing but the keyword is a heading in any case.
    /// </summary>
    private static int KeywordLength(string line, Regex folded)
    {
        var m = folded.Match(VietnameseText.FoldPreservingLength(line));
        if (!m.Success)
        {
            return 0;
        }

        var rest = line[m.Length..];
        var capitals = VietnameseText.IsUpperCase(line[..m.Length]) && (rest.Length == 0 || !char.IsLower(rest[0]));
        return capitals || rest.Trim().Length == 0 ? m.Length : 0;
    }

    private static int CollectTitle(List<string> lines, int start, int bodyStart, string sameLineTitle, List<string> title)
    {
        if (sameLineTitle.Length > 0)
        {
            title.Add(sameLineTitle);
        }

        var i = start;
        for (; i < bodyStart && title.Count < 5; i++)
        {
            var line = Untab(lines[i]);
            if (NumberingLabel.IsSeparator(line))
            {
                return i + 1;
            }

            if (title.Count > 0 && StartsPreamble(line))
            {
                return i;
            }

            title.Add(line);
        }

        return i;
    }

    /// <summary>
    /// "Thực hiện Kế hoạch số 152-KH/TU ..., như sau:" opens the preamble; a title may start with the same
    /// words ("Kế hoạch thực hiện Nghị quyết ...") but is short and does not end a sentence.
    /// </summary>
    private static bool StartsPreamble(string line)
    {
        var folded = VietnameseText.Fold(line);
        return PreambleOpening().IsMatch(folded) && (line.Length > 160 || line.EndsWith(':') || line.EndsWith('.') || line.EndsWith(';'));
    }

    /// <summary>The body starts at the first roman or "Phần" heading after the title; failing that, the first "1.".</summary>
    private static int FindBodyStart(List<string> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (IsClosingLine(lines[i]))
            {
                break;
            }

            var labels = NumberingLabel.Parse(lines[i]);
            if (labels.Any(l => l.Style is LabelStyle.Roman or LabelStyle.Part))
            {
                return i;
            }
        }

        for (var i = from; i < lines.Count; i++)
        {
            if (NumberingLabel.Parse(lines[i]).Any(l => l is { Style: LabelStyle.Arabic, Depth: 1, Value: 1 }))
            {
                return i;
            }
        }

        return from;
    }

    /// <summary>Without a document type line, the letterhead is the run of short capitalised lines at the top.</summary>
    private static int FindHeaderEnd(List<string> lines, int bodyStart)
    {
        var i = 0;
        while (i < bodyStart && i < 15 && (VietnameseText.IsUpperCase(lines[i]) || lines[i].Length < 60))
        {
            i++;
        }

        return i;
    }

    private static int FindBodyEnd(List<string> lines, int bodyStart)
    {
        for (var i = bodyStart; i < lines.Count; i++)
        {
            if (IsClosingLine(lines[i]) || IsAttachmentHeading(lines[i]))
            {
                return i;
            }
        }

        return lines.Count;
    }

    private static int FindAttachmentStart(List<string> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (IsAttachmentHeading(lines[i]) || IsHeadingAfterSignature(lines[i]))
            {
                return i;
            }
        }

        return lines.Count;
    }

    private static List<PlanAttachment> SplitAttachments(List<string> lines)
    {
        var attachments = new List<PlanAttachment>();
        for (var i = 0; i < lines.Count;)
        {
            var end = i + 1;
            while (end < lines.Count && !IsAttachmentHeading(lines[end]))
            {
                end++;
            }

            attachments.Add(new PlanAttachment(lines[i], lines.Skip(i + 1).Take(end - i - 1).ToList()));
            i = end;
        }

        return attachments;
    }

    /// <summary>"Nơi nhận:", "T/M BAN THƯỜNG VỤ", "KT. BÍ THƯ", "Trên đây là Kế hoạch ...": the body is over.</summary>
    public static bool IsClosingLine(string line) => ClosingLine().IsMatch(VietnameseText.Fold(line));

    /// <summary>"ĐỀ CƯƠNG BÁO CÁO", "PHỤ LỤC 1": written in capitals on a line of their own.</summary>
    private static bool IsAttachmentHeading(string line)
    {
        var trimmed = Untab(line);
        return KeywordLength(trimmed, AttachmentHeading()) > 0 && trimmed.Length < 120;
    }

    /// <summary>
    /// After the signature nothing but attachments follows, so there a heading typed in ordinary case ("Đề cương
    /// báo cáo", "Phụ lục 1") opens one too, as long as it reads as a heading rather than a sentence.
    /// </summary>
    private static bool IsHeadingAfterSignature(string line)
    {
        var trimmed = Untab(line);
        return AttachmentHeading().IsMatch(VietnameseText.FoldPreservingLength(trimmed)) && trimmed.Length < 120 && !trimmed.EndsWith('.') && !trimmed.EndsWith(';') && !trimmed.EndsWith(',');
    }

    /// <summary>
    /// Attachment lines with tabs turned to spaces. An outline written as a Word table keeps its numbers in a cell of
    /// their own, often bare ("I", "2.1", "A" | "Lãnh đạo ..."): the label gets the punctuation the numbering reader
    /// expects ("Phần 1" needs none), and the table's header row ("STT" | "Nội dung") is dropped, as it is no part of the outline.
    /// </summary>
    private static List<string> AttachmentLines(IEnumerable<string> lines)
    {
        var result = new List<string>();
        foreach (var line in lines)
        {
            var cells = line.Split('\t').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
            if (cells.Count < 2)
            {
                result.Add(Untab(line));
            }
            else if (!TableHeaderCell().IsMatch(VietnameseText.Fold(cells[0])))
            {
                var label = BareLabel().Match(cells[0]);
                var first = !label.Success ? cells[0] : label.Groups["lower"].Success ? cells[0] + ")" : cells[0] + ".";
                result.Add(string.Join(' ', cells.Skip(1).Prepend(first)));
            }
        }

        return result;
    }

    private static string Untab(string line) => line.Replace('\t', ' ').Trim();

    /// <summary>
    /// Body lines with tabs turned to spaces, except the rows of a task table (a <see cref="PlanTable"/> header
    /// and the tabbed lines under it), which keep their cells for the deadline reader.
    /// </summary>
    private static IEnumerable<string> KeepTableRows(IEnumerable<string> lines)
    {
        var inTable = false;
        foreach (var line in lines)
        {
            var tabbed = line.Trim().Contains('\t', StringComparison.Ordinal);
            inTable = tabbed && (inTable || PlanTable.TryHeader(line.Trim()) is not null);
            yield return inTable ? line.Trim() : Untab(line);
        }
    }

    private static IEnumerable<string> Slice(List<string> lines, int start, int end) =>
        start >= end ? [] : lines.Skip(start).Take(end - start);

    [GeneratedRegex(@"^(ke hoach|huong dan)(?!\p{L})")]
    private static partial Regex DocumentTypeWord();

    [GeneratedRegex(@"^(can cu|thuc hien|trien khai|de |nham |theo |qua |tiep tuc )")]
    private static partial Regex PreambleOpening();

    [GeneratedRegex(@"^(noi nhan|t/m |tm\. |t\.m |kt\. |kt |q\. bi thu|tl\. |tren day la )")]
    private static partial Regex ClosingLine();

    [GeneratedRegex(@"^(s[oố] )?(stt|tt|thu tu)$")]
    private static partial Regex TableHeaderCell();

    [GeneratedRegex(@"^(?:[IVXLC]{1,6}|[A-ZĐ]|(?<lower>[a-zđ])|\d{1,2}(?:\.\d{1,2})*)$")]
    private static partial Regex BareLabel();

    [GeneratedRegex(@"^(de cuong|phu luc|bieu mau)")]
    private static partial Regex AttachmentHeading();
}
