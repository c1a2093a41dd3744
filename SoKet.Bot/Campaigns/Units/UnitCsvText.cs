using SoKet.Bot.Text;
using System.Globalization;
using System.Text;

namespace SoKet.Bot.Campaigns.Units;

/// <summary>
/// Turns the bytes of an uploaded unit list into text, or says in Vietnamese why it cannot: an Excel
/// workbook sent instead of its CSV export, binary data, or a legacy code page (Windows-1258, TCVN3)
/// that would silently garble every Vietnamese name.
/// </summary>
internal static class UnitCsvText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Decode(byte[] bytes, string fileLabel, out UnitCsvProblem? problem)
    {
        problem = null;
        if (bytes.Length == 0)
            return Refuse(out problem, Empty(fileLabel));

        var span = bytes.AsSpan();
        if (span.StartsWith("PK\u0003\u0004"u8))
            return Refuse(out problem, $"Tệp {fileLabel} là bảng tính Excel (.xlsx) hoặc tệp nén, không phải tệp CSV. {SaveAsCsvUtf8}");
        if (span.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            return Refuse(out problem, $"Tệp {fileLabel} là bảng tính Excel cũ (.xls), không phải tệp CSV. {SaveAsCsvUtf8}");

        string? text;
        if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            text = TryDecode(StrictUtf8, bytes, 3);
        else if (span.StartsWith(new byte[] { 0xFF, 0xFE }))
            text = TryDecode(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 2);
        else if (span.StartsWith(new byte[] { 0xFE, 0xFF }))
            text = TryDecode(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes, 2);
        else if (span.Contains((byte)0))
            return Refuse(out problem, Binary(fileLabel));
        else
            text = TryDecode(StrictUtf8, bytes, 0);

        if (text is null)
        {
            // Bytes that are not UTF-8 and not obviously binary: almost always an "ANSI" CSV from an old Excel.
            return LooksBinary(bytes)
                ? Refuse(out problem, Binary(fileLabel))
                : Refuse(out problem, $"Tệp {fileLabel} không dùng bảng mã UTF-8 (có thể được lưu bằng bảng mã Windows-1258 hoặc TCVN3), nên chữ tiếng Việt sẽ bị sai. {SaveAsCsvUtf8}");
        }

        if (!LooksLikeText(text))
            return Refuse(out problem, Binary(fileLabel));
        if (string.IsNullOrWhiteSpace(text))
            return Refuse(out problem, Empty(fileLabel));
        return text;
    }

    public static string TooLarge(string fileLabel, long size, long maxBytes)
    {
        var sizeText = size > 0 ? $" có dung lượng {FileSizes.FormatOver(size)}," : "";
        return $"Tệp {fileLabel}{sizeText} vượt quá giới hạn {FileSizes.Format(maxBytes)} của một danh sách đơn vị. Vui lòng kiểm tra lại tệp (chỉ gồm các cột của danh sách đơn vị) rồi gửi lại.";
    }

    public static string Label(string? fileName) => string.IsNullOrWhiteSpace(fileName) ? "đã gửi" : $"“{fileName}”";

    private const string SaveAsCsvUtf8 =
        "Vui lòng mở bằng Excel, chọn Lưu thành (Save As) kiểu “CSV UTF-8 (Comma delimited) (*.csv)” rồi gửi lại tệp .csv.";

    private static string Empty(string fileLabel) =>
        $"Tệp {fileLabel} rỗng, không có dòng nào. Vui lòng gửi tệp CSV có dòng tiêu đề và danh sách đơn vị.";

    private static string Binary(string fileLabel) =>
        $"Tệp {fileLabel} không phải tệp văn bản CSV (có vẻ là dữ liệu nhị phân: ảnh, PDF hoặc tệp nén). Vui lòng gửi danh sách đơn vị dạng CSV (UTF-8).";

    private static string? Refuse(out UnitCsvProblem? problem, string message)
    {
        problem = new UnitCsvProblem(null, message);
        return null;
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

    /// <summary>Text has almost no control characters besides tab and line breaks.</summary>
    private static bool LooksLikeText(string text)
    {
        var sample = text.Length > 65536 ? text[..65536] : text;
        var control = sample.Count(c => c == '\0' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')));
        return !sample.Contains('\0', StringComparison.Ordinal) && control * 100 <= sample.Length;
    }

    /// <summary>Legacy code pages put letters in 0x80–0xFF but keep ASCII control bytes out of text.</summary>
    private static bool LooksBinary(byte[] bytes)
    {
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 65536));
        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f'))
                control++;
        }
        return control * 100 > sample.Length;
    }
}
