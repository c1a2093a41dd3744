using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// Issue 13 item 5: a crafted .docx is refused before Open Xml SDK loads it whole (a zip bomb), and numbering
/// values near int.MaxValue give short labels. Refusals use the reader's PlanFileProblem mechanism and message.
/// </summary>
public sealed class DocxLimitsTests
{
    private const long OneGigabyte = 1L << 30;

    /// <summary>Three times the part cap: what a tester's 158 KB file held (54 MB took 11-13 s and about 1 GB to load).</summary>
    internal const long SixtyFourMegabytes = 64L << 20;

    private const string DocumentStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>""";

    private const string DocumentEnd = "</w:body></w:document>";

    /// <summary>Built once: inflating 1 GB of spaces takes a few seconds, and it is the same file for both tests.</summary>
    private static readonly Lazy<byte[]> Bomb = new(() => DocxWithDocumentPart(OneGigabyte));

    private static readonly string Refusal =
        "Tệp “bom.docx” khi giải nén có nội dung vượt quá giới hạn (20 MB cho mỗi phần văn bản, 20.000 đoạn văn); tệp có thể bị lỗi hoặc không phải kế hoạch. SoKet không mở tệp này. Vui lòng lưu lại kế hoạch bằng Word (chỉ phần văn bản) rồi gửi lại.";

    [Fact]
    public void A_document_part_that_declares_1_GB_is_refused_at_once()
    {
        var bytes = Bomb.Value;
        Assert.True(bytes.Length < PlanTextReader.DefaultMaxBytes, $"the bomb must pass the upload cap to reach the .docx reader ({bytes.Length} bytes)");

        var (result, elapsed, allocated) = Read(bytes, "bom.docx");

        Assert.Equal(PlanFileProblem.DocxTooLarge, result.Problem);
        Assert.Equal(Refusal, result.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_document_part_that_lies_about_its_size_is_refused_without_inflating_it()
    {
        // The zip says the part is 2 KB; it inflates to 1 GB. Its compressed data (about 1 MB) is more than
        // Deflate could ever make from 2 KB: the declared size is a lie, and the file is refused without inflating.
        var bytes = WithDeclaredSize(Bomb.Value, "word/document.xml", 2048);

        var (result, elapsed, allocated) = Read(bytes, "bom.docx");

        Assert.Equal(PlanFileProblem.DocxTooLarge, result.Problem);
        Assert.Equal(Refusal, result.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("word/document.dat", false)]
    [InlineData("word/media/image1.png", false)]
    [InlineData("word/document", false)]
    [InlineData("word/document.dat", true)]
    public void A_document_part_under_a_name_that_is_not_xml_is_measured_all_the_same(string partName, bool byDefaultExtension)
    {
        // The SDK finds the document through _rels/.rels and [Content_Types].xml (an override for the part, or a default
        // for its extension), whatever the part is called: a name is no proof that a part is a picture.
        var bytes = DocxWithDocumentPart(SixtyFourMegabytes, partName, byDefaultExtension);
        Assert.True(bytes.Length < PlanTextReader.DefaultMaxBytes, $"the bomb must pass the upload cap to reach the .docx reader ({bytes.Length} bytes)");

        var (result, elapsed, allocated) = Read(bytes, "bom.docx");

        Assert.Equal(PlanFileProblem.DocxTooLarge, result.Problem);
        Assert.Equal(Refusal, result.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
        Assert.True(allocated < 16L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Too_many_paragraphs_in_a_document_part_not_named_xml_are_refused()
    {
        // Small on the wire and under the byte caps: the elements are counted whatever the part is called.
        var paragraphs = new StringBuilder();
        for (var i = 0; i <= DocxLimits.MaxParagraphs; i++)
        {
            paragraphs.Append("<w:p/>");
        }

        var bytes = DocxWithDocumentXml(DocumentStart + paragraphs + DocumentEnd, "word/document.dat");

        Assert.Equal(PlanFileProblem.DocxTooLarge, Read(bytes, "bom.docx").Result.Problem);
    }

    [Fact]
    public void A_part_split_into_interleaved_pieces_is_refused()
    {
        // The packaging layer joins "/[0].piece" ... "/[n].last.piece" into one part: each piece alone could pass the caps.
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddPackageParts(archive);
            Write(archive, "word/document.xml/[0].piece", DocumentStart);
            Write(archive, "word/document.xml/[1].last.piece", DocumentEnd);
        }

        Assert.Equal(PlanFileProblem.CorruptDocx, DocxLimits.Check(output.ToArray()));
    }

    [Fact]
    public void A_real_plan_with_a_large_picture_passes_the_limits()
    {
        // 8 MB of random bytes: a photograph does not compress, so its entry inflates to what it weighs.
        var picture = new byte[8 << 20];
        new Random(13).NextBytes(picture);
        var output = new MemoryStream();
        output.Write(DocxPlanBuilder.FromText(SeedPlans.RawText(SeedPlans.LaiChau), 4, 2));
        using (var document = WordprocessingDocument.Open(output, isEditable: true))
        {
            var image = document.MainDocumentPart!.AddImagePart(ImagePartType.Jpeg);
            using var stream = new MemoryStream(picture);
            image.FeedData(stream);
        }

        var docx = output.ToArray();
        Assert.True(docx.Length < PlanTextReader.DefaultMaxBytes, $"{docx.Length} bytes");

        Assert.Null(DocxLimits.Check(docx));
        var result = Read(docx, "ke-hoach.docx").Result;
        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public void Parts_each_under_the_cap_but_too_large_together_are_refused()
    {
        // Three 15 MB parts: each passes the 20 MB part cap, together they pass the 40 MB total.
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddPackageParts(archive);
            Write(archive, "word/document.xml", DocumentStart + DocumentEnd);
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            foreach (var name in new[] { "word/header1.xml", "word/header2.xml", "word/header3.xml" })
            {
                using var part = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                part.Write("<?xml version=\"1.0\"?><w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"u8);
                for (var i = 0; i < 15; i++)
                {
                    part.Write(spaces);
                }

                part.Write("</w:hdr>"u8);
            }
        }

        Assert.Equal(PlanFileProblem.DocxTooLarge, Read(output.ToArray(), "bom.docx").Result.Problem);
    }

    [Fact]
    public void Too_many_paragraphs_are_refused()
    {
        var paragraphs = new StringBuilder();
        for (var i = 0; i <= DocxLimits.MaxParagraphs; i++)
        {
            paragraphs.Append("<w:p/>");
        }

        var bytes = DocxWithDocumentXml(DocumentStart + paragraphs + DocumentEnd);

        Assert.Equal(PlanFileProblem.DocxTooLarge, Read(bytes, "bom.docx").Result.Problem);
    }

    [Fact]
    public void A_real_plan_passes_the_limits()
    {
        var docx = DocxPlanBuilder.FromText(SeedPlans.RawText(SeedPlans.LaiChau), 4, 2);
        Assert.Null(DocxLimits.Check(docx));
        Assert.True(Read(docx, "ke-hoach.docx").Result.Succeeded);
    }

    [Fact]
    public void Numbering_that_starts_near_int_max_gives_bounded_labels()
    {
        var docx = DocxPlanBuilder.WithNumbering(
            [
                (0, NumberFormatValues.UpperLetter, "%1.", int.MaxValue - 1),
                (1, NumberFormatValues.Decimal, "%1.%2.", int.MaxValue),
                (2, NumberFormatValues.UpperRoman, "%3.", int.MaxValue),
                (50, NumberFormatValues.Decimal, "%1.", 1),
            ],
            level0StartOverride: int.MaxValue,
            [(0, "Mục một"), (0, "Mục hai"), (1, "Mục con"), (2, "Mục La Mã"), (50, "Cấp không tồn tại"), (-3, "Cấp âm")]);

        var stopwatch = Stopwatch.StartNew();
        var result = Read(docx, "danh-so.docx").Result;
        stopwatch.Stop();

        Assert.True(result.Succeeded, result.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
        var lines = result.Plan!.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Counters stop at Word's ceiling, 32767; letters past "ZZZ" are written in digits; levels outside 0-8 are not numbered.
        Assert.Equal(
            ["32767. Mục một", "32767. Mục hai", "32767.32767. Mục con", "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMDCCLXVII Mục La Mã", "Cấp không tồn tại", "Cấp âm"],
            lines);
        Assert.All(lines, l => Assert.True(l.IndexOf(' ', StringComparison.Ordinal) <= 40, l));
    }

    private static (PlanReadResult Result, TimeSpan Elapsed, long Allocated) Read(byte[] bytes, string name)
    {
        using var stream = new MemoryStream(bytes);
        var reader = new PlanTextReader();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var result = reader.TryRead(stream, name);
        stopwatch.Stop();
        // The upload itself is copied once by the reader; count only what reading it added.
        return (result, stopwatch.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before - (2L * bytes.Length));
    }

    /// <summary>
    /// A minimal .docx whose document part, named <paramref name="partName"/>, inflates to about
    /// <paramref name="inflated"/> bytes, streamed through Deflate: never held in memory. The content types name the
    /// part by an override, or (<paramref name="byDefaultExtension"/>) by a default for its extension.
    /// </summary>
    internal static byte[] DocxWithDocumentPart(long inflated, string partName = "word/document.xml", bool byDefaultExtension = false)
    {
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddPackageParts(archive, partName, byDefaultExtension);
            var entry = archive.CreateEntry(partName, CompressionLevel.Optimal);
            using var part = entry.Open();
            part.Write(Encoding.UTF8.GetBytes(DocumentStart));
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (long written = 0; written < inflated; written += spaces.Length)
            {
                part.Write(spaces);
            }

            part.Write(Encoding.UTF8.GetBytes(DocumentEnd));
        }

        return output.ToArray();
    }

    private static byte[] DocxWithDocumentXml(string xml, string partName = "word/document.xml")
    {
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddPackageParts(archive, partName);
            Write(archive, partName, xml);
        }

        return output.ToArray();
    }

    private static void AddPackageParts(ZipArchive archive, string documentPart = "word/document.xml", bool byDefaultExtension = false)
    {
        const string Main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
        var named = byDefaultExtension
            ? $"""<Default Extension="{Path.GetExtension(documentPart).TrimStart('.')}" ContentType="{Main}"/>"""
            : $"""<Override PartName="/{documentPart}" ContentType="{Main}"/>""";
        Write(archive, "[Content_Types].xml", $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{named}</Types>""");
        Write(archive, "_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{documentPart}"/></Relationships>""");
    }

    private static void Write(ZipArchive archive, string name, string text)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>Rewrites the uncompressed size an entry declares, in its local header and in the central directory.</summary>
    private static byte[] WithDeclaredSize(byte[] zip, string entryName, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), size);
                patched++;
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), size);
                patched++;
            }
        }

        Assert.Equal(2, patched);
        return bytes;
    }
}
