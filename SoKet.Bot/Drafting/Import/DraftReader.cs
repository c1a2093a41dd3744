using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Import;

/// <summary>A draft read into paragraphs, or the Vietnamese sentence refusing it.</summary>
public sealed record DraftRead(IReadOnlyList<DraftParagraph>? Paragraphs, string? Refusal)
{
    public static DraftRead Refused(string refusal) => new(null, refusal);
}

/// <summary>
/// Reads a unit's draft: a Word file (.docx), a text file, or text pasted into the chat. Files are hostile: the
/// content decides, not the name (a PDF or a Word 97 file renamed .docx is named for what it is), and a .docx passes
/// the same caps as a plan before Open XML SDK loads it (<see cref="DocxLimits"/>: declared and real part sizes,
/// entries, elements, paragraphs — a zip bomb is refused without being inflated). Paragraphs keep what marks a
/// heading: Word's automatic numbering rendered in front (<see cref="DocxNumbering"/>, as Word shows it), a Heading
/// style or outline level, bold on every run.
/// </summary>
public static partial class DraftReader
{
    /// <summary>10 MB, the cap of plan files: a 100-page draft without images is well under 1 MB.</summary>
    public const long MaxFileBytes = PlanTextReader.DefaultMaxBytes;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads an uploaded file.</summary>
    public static DraftRead ReadFile(string fileName, byte[] bytes)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "đã gửi" : $"«{MarkdownText.Literal(fileName)}»";
        if (bytes.LongLength > MaxFileBytes)
            return DraftRead.Refused(DraftImportTexts.FileTooLarge(name, bytes.LongLength));
        if (bytes.Length == 0)
            return DraftRead.Refused(DraftImportTexts.FileEmpty(name));
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var span = bytes.AsSpan();
        if (span.StartsWith("%PDF"u8))
            return DraftRead.Refused(DraftImportTexts.FilePdf(name));
        if (span.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            return DraftRead.Refused(DraftImportTexts.FileLegacyWord(name));
        if (span.StartsWith("PK\u0003\u0004"u8))
            return extension is ".docx" or ".txt" or ".md" or "" ? ReadDocx(name, bytes) : DraftRead.Refused(DraftImportTexts.FileUnsupported(name));
        if (span.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) || span.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) || span.StartsWith("GIF8"u8))
            return DraftRead.Refused(DraftImportTexts.FileUnsupported(name));
        return extension switch
        {
            ".docx" => DraftRead.Refused(DraftImportTexts.FileCorrupt(name)),
            ".doc" => DraftRead.Refused(DraftImportTexts.FileLegacyWord(name)),
            ".txt" or ".text" or ".md" or ".markdown" or "" => Decode(bytes) is { } text
                ? Finish(name, ReadText(text))
                : DraftRead.Refused(DraftImportTexts.FileNotText(name)),
            _ => DraftRead.Refused(DraftImportTexts.FileUnsupported(name)),
        };
    }

    /// <summary>
    /// Pasted text (or a text file): one paragraph per line. Markdown headings ("## Kết quả") keep their level and a
    /// line in **bold** counts as bold; a line cut mid-sentence (text copied from a PDF viewer) is joined to the next
    /// when that one starts in lower case.
    /// </summary>
    public static IReadOnlyList<DraftParagraph> ReadText(string text)
    {
        var paragraphs = new List<DraftParagraph>();
        var lines = VietnameseText.Normalize(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        StringBuilder? pending = null;
        foreach (var raw in lines)
        {
            var line = VietnameseText.CollapseSpaces(raw.Replace('\t', ' '));
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            if (pending is not null && char.IsLower(line[0]) && !EndsSentence(pending))
            {
                pending.Append(' ').Append(line);
                continue;
            }
            Flush();
            pending = new StringBuilder(line);
        }
        Flush();
        return paragraphs;

        void Flush()
        {
            if (pending is null)
                return;
            var line = pending.ToString();
            pending = null;
            if (MarkdownHeading().Match(line) is { Success: true } heading)
            {
                paragraphs.Add(new DraftParagraph(heading.Groups["text"].Value.Trim(), HeadingLevel: heading.Groups["hashes"].Length));
                return;
            }
            if (line.Length > 4 && line.StartsWith("**", StringComparison.Ordinal) && line.EndsWith("**", StringComparison.Ordinal) && !line[2..^2].Contains("**", StringComparison.Ordinal))
            {
                paragraphs.Add(new DraftParagraph(line[2..^2].Trim(), IsBold: true));
                return;
            }
            paragraphs.Add(new DraftParagraph(line));
        }
    }

    private static bool EndsSentence(StringBuilder text) => text.Length > 0 && text[^1] is '.' or ':' or ';' or '!' or '?' or ')' or '”' or '"';

    private static DraftRead Finish(string name, IReadOnlyList<DraftParagraph> paragraphs) =>
        paragraphs.Count == 0 ? DraftRead.Refused(DraftImportTexts.FileEmpty(name)) : new DraftRead(paragraphs, null);

    private static DraftRead ReadDocx(string name, byte[] bytes)
    {
        switch (DocxLimits.Check(bytes))
        {
            case PlanFileProblem.DocxTooLarge:
                return DraftRead.Refused(DraftImportTexts.FileDocxTooLarge(name));
            case not null:
                return DraftRead.Refused(DraftImportTexts.FileCorrupt(name));
        }
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false, DocxLimits.OpenSettings);
            var main = document.MainDocumentPart;
            if (main?.Document?.Body is not { } body)
                return DraftRead.Refused(DraftImportTexts.FileCorrupt(name));
            var reader = new DocxParagraphs(main);
            reader.AppendBlocks(body.ChildElements, inTable: false);
            return Finish(name, reader.Paragraphs);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FormatException or XmlException
                                       or InvalidOperationException or ArgumentException)
        {
            return DraftRead.Refused(DraftImportTexts.FileCorrupt(name));
        }
    }

    /// <summary>BOM first (UTF-8, UTF-16 LE/BE), else strict UTF-8; null for bytes that are not text.</summary>
    private static string? Decode(byte[] bytes)
    {
        string? text;
        try
        {
            text = bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? StrictUtf8.GetString(bytes, 3, bytes.Length - 3)
                : bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) ? new UnicodeEncoding(false, false, true).GetString(bytes, 2, bytes.Length - 2)
                : bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }) ? new UnicodeEncoding(true, false, true).GetString(bytes, 2, bytes.Length - 2)
                : StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        // Binary data that happens to decode has control characters; text has almost none besides tabs and line breaks.
        var sample = text.Length > 65536 ? text[..65536] : text;
        var control = sample.Count(c => c == '\0' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')));
        return sample.Contains('\0', StringComparison.Ordinal) || control * 100 > sample.Length ? null : text;
    }

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>\S.*)$")]
    private static partial Regex MarkdownHeading();

    /// <summary>The body of a .docx as paragraphs with their heading marks, in reading order.</summary>
    private sealed class DocxParagraphs
    {
        /// <summary>Word's styles are chained by "based on"; a crafted file could chain them forever.</summary>
        private const int MaxStyleDepth = 8;

        private readonly DocxNumbering _numbering;
        private readonly Dictionary<string, Style> _styles;

        public DocxParagraphs(MainDocumentPart main)
        {
            _numbering = new DocxNumbering(main);
            _styles = (main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
                .Where(s => s.StyleId?.Value is not null)
                .GroupBy(s => s.StyleId!.Value!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        }

        public List<DraftParagraph> Paragraphs { get; } = [];

        public void AppendBlocks(IEnumerable<OpenXmlElement> elements, bool inTable) => AppendBlocks(elements, inTable, Paragraphs);

        private void AppendBlocks(IEnumerable<OpenXmlElement> elements, bool inTable, List<DraftParagraph> into)
        {
            foreach (var element in elements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        into.Add(Read(paragraph, inTable));
                        break;
                    case Table table:
                        AppendTable(table, into);
                        break;
                    case SdtBlock { SdtContentBlock: { } content }:
                        AppendBlocks(content.ChildElements, inTable, into);
                        break;
                }
            }
        }

        /// <summary>A row of one-paragraph cells is one line, cells apart; cells of several paragraphs (the letterhead, the closing) give a line each.</summary>
        private void AppendTable(Table table, List<DraftParagraph> into)
        {
            foreach (var row in table.Elements<TableRow>())
            {
                var cells = row.Elements<TableCell>().Select(cell =>
                {
                    var inner = new List<DraftParagraph>();
                    AppendBlocks(cell.ChildElements, inTable: true, inner);
                    return inner.Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToList();
                }).ToList();
                if (cells.All(c => c.Count <= 1))
                    into.Add(new DraftParagraph(string.Join('\t', cells.Select(c => c.Count == 0 ? "" : c[0].Text)), InTable: true));
                else
                    into.AddRange(cells.SelectMany(c => c));
            }
        }

        private DraftParagraph Read(Paragraph paragraph, bool inTable)
        {
            var text = new StringBuilder();
            // Called for every paragraph, in order: the counters of Word's lists advance as Word's do.
            if (_numbering.NextLabel(paragraph) is { } label)
                text.Append(label).Append(' ');
            var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            var styleBold = StyleBold(styleId);
            var sawText = false;
            var allBold = true;
            foreach (var run in paragraph.Descendants<Run>())
            {
                var before = text.Length;
                foreach (var child in run.ChildElements)
                {
                    switch (child)
                    {
                        case DocumentFormat.OpenXml.Wordprocessing.Text t:
                            text.Append(t.Text);
                            break;
                        case TabChar:
                            text.Append('\t');
                            break;
                        case Break or CarriageReturn:
                            text.Append(' ');
                            break;
                        case NoBreakHyphen:
                            text.Append('-');
                            break;
                    }
                }
                if (text.Length > before && !string.IsNullOrWhiteSpace(text.ToString(before, text.Length - before)))
                {
                    sawText = true;
                    allBold &= run.RunProperties?.Bold is { } bold ? bold.Val is null || bold.Val.Value : styleBold;
                }
            }
            return new DraftParagraph(text.ToString(), HeadingLevelOf(paragraph, styleId), sawText && allBold, inTable);
        }

        /// <summary>1-9 from the paragraph's outline level or its style's (level 9 is body text), or a style named "heading N".</summary>
        private int? HeadingLevelOf(Paragraph paragraph, string? styleId)
        {
            if (paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is { } direct)
                return direct is >= 0 and < 9 ? direct + 1 : null;
            for (var depth = 0; styleId is not null && depth < MaxStyleDepth && _styles.TryGetValue(styleId, out var style); depth++)
            {
                if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } level)
                    return level is >= 0 and < 9 ? level + 1 : null;
                var name = style.StyleName?.Val?.Value ?? "";
                if (name.StartsWith("heading ", StringComparison.OrdinalIgnoreCase) &&
                    int.TryParse(name.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 9)
                    return n;
                styleId = style.BasedOn?.Val?.Value;
            }
            return null;
        }

        private bool StyleBold(string? styleId)
        {
            for (var depth = 0; styleId is not null && depth < MaxStyleDepth && _styles.TryGetValue(styleId, out var style); depth++)
            {
                if (style.StyleRunProperties?.GetFirstChild<Bold>() is { } bold)
                    return bold.Val is null || bold.Val.Value;
                styleId = style.BasedOn?.Val?.Value;
            }
            return false;
        }
    }
}
