using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using System.Xml;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// Caps on what a .docx may expand to before SoKet loads it. A .docx is a zip: 10 MB on the wire (the reader's
/// cap) can hold a document part that inflates to gigabytes (a zip bomb), and Open XML SDK loads a part it reads
/// whole. So before the package is opened:
/// <list type="bullet">
/// <item>the size each entry declares is checked against the caps, refusing an honest bomb before inflating a byte;</item>
/// <item>an entry whose compressed data is larger than Deflate could ever make from its declared size is lying about
/// that size (a crafted entry can declare 2 KB and inflate to 1 GB) and is refused too. .NET's zip reader stops
/// inflating at the declared size, so such a part could only reach the SDK truncated; refusing it says why;</item>
/// <item>every entry is read as XML through a counter that stops at its declared size, whatever the reader does, while a
/// streaming XML reader counts elements and paragraphs, up to where the entry stops being XML.</item>
/// </list>
/// Every entry is measured whatever it is called: the SDK finds its parts through _rels/.rels and
/// [Content_Types].xml, so a document part named "word/document.dat" or "word/media/image1.png" is loaded all the
/// same, and a rule that trusts names can be walked around. Images and other binaries are measured too; they are
/// compressed already (their ratio is about 1), so a real document with pictures stays far inside the caps.
/// Only then does the SDK build its tree, which these numbers bound.
/// </summary>
internal static class DocxLimits
{
    /// <summary>
    /// 20 MB for one XML part (document.xml, styles.xml, numbering.xml ...). A plan of a few pages has a
    /// document.xml of 50-300 KB; a 100-page report with tables stays under 5 MB. Twenty times the latter is
    /// room for any real document, and still a part the SDK can hold in memory.
    /// </summary>
    public const long MaxXmlPartBytes = 20L * 1024 * 1024;

    /// <summary>
    /// 40 MB for all entries together, pictures included: bounds the inflating work however many parts a file
    /// declares. Pictures barely compress, so a file within the 10 MB upload cap inflates to little more than 10 MB.
    /// </summary>
    public const long MaxTotalXmlBytes = 40L * 1024 * 1024;

    /// <summary>A Word document has 10-30 parts, a few hundred with many images; thousands of entries is not a plan.</summary>
    public const int MaxEntries = 2000;

    /// <summary>
    /// 20,000 paragraphs (w:p) in the whole package: a plan has a few hundred, a 100-page document a few thousand.
    /// Every paragraph becomes a line the importer reads.
    /// </summary>
    public const int MaxParagraphs = 20_000;

    /// <summary>
    /// 500,000 XML elements in one part: the SDK keeps an object per element, so this bounds its tree (a 100-page
    /// document with tables has about 100,000). 20 MB of "&lt;w:p/&gt;" would otherwise be three million objects.
    /// </summary>
    public const int MaxElementsPerPart = 500_000;

    /// <summary>
    /// How the readers open a package that passed <see cref="Check"/>: the SDK itself refuses a part longer than the
    /// part cap, a second fence in case a part ever reaches it that the check did not foresee.
    /// </summary>
    public static OpenSettings OpenSettings => new() { MaxCharactersInPart = MaxXmlPartBytes };

    private const string WordprocessingNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>Null when the package stays within the caps; otherwise the problem to report.</summary>
    public static PlanFileProblem? Check(byte[] bytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
            {
                return PlanFileProblem.DocxTooLarge;
            }

            long total = 0;
            var paragraphs = 0;
            foreach (var entry in archive.Entries)
            {
                // The packaging layer joins the pieces of an interleaved part ("/[0].piece", "/[1].last.piece") into
                // one part the SDK loads: measured one by one, each could stay under the caps. Word never writes them.
                if (entry.FullName.Contains(".piece", StringComparison.OrdinalIgnoreCase))
                {
                    return PlanFileProblem.CorruptDocx;
                }

                if (entry.CompressedLength > DeflateBound(entry.Length))
                {
                    return PlanFileProblem.DocxTooLarge;
                }

                // The declared size refuses an honest bomb before a single byte is inflated. It is what the entry
                // can ever give (the reader stops there, and the counter below refuses more), so it is what counts.
                if (entry.Length > MaxXmlPartBytes || total + entry.Length > MaxTotalXmlBytes)
                {
                    return PlanFileProblem.DocxTooLarge;
                }

                total += entry.Length;
                using var counted = new CappedStream(entry.Open(), entry.Length);
                switch (CountXml(counted, ref paragraphs))
                {
                    case XmlCount.TooMany:
                        return PlanFileProblem.DocxTooLarge;
                    case XmlCount.NotXml when IsXmlPart(entry.FullName):
                        return PlanFileProblem.CorruptDocx;
                }
            }

            return null;
        }
        catch (CappedStream.LimitExceededException)
        {
            return PlanFileProblem.DocxTooLarge;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            return PlanFileProblem.CorruptDocx;
        }
    }

    /// <summary>
    /// The most compressed bytes Deflate (or storing) produces for <paramref name="size"/> bytes of input: zlib's
    /// compressBound, n + n/4096 + n/16384 + n/2^25 + 13. A larger compressed entry holds more than it declares.
    /// </summary>
    private static long DeflateBound(long size) => size + (size >> 12) + (size >> 14) + (size >> 25) + 13;

    private static bool IsXmlPart(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private enum XmlCount { Counted, TooMany, NotXml }

    /// <summary>
    /// Reads the entry once, streaming, counting elements (of this entry) and paragraphs (of the package). An entry
    /// stops being counted where it stops being XML: a picture at its first byte, a broken part where it breaks. The
    /// SDK's XML reader stops at the same byte, so no tree it could build from the entry holds more than was counted.
    /// </summary>
    private static XmlCount CountXml(Stream part, ref int paragraphs)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            CloseInput = false,
        };
        var elements = 0;
        try
        {
            using var reader = XmlReader.Create(part, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (++elements > MaxElementsPerPart)
                {
                    return XmlCount.TooMany;
                }

                if (reader.LocalName == "p" && reader.NamespaceURI == WordprocessingNamespace && ++paragraphs > MaxParagraphs)
                {
                    return XmlCount.TooMany;
                }
            }

            return XmlCount.Counted;
        }
        catch (Exception ex) when (ex is XmlException or ArgumentException or NotSupportedException)
        {
            // Not XML (a picture, a font, an embedded object), or an encoding no XML reader decodes.
            return XmlCount.NotXml;
        }
    }

    /// <summary>Counts the bytes inflated and stops past the size the entry declared (which the caps have bounded).</summary>
    private sealed class CappedStream(Stream inner, long declared) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            BytesRead += read;
            if (BytesRead > declared)
            {
                throw new LimitExceededException();
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public sealed class LimitExceededException : Exception
        {
            public LimitExceededException()
                : base("A .docx part inflates beyond its cap or its declared size.")
            {
            }
        }
    }
}
