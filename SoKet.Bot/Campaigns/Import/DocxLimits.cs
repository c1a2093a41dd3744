using System.IO.Compression;
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
/// <item>every XML part is inflated once through a counter that stops at the cap, whatever the reader does, while a
/// streaming XML reader counts elements and paragraphs.</item>
/// </list>
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

    /// <summary>40 MB for all XML parts together: bounds the inflating work however many parts a file declares.</summary>
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
                if (entry.CompressedLength > DeflateBound(entry.Length))
                {
                    return PlanFileProblem.DocxTooLarge;
                }

                if (!IsXmlPart(entry.FullName))
                {
                    // Images and other binaries are never opened by the importer.
                    continue;
                }

                // The declared size refuses an honest bomb before a single byte is inflated.
                if (entry.Length > MaxXmlPartBytes || total + entry.Length > MaxTotalXmlBytes)
                {
                    return PlanFileProblem.DocxTooLarge;
                }

                var cap = Math.Min(MaxXmlPartBytes, MaxTotalXmlBytes - total);
                using var counted = new CappedStream(entry.Open(), cap, entry.Length);
                if (!CountXml(counted, ref paragraphs))
                {
                    return PlanFileProblem.DocxTooLarge;
                }

                total += counted.BytesRead;
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

    /// <summary>Reads the part once, streaming: false when it holds too many elements, or the package too many paragraphs.</summary>
    private static bool CountXml(Stream part, ref int paragraphs)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(part, settings);
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (++elements > MaxElementsPerPart)
            {
                return false;
            }

            if (reader.LocalName == "p" && reader.NamespaceURI == WordprocessingNamespace && ++paragraphs > MaxParagraphs)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Counts the bytes inflated and stops past the cap or past the size the entry declared.</summary>
    private sealed class CappedStream(Stream inner, long cap, long declared) : Stream
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
            if (BytesRead > cap || BytesRead > declared)
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
