using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>The numbering styles Vietnamese administrative documents mix in one outline.</summary>
internal enum LabelStyle
{
    /// <summary>"Phần 1", "PHẦN I", "Phần thứ nhất".</summary>
    Part,

    /// <summary>"A.", "B)".</summary>
    UpperLetter,

    /// <summary>"I.", "II-", "IV" (with or without punctuation).</summary>
    Roman,

    /// <summary>"1.", "1-", "2.1.", "1.1" (depth = number of components).</summary>
    Arabic,

    /// <summary>"a)", "b.", "đ)".</summary>
    LowerLetter,

    /// <summary>"-", "+", "•".</summary>
    Bullet,
}

/// <summary>
/// A numbering label at the start of a line and the text after it. <see cref="StyleKey"/> tells
/// levels apart: two labels with the same key are siblings wherever they appear.
/// </summary>
internal sealed record HeadingLabel(LabelStyle Style, string Label, int Value, int Depth, string Text)
{
    public string StyleKey => Style switch
    {
        LabelStyle.Arabic => "arabic" + Depth.ToString(CultureInfo.InvariantCulture) + (Label.EndsWith(')') ? ")" : string.Empty),
        LabelStyle.Bullet => "bullet" + BulletFamily(Label),
        _ => Style.ToString(),
    };

    public bool IsBullet => Style == LabelStyle.Bullet;

    private static string BulletFamily(string label) => label switch
    {
        "-" or "–" or "—" => "-",
        _ => label,
    };
}

/// <summary>Recognises numbering labels. Returns every plausible reading: "I." may be roman one or the letter after H.</summary>
internal static partial class NumberingLabel
{
    private static readonly string[] PartOrdinals = ["", "nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"];

    public static IReadOnlyList<HeadingLabel> Parse(string line)
    {
        var results = new List<HeadingLabel>(2);
        if (TryPart(line) is { } part)
        {
            results.Add(part);
            return results;
        }

        if (TryArabic(line) is { } arabic)
        {
            results.Add(arabic);
            return results;
        }

        var roman = TryRoman(line);
        var letter = TryUpperLetter(line);
        if (roman is not null)
        {
            results.Add(roman);
        }

        if (letter is not null)
        {
            results.Add(letter);
        }

        if (results.Count > 0)
        {
            return results;
        }

        if (TryLowerLetter(line) is { } lower)
        {
            results.Add(lower);
        }
        else if (TryBullet(line) is { } bullet)
        {
            results.Add(bullet);
        }

        return results;
    }

    /// <summary>A line of dashes, stars or underscores under a title: a rule, not text.</summary>
    public static bool IsSeparator(string line) => SeparatorLine().IsMatch(line);

    private static HeadingLabel? TryPart(string line)
    {
        // Matched folded, so "PHAN I" and "Phan thu nhat" typed without diacritics are parts too; the keyword
        // still opens with a capital, as a heading does ("phần" in lower case begins a sentence's words).
        var m = PartLabel().Match(VietnameseText.FoldPreservingLength(line));
        if (!m.Success || !char.IsUpper(line[0]))
        {
            return null;
        }

        var number = line.Substring(m.Groups["n"].Index, m.Groups["n"].Length);
        var folded = VietnameseText.Fold(number);
        int value;
        if (folded.StartsWith("thu ", StringComparison.Ordinal))
        {
            value = Array.IndexOf(PartOrdinals, folded[4..]);
            if (folded[4..] == "mot")
            {
                value = 1;
            }
        }
        else if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            value = n;
        }
        else
        {
            value = RomanValue(number); // capitals only, as before folding: "Phan vi" is no part
        }

        if (value <= 0)
        {
            return null;
        }

