using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// Turns a .docx body into plain lines: one line per paragraph in document order, Word's automatic
/// numbering rendered as text ("1.", "2.1.", "a)") because plans number their headings that way and
/// the importer reads structure from those labels. Tables: a row of single-paragraph cells becomes one
/// tab-separated line (data tables); cells holding several paragraphs (the two-column letterhead of a
/// Party document) give one line per paragraph, cell after cell.
/// </summary>
internal static class DocxTextExtractor
{
    /// <summary>The text of a .docx, or the problem that stopped it: parts past <see cref="DocxLimits"/> are refused before loading.</summary>
    public static bool TryExtract(byte[] bytes, out string text, out PlanFileProblem? problem)
    {
        text = string.Empty;
        problem = DocxLimits.Check(bytes);
        if (problem is not null)
        {
            return false;
        }

        problem = PlanFileProblem.CorruptDocx;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false, DocxLimits.OpenSettings);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return false;
            }

            var numbering = new DocxNumbering(document.MainDocumentPart!);
            var lines = new List<string>();
            AppendBlocks(body.ChildElements, numbering, lines);
            text = string.Join('\n', lines);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FormatException or XmlException
                                       or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    private static void AppendBlocks(IEnumerable<OpenXmlElement> elements, DocxNumbering numbering, List<string> lines)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    lines.Add(ParagraphText(paragraph, numbering));
                    break;
                case Table table:
                    AppendTable(table, numbering, lines);
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is { } content:
                    AppendBlocks(content.ChildElements, numbering, lines);
                    break;
            }
        }
    }

    private static void AppendTable(Table table, DocxNumbering numbering, List<string> lines)
    {
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = row.Elements<TableCell>().Select(cell =>
            {
                var cellLines = new List<string>();
                AppendBlocks(cell.ChildElements, numbering, cellLines);
                return cellLines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            }).ToList();

            if (cells.All(c => c.Count <= 1))
            {
                lines.Add(string.Join('\t', cells.Select(c => c.Count == 0 ? string.Empty : c[0])));
            }
            else
            {
                foreach (var cell in cells)
                {
                    lines.AddRange(cell);
                }
            }
        }
    }

    private static string ParagraphText(Paragraph paragraph, DocxNumbering numbering)
    {
        var builder = new StringBuilder();
        var label = numbering.NextLabel(paragraph);
        if (label is not null)
        {
            builder.Append(label).Append(' ');
        }

        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t:
                    builder.Append(t.Text);
                    break;
                case TabChar:
                    builder.Append('\t');
                    break;
                case Break or CarriageReturn:
                    builder.Append('\n');
                    break;
                case NoBreakHyphen:
                    builder.Append('-');
                    break;
            }
        }

        return builder.ToString();
    }
}
