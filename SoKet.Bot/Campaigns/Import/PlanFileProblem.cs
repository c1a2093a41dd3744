using SoKet.Bot.Text;
using System.Globalization;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>Why an uploaded plan file could not be read.</summary>
public enum PlanFileProblem
{
    /// <summary>Zero bytes, or only whitespace once decoded.</summary>
    Empty,

    /// <summary>Larger than the reader's size cap.</summary>
    TooLarge,

    /// <summary>An extension SoKet does not read (.xlsx, .jpg, ...).</summary>
    UnsupportedType,

    /// <summary>A PDF, whatever its extension.</summary>
    Pdf,

    /// <summary>A legacy Word 97-2003 .doc (OLE compound file).</summary>
    LegacyWord,

    /// <summary>Bytes that are not UTF-8 or UTF-16 text (an image or archive renamed .txt, a legacy code page).</summary>
    NotText,

    /// <summary>A .docx that does not open as a WordprocessingML package.</summary>
    CorruptDocx,

    /// <summary>
    /// A .docx whose parts inflate beyond <see cref="DocxLimits"/> (a zip bomb), or that holds more parts,
    /// elements or paragraphs than any plan: refused before it is loaded.
    /// </summary>
    DocxTooLarge,
}

/// <summary>
/// Thrown by <see cref="PlanTextReader.Read(string)"/> when a file is refused; <see cref="Exception.Message"/>
/// is the Vietnamese sentence to show the user, naming the file and the problem.
/// </summary>
public sealed class PlanFileRejectedException : Exception
{
    public PlanFileRejectedException(PlanFileProblem problem, string fileName, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        FileName = fileName;
    }

    public PlanFileProblem Problem { get; }

    public string FileName { get; }
}

/// <summary>The outcome of <see cref="PlanTextReader.TryRead(Stream, string)"/>: either the text, or a problem with its message.</summary>
public sealed record PlanReadResult
{
    public PlanText? Plan { get; init; }

    public PlanFileProblem? Problem { get; init; }

    /// <summary>Vietnamese, ready to show to the user; null on success.</summary>
    public string? Message { get; init; }

    public bool Succeeded => Plan is not null;

    public static PlanReadResult Success(PlanText plan) => new() { Plan = plan };

    public static PlanReadResult Failure(PlanFileProblem problem, string message) => new() { Problem = problem, Message = message };
}

/// <summary>The Vietnamese messages users see when a plan file is refused.</summary>
public static class PlanFileMessages
{
    /// <param name="size">The file's size when known (0 when the upload could not tell it).</param>
    public static string For(PlanFileProblem problem, string fileName, long size = 0, long maxBytes = PlanTextReader.DefaultMaxBytes)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "đã gửi" : $"“{fileName}”";
        return problem switch
        {
            PlanFileProblem.Empty =>
                $"Tệp {name} rỗng, không có nội dung văn bản. Vui lòng gửi lại tệp kế hoạch có nội dung.",
            PlanFileProblem.TooLarge =>
                $"Tệp {name}{(size > 0 ? $" có dung lượng {FileSizes.FormatOver(size)}," : string.Empty)} vượt quá giới hạn {FileSizes.Format(maxBytes)}. Vui lòng gửi tệp kế hoạch nhỏ hơn (chỉ phần văn bản, không kèm ảnh quét).",
            PlanFileProblem.UnsupportedType =>
                $"Định dạng của tệp {name} chưa được hỗ trợ. SoKet đọc được kế hoạch dạng .docx, .txt hoặc .md.",
            PlanFileProblem.Pdf =>
                $"Tệp {name} là tệp PDF; SoKet chưa đọc được PDF. Vui lòng gửi bản .docx hoặc .txt của kế hoạch.",
            PlanFileProblem.LegacyWord =>
                $"Tệp {name} là định dạng Word cũ (.doc). Vui lòng mở bằng Word, chọn “Lưu thành” .docx rồi gửi lại.",
            PlanFileProblem.NotText =>
                $"Tệp {name} không phải văn bản đọc được (có vẻ là dữ liệu nhị phân hoặc không dùng bảng mã UTF-8/UTF-16). Vui lòng lưu kế hoạch thành .docx hoặc .txt (UTF-8) rồi gửi lại.",
            PlanFileProblem.CorruptDocx =>
                $"Không mở được tệp {name} như một tài liệu Word (.docx): tệp bị hỏng hoặc không đúng định dạng. Vui lòng lưu lại bằng Word rồi gửi lại.",
            PlanFileProblem.DocxTooLarge =>
                $"Tệp {name} khi giải nén có nội dung vượt quá giới hạn ({FileSizes.Format(DocxLimits.MaxXmlPartBytes)} cho mỗi phần văn bản, {DocxLimits.MaxParagraphs.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} đoạn văn); tệp có thể bị lỗi hoặc không phải kế hoạch. SoKet không mở tệp này. Vui lòng lưu lại kế hoạch bằng Word (chỉ phần văn bản) rồi gửi lại.",
            _ => $"Không đọc được tệp {name}.",
        };
    }

}
