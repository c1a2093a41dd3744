using System.Text;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>Bad uploads are refused with a Vietnamese message that names the file and the problem.</summary>
public sealed class PlanFileRejectionTests
{
    [Theory]
    [InlineData("ke-hoach.txt")]
    [InlineData("ke-hoach.docx")]
    [InlineData("ke-hoach.md")]
    public void Refuses_an_empty_file(string name)
    {
        var result = TryRead([], name);
        Assert.Equal(PlanFileProblem.Empty, result.Problem);
        Assert.Equal($"Tệp “{name}” rỗng, không có nội dung văn bản. Vui lòng gửi lại tệp kế hoạch có nội dung.", result.Message);
    }

    [Fact]
    public void Refuses_a_file_of_only_whitespace()
    {
        var result = TryRead(Encoding.UTF8.GetBytes(" \r\n\t\u00A0\n"), "trong.txt");
        Assert.Equal(PlanFileProblem.Empty, result.Problem);
    }

    [Fact]
    public void Refuses_random_bytes_renamed_txt()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        var result = TryRead(bytes, "ke-hoach.txt");
        Assert.False(result.Succeeded);
        Assert.Equal(PlanFileProblem.NotText, result.Problem);
        Assert.Contains("“ke-hoach.txt” không phải văn bản đọc được", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_pdf_even_renamed_txt()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
        foreach (var name in new[] { "ke-hoach.pdf", "ke-hoach.txt" })
        {
            var result = TryRead(pdf, name);
            Assert.Equal(PlanFileProblem.Pdf, result.Problem);
            Assert.Equal($"Tệp “{name}” là tệp PDF; SoKet chưa đọc được PDF. Vui lòng gửi bản .docx hoặc .txt của kế hoạch.", result.Message);
        }
    }

    [Fact]
    public void Refuses_a_legacy_word_document()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        var result = TryRead(ole, "ke-hoach.doc");
        Assert.Equal(PlanFileProblem.LegacyWord, result.Problem);
        Assert.Contains("định dạng Word cũ (.doc)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_docx_that_is_not_a_word_package()
    {
        var result = TryRead(Encoding.UTF8.GetBytes("đây không phải tệp Word"), "ke-hoach.docx");
        Assert.Equal(PlanFileProblem.CorruptDocx, result.Problem);

        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("not a document");
        }

        result = TryRead(zip.ToArray(), "ke-hoach.docx");
        Assert.Equal(PlanFileProblem.CorruptDocx, result.Problem);
        Assert.Contains("Không mở được tệp “ke-hoach.docx” như một tài liệu Word (.docx)", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bang-diem.xlsx")]
    [InlineData("anh.jpg")]
    [InlineData("ke-hoach.rtf")]
    public void Refuses_unsupported_types(string name)
    {
        var result = TryRead(Encoding.UTF8.GetBytes("KẾ HOẠCH"), name);
        Assert.Equal(PlanFileProblem.UnsupportedType, result.Problem);
        Assert.Equal($"Định dạng của tệp “{name}” chưa được hỗ trợ. SoKet đọc được kế hoạch dạng .docx, .txt hoặc .md.", result.Message);
    }

    [Fact]
    public void Refuses_a_20_mb_upload_naming_its_size()
    {
        using var stream = new CountingStream(20L * 1024 * 1024, canSeek: true);
        var result = new PlanTextReader().TryRead(stream, "ke-hoach-scan.docx");
        Assert.Equal(PlanFileProblem.TooLarge, result.Problem);
        Assert.Equal("Tệp “ke-hoach-scan.docx” có dung lượng 20 MB, vượt quá giới hạn 10 MB. Vui lòng gửi tệp kế hoạch nhỏ hơn (chỉ phần văn bản, không kèm ảnh quét).", result.Message);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void A_file_one_byte_over_the_limit_is_not_said_to_be_as_large_as_the_limit()
    {
        using var stream = new CountingStream(PlanTextReader.DefaultMaxBytes + 1, canSeek: true);
        var result = new PlanTextReader().TryRead(stream, "ke-hoach.docx");
        Assert.Equal(PlanFileProblem.TooLarge, result.Problem);
        Assert.StartsWith("Tệp “ke-hoach.docx” có dung lượng 10,1 MB, vượt quá giới hạn 10 MB.", result.Message);
    }

    [Fact]
    public void Refuses_a_20_mb_stream_of_unknown_length_without_reading_it_all()
    {
        using var stream = new CountingStream(20L * 1024 * 1024, canSeek: false);
        var result = new PlanTextReader().TryRead(stream, "ke-hoach-scan.docx");
        Assert.Equal(PlanFileProblem.TooLarge, result.Problem);
        Assert.Equal("Tệp “ke-hoach-scan.docx” vượt quá giới hạn 10 MB. Vui lòng gửi tệp kế hoạch nhỏ hơn (chỉ phần văn bản, không kèm ảnh quét).", result.Message);
        Assert.True(stream.BytesRead <= PlanTextReader.DefaultMaxBytes + 81920);
    }

    [Fact]
    public void Applies_the_size_cap_given_to_the_reader()
    {
        var reader = new PlanTextReader(maxBytes: 1024);
        using var big = new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 2048)));
        Assert.Equal(PlanFileProblem.TooLarge, reader.TryRead(big, "a.txt").Problem);

        using var small = new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 1000)));
        Assert.True(reader.TryRead(small, "a.txt").Succeeded);
    }

    [Fact]
    public void Read_throws_a_typed_exception_carrying_the_message()
    {
        var path = Path.Combine(Path.GetTempPath(), $"soket-empty-{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, []);
        try
        {
            var ex = Assert.Throws<PlanFileRejectedException>(() => new PlanTextReader().Read(path));
            Assert.Equal(PlanFileProblem.Empty, ex.Problem);
            Assert.Equal(Path.GetFileName(path), ex.FileName);
            Assert.StartsWith($"Tệp “{Path.GetFileName(path)}” rỗng", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_refuses_an_oversize_file_on_disk_by_its_length()
    {
        var path = Path.Combine(Path.GetTempPath(), $"soket-big-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, new string('x', 5000));
        try
        {
            var ex = Assert.Throws<PlanFileRejectedException>(() => new PlanTextReader(maxBytes: 4096).Read(path));
            Assert.Equal(PlanFileProblem.TooLarge, ex.Problem);
            Assert.Contains("vượt quá giới hạn 4 KB", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static PlanReadResult TryRead(byte[] bytes, string name)
    {
        using var stream = new MemoryStream(bytes);
        return new PlanTextReader().TryRead(stream, name);
    }

    /// <summary>A large text upload that counts how much the reader pulled.</summary>
    private sealed class CountingStream(long length, bool canSeek) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => canSeek;

        public override bool CanWrite => false;

        public override long Length => canSeek ? length : throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Fill(buffer, (byte)'a', offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
