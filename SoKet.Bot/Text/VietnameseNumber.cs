using System.Globalization;

namespace SoKet.Bot.Text;

/// <summary>
/// Numbers as Vietnamese users type them: "," is the decimal mark and "." groups thousands
/// ("1.234,5", "95,5%"), though a lone "." followed by other than three digits is read as a
/// decimal point ("95.5") and an English "1,234.5" is understood too.
/// </summary>
public static class VietnameseNumber
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static bool TryParse(string? text, out decimal value, out bool isPercent)
    {
        value = 0;
        isPercent = false;
        var s = new string((text ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (s.EndsWith('%'))
        {
            isPercent = true;
            s = s[..^1];
        }
        var negative = s.Length > 0 && s[0] is '-' or '\u2212';
        if (s.Length > 0 && s[0] is '-' or '\u2212' or '+')
            s = s[1..];
        if (s.Length == 0 || !s.All(c => char.IsAsciiDigit(c) || c is '.' or ','))
            return false;

        var (decimalMark, groupMark) = Marks(s);
        var parts = decimalMark is { } mark ? s.Split(mark) : [s];
        if (parts.Length > 2 || (parts.Length == 2 && !parts[1].All(char.IsAsciiDigit)) || parts[^1].Length == 0)
            return false;
        if (!TryReadWhole(parts[0], groupMark, out var whole) || (whole.Length == 0 && parts.Length == 1))
            return false;

        var invariant = (whole.Length == 0 ? "0" : whole) + (parts.Length == 2 ? "." + parts[1] : "");
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return false;
        if (negative)
            value = -value;
        return true;
    }

    /// <summary>"1.234,5": how a number is shown back to users.</summary>
    public static string Format(decimal value) => value.ToString("#,##0.##########", Vietnamese);

    private static (char? Decimal, char? Group) Marks(string s)
    {
        int dots = s.Count(c => c == '.'), commas = s.Count(c => c == ',');
        if (dots > 0 && commas > 0)
            return s.LastIndexOf('.') > s.LastIndexOf(',') ? ('.', ',') : (',', '.');
        if (commas > 0)
            return commas == 1 ? (',', null) : (null, ',');
        if (dots > 1)
            return (null, '.');
        if (dots == 1)
        {
            // "12.500" is twelve thousand five hundred in Vietnamese; "95.5" and "0.125" are decimals.
            var dot = s.IndexOf('.');
            var looksGrouped = s.Length - dot - 1 == 3 && dot is >= 1 and <= 3 && s[0] != '0';
            return looksGrouped ? (null, '.') : ('.', null);
        }
        return (null, null);
    }

    /// <summary>The integer part's digits, checking that any group marks sit every three digits.</summary>
    private static bool TryReadWhole(string part, char? groupMark, out string digits)
    {
        digits = "";
        if (groupMark is not { } mark || !part.Contains(mark))
        {
            digits = part;
            return part.All(char.IsAsciiDigit);
        }
        var groups = part.Split(mark);
        if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3) || !groups.All(g => g.All(char.IsAsciiDigit)))
            return false;
        digits = string.Concat(groups);
        return true;
    }
}
