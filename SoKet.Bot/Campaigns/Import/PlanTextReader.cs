using System.Text;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>How the plan arrived; the text is normalised the same way whatever the format.</summary>
public enum PlanFileFormat
{
    PlainText,
    Markdown,
    Docx,
}

/// <summary>A plan's text, normalised by <see cref="PlanTextNormalizer"/>, with where it came from.</summary>
public sealed record PlanText(string FileName, PlanFileFormat Format, string Text);

/// <summary>
/// Reads an uploaded plan (.docx, .txt, .md) into normalised text, or refuses it with a Vietnamese
/// message naming the problem. The file's content decides more than its extension: a PDF or a zip
/// renamed .txt is recognised for what it is, and a .docx renamed .txt is read as a .docx.
/// </summary>
public sealed class PlanTextReader
{
    /// <summary>10 MB: a plan is a few pages of text; anything bigger is scanned images or the wrong file.</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public PlanTextReader(long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }

    /// <summary>Reads a file from disk; throws <see cref="PlanFileRejectedException"/> when it is refused.</summary>
    public PlanText Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fileName = Path.GetFileName(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxBytes)
        {
            throw Reject(PlanFileProblem.TooLarge, fileName, info.Length);
        }

        using var stream = File.OpenRead(path);
        return Read(stream, fileName);
    }

    /// <summary>Reads an upload; throws <see cref="PlanFileRejectedException"/> when it is refused.</summary>
    public PlanText Read(Stream content, string fileName)
    {
        var result = TryRead(content, fileName);
        if (result.Plan is { } plan)
        {
            return plan;
        }

        throw new PlanFileRejectedException(result.Problem!.Value, fileName, result.Message!);
    }

    /// <summary>Reads an upload without throwing for a bad file (I/O errors on the stream still throw).</summary>
    public PlanReadResult TryRead(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        fileName ??= string.Empty;

        var bytes = ReadCapped(content, out var totalSize);
        if (bytes is null)
        {
            return Failure(PlanFileProblem.TooLarge, fileName, totalSize);
        }

        if (bytes.Length == 0)
        {
            return Failure(PlanFileProblem.Empty, fileName);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var sniffed = FileSignature.Detect(bytes);
        switch (sniffed)
        {
            case FileSignature.Kind.Pdf:
                return Failure(PlanFileProblem.Pdf, fileName);
            case FileSignature.Kind.OleCompound:
                return Failure(PlanFileProblem.LegacyWord, fileName);
            case FileSignature.Kind.Zip when extension is ".docx" or ".txt" or ".md" or ".markdown" or "":
                return ReadDocx(bytes, fileName);
            case FileSignature.Kind.Zip:
            case FileSignature.Kind.Image:
                return Failure(PlanFileProblem.UnsupportedType, fileName);
        }

        return extension switch
        {
            ".docx" => Failure(PlanFileProblem.CorruptDocx, fileName),
            ".txt" or ".text" or "" => ReadText(bytes, fileName, PlanFileFormat.PlainText),
            ".md" or ".markdown" => ReadText(bytes, fileName, PlanFileFormat.Markdown),
            ".doc" => Failure(PlanFileProblem.LegacyWord, fileName),
            ".pdf" => Failure(PlanFileProblem.Pdf, fileName),
            _ => Failure(PlanFileProblem.UnsupportedType, fileName),
        };
    }

    private PlanReadResult ReadDocx(byte[] bytes, string fileName)
    {
        if (!DocxTextExtractor.TryExtract(bytes, out var raw, out var problem))
        {
            return Failure(problem ?? PlanFileProblem.CorruptDocx, fileName);
        }

        return Finish(raw, fileName, PlanFileFormat.Docx);
    }

    private PlanReadResult ReadText(byte[] bytes, string fileName, PlanFileFormat format)
    {
        var decoded = TextDecoding.TryDecode(bytes);
        if (decoded is null || !TextDecoding.LooksLikeText(decoded))
        {
            return Failure(PlanFileProblem.NotText, fileName);
        }

        return Finish(decoded, fileName, format);
    }

    private PlanReadResult Finish(string raw, string fileName, PlanFileFormat format)
    {
        var text = PlanTextNormalizer.Normalize(raw);
        return string.IsNullOrWhiteSpace(text)
            ? Failure(PlanFileProblem.Empty, fileName)
            : PlanReadResult.Success(new PlanText(fileName, format, text));
    }

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes, so a 2 GB upload costs no more than the cap.</summary>
    private byte[]? ReadCapped(Stream content, out long totalSize)
    {
        if (content.CanSeek && content.Length - content.Position > MaxBytes)
        {
            totalSize = content.Length - content.Position;
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                // The real size of a non-seekable upload is unknown; the message then states only the cap.
                totalSize = 0;
                return null;
            }
        }

        totalSize = buffer.Length;
        return buffer.ToArray();
    }

    private PlanReadResult Failure(PlanFileProblem problem, string fileName, long size = 0) =>
        PlanReadResult.Failure(problem, PlanFileMessages.For(problem, fileName, size, MaxBytes));

    private PlanFileRejectedException Reject(PlanFileProblem problem, string fileName, long size) =>
        new(problem, fileName, PlanFileMessages.For(problem, fileName, size, MaxBytes));

    private static class FileSignature
    {
        public enum Kind
        {
            Unknown,
            Pdf,
            Zip,
            OleCompound,
            Image,
        }

        public static Kind Detect(ReadOnlySpan<byte> bytes)
        {
            if (bytes.StartsWith("%PDF"u8))
            {
                return Kind.Pdf;
            }

            if (bytes.StartsWith("PK\u0003\u0004"u8))
            {
                return Kind.Zip;
            }

            if (bytes.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            {
                return Kind.OleCompound;
            }

            if (bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) || bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ||
                bytes.StartsWith("GIF8"u8))
            {
                return Kind.Image;
            }

            return Kind.Unknown;
        }
    }

    private static class TextDecoding
    {
        /// <summary>BOM first (UTF-8, UTF-16 LE/BE); without one, strict UTF-8, then UTF-16 recognised by its zero bytes.</summary>
        public static string? TryDecode(byte[] bytes)
        {
            if (bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            {
                return TryDecode(StrictUtf8, bytes, 3);
            }

            if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
            {
                return TryDecode(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 2);
            }

            if (bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
            {
                return TryDecode(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 2);
            }

            var utf8 = TryDecode(StrictUtf8, bytes, 0);
            if (utf8 is not null && !utf8.Contains('\0', StringComparison.Ordinal))
            {
                return utf8;
            }

            return LooksLikeUtf16(bytes, out var bigEndian)
                ? TryDecode(new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 0)
                : utf8;
        }

        /// <summary>
        /// Text has almost no control characters besides tab and line breaks; binary data renamed .txt
        /// that happens to be valid UTF-8 still fails here.
        /// </summary>
        public static bool LooksLikeText(string text)
        {
            var sample = text.Length > 65536 ? text[..65536] : text;
            var control = 0;
            foreach (var c in sample)
            {
                if (c == '\0')
                {
                    return false;
                }

                if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
                {
                    control++;
                }
            }

            return control * 100 <= sample.Length;
        }

        private static string? TryDecode(Encoding encoding, byte[] bytes, int offset)
        {
            try
            {
                return encoding.GetString(bytes, offset, bytes.Length - offset);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }

        /// <summary>Vietnamese and ASCII in UTF-16 put a zero in the high byte of most characters.</summary>
        private static bool LooksLikeUtf16(byte[] bytes, out bool bigEndian)
        {
            bigEndian = false;
            if (bytes.Length < 4 || bytes.Length % 2 != 0)
            {
                return false;
            }

            int zeroEven = 0, zeroOdd = 0;
            var pairs = Math.Min(bytes.Length / 2, 4096);
            for (var i = 0; i < pairs; i++)
            {
                if (bytes[2 * i] == 0)
                {
                    zeroEven++;
                }

                if (bytes[(2 * i) + 1] == 0)
                {
                    zeroOdd++;
                }
            }

            bigEndian = zeroEven > zeroOdd;
            return Math.Max(zeroEven, zeroOdd) * 10 >= pairs * 3 && Math.Min(zeroEven, zeroOdd) * 10 < pairs;
        }
    }
}
