using System.Globalization;

namespace SoKet.Bot.Text;

/// <summary>
/// Numbers as Vietnamese documents write them: "." groups thousands, "," marks decimals ("1.234,5"), a percentage
/// sticks to its sign ("95,5%"). The separators are spelled out rather than taken from the vi-VN culture so the output
/// does not depend on the ICU data installed on the server.
/// </summary>
public static class VietnameseNumbers
{
    private static readonly NumberFormatInfo Format = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>
    /// Every significant digit, never rounded: a report must repeat a unit's figure exactly as entered
    /// (45.678 → "45,678", 1234.50 → "1.234,5", 20 → "20").
    /// </summary>
    public static string FormatNumber(decimal value) =>
        value.ToString("#,##0.############################", Format);

    /// <summary>A percentage with at most one decimal, already rounded by the caller ("95,5%", "100%").</summary>
    public static string FormatPercent(decimal percent) =>
        Math.Round(percent, 1).ToString("#,##0.#", Format) + "%";

    /// <summary>
    /// A figure with its unit of measure: "%" sticks to the number ("4,2%"), any other unit follows after a space
    /// ("12 đảng viên", "45 triệu đồng/người/năm"); no unit, the bare number.
    /// </summary>
    public static string FormatQuantity(decimal value, string? unitOfMeasure)
    {
        var number = FormatNumber(value);
        var unit = unitOfMeasure?.Trim() ?? "";
        if (unit.Length == 0)
            return number;
        return unit == "%" ? number + "%" : number + " " + unit;
    }

    /// <summary>
    /// The value or values a written figure can stand for. Vietnamese writes "1.234" for one thousand two hundred and
    /// thirty-four, English writes it for a decimal; a lone separator followed by exactly three digits is therefore
    /// read both ways, any other lone separator as a decimal mark, and with both separators present the last one is
    /// the decimal mark ("1.234,5" and "1,234.5" are both 1234.5).
    /// </summary>
    public static IReadOnlyList<decimal> ParseCandidates(string written)
    {
        var text = written.Trim();
        if (text.Length == 0)
            return [];

        var lastDot = text.LastIndexOf('.');
        var lastComma = text.LastIndexOf(',');
        if (lastDot < 0 && lastComma < 0)
            return TryParse(text, out var whole) ? [whole] : [];

        if (lastDot >= 0 && lastComma >= 0)
        {
            var decimalAt = Math.Max(lastDot, lastComma);
            var integerPart = Digits(text[..decimalAt]);
            return TryParse(integerPart + "." + text[(decimalAt + 1)..], out var mixed) ? [mixed] : [];
        }

        var separator = lastDot >= 0 ? '.' : ',';
        var groups = text.Split(separator);
        if (groups.Length > 2)
            return TryParse(Digits(text), out var grouped) ? [grouped] : [];

        var candidates = new List<decimal>(2);
        if (TryParse(groups[0] + "." + groups[1], out var asDecimal))
            candidates.Add(asDecimal);
        if (groups[1].Length == 3 && groups[0].Length <= 3 && TryParse(groups[0] + groups[1], out var asThousands))
            candidates.Add(asThousands);
        return candidates;
    }

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    private static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
