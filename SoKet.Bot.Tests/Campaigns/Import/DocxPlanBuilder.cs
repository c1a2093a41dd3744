using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Writes real .docx files with DocumentFormat.OpenXml, the way Word lays out a Party plan: the letterhead
/// as a two-column table, one paragraph per line, bold runs where the text has **markers**, tabs as tab
/// characters, and optionally headings numbered by Word's automatic numbering instead of typed labels.
/// </summary>
internal static partial class DocxPlanBuilder
{
    /// <summary>
    /// The plan as Word would hold it. The first <paramref name="letterheadLeftLines"/> non-empty lines form the
    /// letterhead's left column and the next <paramref name="letterheadRightLines"/> its right column.
    /// </summary>
    /// <param name="tables">Runs of lines with two or more tabs become a Word table, one row per line and one
    /// cell per tab-separated field; an empty field becomes a cell merged with the one above (w:vMerge), as Word
    /// writes a unit that spans several rows.</param>
    public static byte[] FromText(string text, int letterheadLeftLines = 0, int letterheadRightLines = 0, bool tables = false)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            var index = 0;
            if (letterheadLeftLines + letterheadRightLines > 0)
            {
                var nonEmpty = lines.Select((l, i) => (Line: l, Index: i)).Where(x => x.Line.Trim().Length > 0).ToList();
                var left = nonEmpty.Take(letterheadLeftLines).Select(x => x.Line.Trim()).ToList();
                var right = nonEmpty.Skip(letterheadLeftLines).Take(letterheadRightLines).Select(x => x.Line.Trim()).ToList();
                body.Append(Letterhead(left, right));
                index = nonEmpty[letterheadLeftLines + letterheadRightLines - 1].Index + 1;
            }

            var rows = new List<string>();
            foreach (var line in lines.Skip(index))
            {
                if (tables && line.Count(c => c == '\t') >= 2)
                {
                    rows.Add(line);
                    continue;
                }

                if (rows.Count > 0)
                {
                    body.Append(Table(rows));
                    rows.Clear();
                }

                foreach (var paragraph in Paragraphs(line))
                {
                    body.Append(paragraph);
                }
            }

            if (rows.Count > 0)
            {
                body.Append(Table(rows));
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A plan whose headings carry no typed numbers: each line "#level text" is a paragraph numbered by a
    /// multi-level list (level 0 "I.", 1 "1.", 2 "1.1.", 3 "a)", 4 bullet "-"); other lines are plain.
    /// </summary>
    public static byte[] WithAutomaticNumbering(IEnumerable<string> lines)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var numberingPart = main.AddNewPart<NumberingDefinitionsPart>();
            numberingPart.Numbering = new Numbering(
                new AbstractNum(
                    Level(0, NumberFormatValues.UpperRoman, "%1."),
                    Level(1, NumberFormatValues.Decimal, "%2."),
                    Level(2, NumberFormatValues.Decimal, "%2.%3."),
                    Level(3, NumberFormatValues.LowerLetter, "%4)"),
                    Level(4, NumberFormatValues.Bullet, "-"))
                { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 7 });
            numberingPart.Numbering.Save();

            var body = new Body();
            foreach (var line in lines)
            {
                var m = NumberedLine().Match(line);
                if (!m.Success)
                {
                    body.Append(new Paragraph(new Run(new WordText(line) { Space = SpaceProcessingModeValues.Preserve })));
                    continue;
                }

                var properties = new ParagraphProperties(new NumberingProperties(
                    new NumberingLevelReference { Val = int.Parse(m.Groups["level"].Value, System.Globalization.CultureInfo.InvariantCulture) },
                    new NumberingId { Val = 7 }));
                body.Append(new Paragraph(properties, new Run(new WordText(m.Groups["text"].Value) { Space = SpaceProcessingModeValues.Preserve })));
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Paragraphs numbered by one list whose levels are given exactly (format, level text, start value), with an
    /// optional start override on level 0 in the numbering instance: for files crafted with extreme values.
    /// </summary>
    public static byte[] WithNumbering(IEnumerable<(int Index, NumberFormatValues Format, string Text, int Start)> levels, int? level0StartOverride, IEnumerable<(int Level, string Text)> paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var numberingPart = main.AddNewPart<NumberingDefinitionsPart>();
            var abstractNum = new AbstractNum(levels.Select(l => Level(l.Index, l.Format, l.Text, l.Start))) { AbstractNumberId = 1 };
            var instance = new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 7 };
            if (level0StartOverride is { } start)
            {
                instance.Append(new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = 0 });
            }

            numberingPart.Numbering = new Numbering(abstractNum, instance);
            numberingPart.Numbering.Save();

            var body = new Body();
            foreach (var (level, text) in paragraphs)
            {
                var properties = new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = 7 }));
                body.Append(new Paragraph(properties, new Run(new WordText(text) { Space = SpaceProcessingModeValues.Preserve })));
            }

            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Level Level(int index, NumberFormatValues format, string text, int start = 1) =>
        new(new StartNumberingValue { Val = start }, new NumberingFormat { Val = format }, new LevelText { Val = text })
        {
            LevelIndex = index,
        };

    private static Table Table(IEnumerable<string> rows)
    {
        var table = new Table(new TableProperties(new TableBorders(new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 })));
        foreach (var row in rows)
        {
            var tableRow = new TableRow();
            foreach (var field in row.Split('\t'))
            {
                var cell = new TableCell();
                if (field.Trim().Length == 0)
                {
                    cell.Append(new TableCellProperties(new VerticalMerge()));
                    cell.Append(new Paragraph());
                }
                else
                {
                    cell.Append(new Paragraph(Runs(field.Trim())));
                }

                tableRow.Append(cell);
            }

            table.Append(tableRow);
        }

        return table;
    }

    private static Table Letterhead(IEnumerable<string> left, IEnumerable<string> right) =>
        new(
            new TableProperties(new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }),
            new TableRow(Cell(left), Cell(right)));

    private static TableCell Cell(IEnumerable<string> lines)
    {
        var cell = new TableCell();
        foreach (var line in lines)
        {
            cell.Append(new Paragraph(Runs(line)));
        }

        return cell;
    }

    /// <summary>
    /// One paragraph per line; markers glued to text on both sides ("KẾ HOẠCH**Sơ kết") are where the
    /// original document had a paragraph break, so they start a new paragraph here.
    /// </summary>
    private static IEnumerable<Paragraph> Paragraphs(string line)
    {
        foreach (var part in GluedMarker().Split(line))
        {
            yield return new Paragraph(Runs(part));
        }
    }

    /// <summary>Runs for a line: text between ** markers is bold; tabs are tab characters.</summary>
    private static IEnumerable<OpenXmlElement> Runs(string line)
    {
        var bold = false;
        foreach (var segment in line.Split("**"))
        {
            var pieces = segment.Split('\t');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    yield return new Run(new TabChar());
                }

                if (pieces[i].Length == 0)
                {
                    continue;
                }

                var run = new Run(new WordText(pieces[i]) { Space = SpaceProcessingModeValues.Preserve });
                if (bold)
                {
                    run.PrependChild(new RunProperties(new Bold()));
                }

                yield return run;
            }

            bold = !bold;
        }
    }

    [GeneratedRegex(@"(?<=[\p{L}\p{N}])\*\*(?=[\p{L}\p{N}])")]
    private static partial Regex GluedMarker();

    [GeneratedRegex(@"^#(?<level>\d) (?<text>.*)$")]
    private static partial Regex NumberedLine();
}
