using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using SoKet.Bot.Export;

namespace SoKet.Bot.Tests.Export.Fixtures;

/// <summary>A written .docx opened back with DocumentFormat.OpenXml, with helpers to read what a reader sees.</summary>
public sealed class DocxContent : IDisposable
{
    private readonly MemoryStream _stream;

    private DocxContent(byte[] bytes)
    {
        Bytes = bytes;
        _stream = new MemoryStream(bytes, writable: false);
        Document = WordprocessingDocument.Open(_stream, isEditable: false);
        Body = Document.MainDocumentPart!.Document.Body!;
    }

    public byte[] Bytes { get; }
    public WordprocessingDocument Document { get; }
    public Body Body { get; }

    public static DocxContent Write(PartyDocument document)
    {
        using var output = new MemoryStream();
        PartyDocumentWriter.Write(document, output);
        return new DocxContent(output.ToArray());
    }

    /// <summary>Top-level body paragraphs (outside tables) as (style id, text).</summary>
    public IReadOnlyList<(string Style, string Text)> Paragraphs =>
        Body.Elements<Paragraph>().Select(p => (StyleOf(p), TextOf(p))).ToList();

    public IReadOnlyList<Table> Tables => Body.Elements<Table>().ToList();

    public static string StyleOf(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";

    public static string TextOf(OpenXmlElement element) => string.Concat(element.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text));

    public static IReadOnlyList<string> CellLines(TableCell cell) => cell.Elements<Paragraph>().Select(TextOf).ToList();

    public IReadOnlyList<ValidationErrorInfo> Validate() =>
        new OpenXmlValidator(FileFormatVersions.Office2019).Validate(Document).ToList();

    public string SaveTo(string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, Bytes);
        return path;
    }

    public void Dispose()
    {
        Document.Dispose();
        _stream.Dispose();
    }
}