        var label = line[..(m.Groups["n"].Index + m.Groups["n"].Length)].Trim();
        return new HeadingLabel(LabelStyle.Part, label, value, 1, line[m.Groups["rest"].Index..].Trim());
    }

    private static HeadingLabel? TryArabic(string line)
    {
        var m = ArabicLabel().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var components = m.Groups["n"].Value.Split('.');
        var punctuation = m.Groups["p"].Value;
        var rest = m.Groups["rest"].Value.Trim();
        if (components.Length == 1 && punctuation.Length == 0)
        {
            return null;
        }

        if (rest.Length > 0 && char.IsDigit(rest[0]))
        {
            return null;
        }

        var label = LabelText(line, m);
        var value = int.Parse(components[^1], NumberStyles.None, CultureInfo.InvariantCulture);
        return new HeadingLabel(LabelStyle.Arabic, label, value, components.Length, rest);
    }

    private static HeadingLabel? TryRoman(string line)
    {
        var m = RomanLabel().Match(line);
        if (!m.Success)
        {
            m = RomanLabelWithoutPunctuation().Match(line);
            if (!m.Success)
            {
                return null;
            }
        }

        var numeral = m.Groups["n"].Value;
        var value = RomanValue(numeral);
        if (value <= 0)
        {
            return null;
        }

        var label = LabelText(line, m);
        return new HeadingLabel(LabelStyle.Roman, label, value, 1, m.Groups["rest"].Value.Trim());
    }

    private static HeadingLabel? TryUpperLetter(string line)
    {
        var m = UpperLetterLabel().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var letter = m.Groups["n"].Value[0];
        return new HeadingLabel(LabelStyle.UpperLetter, m.Groups["n"].Value + m.Groups["p"].Value, LetterValue(letter), 1, m.Groups["rest"].Value.Trim());
    }

    private static HeadingLabel? TryLowerLetter(string line)
    {
        var m = LowerLetterLabel().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var letter = char.ToUpperInvariant(m.Groups["n"].Value[0]);
        return new HeadingLabel(LabelStyle.LowerLetter, m.Groups["n"].Value + m.Groups["p"].Value, LetterValue(letter), 1, m.Groups["rest"].Value.Trim());
    }

    private static HeadingLabel? TryBullet(string line)
    {
        if (IsSeparator(line))
        {
            return null;
        }

        var m = BulletLabel().Match(line);
        return m.Success ? new HeadingLabel(LabelStyle.Bullet, m.Groups["n"].Value, 0, 1, m.Groups["rest"].Value.Trim()) : null;
    }

    /// <summary>The label exactly as written, including a space before its punctuation ("1 -").</summary>
    private static string LabelText(string line, Match m)
    {
        var p = m.Groups["p"];
        var end = p.Success && p.Length > 0 ? p.Index + p.Length : m.Groups["n"].Index + m.Groups["n"].Length;
        return line[..end];
    }

    /// <summary>Position in the alphabet; Đ sits between D and E as in Vietnamese, so D → Đ and D → E both count as "next".</summary>
    public static int LetterValue(char upper) => upper == 'Đ' ? 4 : upper - 'A' + 1;

    public static bool IsNextLetter(int previous, int next) => next == previous + 1 || (previous == 4 && next == 5);

    /// <summary>Strict roman numeral value (canonical forms only), 0 when invalid.</summary>
    public static int RomanValue(string numeral)
    {
        var total = 0;
        for (var i = 0; i < numeral.Length; i++)
        {
            var current = Digit(numeral[i]);
            if (current == 0)
            {
                return 0;
            }

            var next = i + 1 < numeral.Length ? Digit(numeral[i + 1]) : 0;
            total += current < next ? -current : current;
        }

        return total > 0 && ToRoman(total) == numeral ? total : 0;

        static int Digit(char c) => c switch
        {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => 0,
        };
    }

    private static string ToRoman(int value)
    {
        ReadOnlySpan<(int Value, string Symbol)> table =
            [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
        var result = string.Empty;
        foreach (var (v, s) in table)
        {
            while (value >= v)
            {
                result += s;
                value -= v;
            }
        }

        return result;
    }

    [GeneratedRegex(@"^(?<kw>phan)\s+(?<n>thu\s+\p{L}+|[ivxlc]{1,6}|\d{1,2})(?![\p{L}\d])\s*[.:\-–]?\s*(?<rest>.*)$")]
    private static partial Regex PartLabel();

    [GeneratedRegex(@"^(?<n>\d{1,2}(?:\.\d{1,2})*)(?:\s?(?<p>-|–)|(?<p>\.|\)|/))?(?:\s+|(?=\p{L})|$)(?<rest>.*)$")]
    private static partial Regex ArabicLabel();

    [GeneratedRegex(@"^(?<n>[IVXLC]{1,6})\s*(?<p>\.|-|–|\)|:)(?:\s+|(?=\p{L})|$)(?<rest>.*)$")]
    private static partial Regex RomanLabel();

    [GeneratedRegex(@"^(?<n>[IVX]{1,5})(?<p>)\s+(?<rest>\p{Lu}.*)$")]
    private static partial Regex RomanLabelWithoutPunctuation();

    [GeneratedRegex(@"^(?<n>[A-ZĐ])\s*(?<p>\.|\)|:)(?:\s+|(?=\p{L})|$)(?<rest>.*)$")]
    private static partial Regex UpperLetterLabel();

    [GeneratedRegex(@"^(?<n>[a-zđ])(?<p>\)|\.|/)\s+(?<rest>\S.*)$")]
    private static partial Regex LowerLetterLabel();

    [GeneratedRegex(@"^(?<n>[-–—+•·*○▪►✓❖●■□◦])\s*(?<rest>[\p{L}\p{N}(“""'].*)$")]
    private static partial Regex BulletLabel();

    [GeneratedRegex(@"^[\s\-–—_=*.~·•]{3,}$")]
    private static partial Regex SeparatorLine();
}
