using System.Text;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// Brings plan text from any source (a .txt saved on Windows, markdown converted from Word, a .docx,
/// text pasted from a PDF viewer) to one canonical form, so the importer sees the same characters
/// whatever the source: NFC, LF line endings, plain spaces, no markdown emphasis, one space at most
/// between words, no stray spaces inside dates, trimmed lines and at most one blank line in a row.
/// </summary>
public static partial class PlanTextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = VietnameseText.Normalize(text);
        s = NormalizeLineBreaks(s);
        s = NormalizeSpacesAndControls(s);
        s = StripMarkdown(s);
        s = CloseGapsInDates(s);
        return TidyLines(s);
    }

    private static string NormalizeLineBreaks(string s) =>
        s.Replace("\r\n", "\n", StringComparison.Ordinal)
         .Replace('\r', '\n')
         .Replace('\u2028', '\n')
         .Replace('\u2029', '\n')
         .Replace('\f', '\n')
         .Replace('\v', '\n');

    private static string NormalizeSpacesAndControls(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\n' or '\t':
                    builder.Append(c);
                    break;
                // Zero-width characters and the soft hyphen come from Word and web pages; they are invisible
                // but would split words for every regex downstream.
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD':
                    break;
                case '\u00A0' or '\u1680' or '\u202F' or '\u205F' or '\u3000' or (>= '\u2000' and <= '\u200A'):
                    builder.Append(' ');
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Removes emphasis markers. A marker glued to text on both sides ("YÊU CẦU**1. Mục đích**")
    /// is where a Word-to-markdown conversion lost a paragraph break, so it becomes a line break;
    /// otherwise it is dropped. Markdown heading hashes at a line start go too.
    /// </summary>
    private static string StripMarkdown(string s)
    {
        var lines = s.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // A rule under the title ("_______", "*****") is layout the importer reads; leave it whole.
            if (RuleLine().IsMatch(lines[i]))
            {
                continue;
            }

            var line = GluedEmphasisMarker().Replace(lines[i], "\n");
            line = EmphasisMarker().Replace(line, string.Empty);
            line = SingleStarEmphasis().Replace(line, "$1");
            lines[i] = MarkdownHeadingHashes().Replace(line, string.Empty);
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// "30/ 6/2023", "30 / 6 / 2023", "tháng 6 /2023" → no spaces inside the date. Only slashes: with dots or
    /// hyphens, "2.1. 2023 ..." would be a heading label followed by a year.
    /// </summary>
    private static string CloseGapsInDates(string s)
    {
        s = SpacedDayMonthYear().Replace(s, m => $"{m.Groups[1].Value}{m.Groups[2].Value}{m.Groups[3].Value}{m.Groups[4].Value}{m.Groups[5].Value}");
        return SpacedMonthYear().Replace(s, m => $"{m.Groups[1].Value}{m.Groups[2].Value}/{m.Groups[3].Value}");
    }

    private static string TidyLines(string s)
    {
        var lines = s.Split('\n');
        var builder = new StringBuilder(s.Length);
        var blankPending = false;
        foreach (var raw in lines)
        {
            var line = TidyLine(raw);
            if (line.Length == 0)
            {
                blankPending = builder.Length > 0;
                continue;
            }

            if (blankPending)
            {
                builder.Append('\n');
                blankPending = false;
            }

            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Trims and collapses spaces. Where cells of a table row meet, one tab per cell boundary is kept, so an
    /// empty cell in the middle of a row (a merged "Đơn vị" cell continuing the row above) still counts as a
    /// cell and the columns after it stay in place.
    /// </summary>
    private static string TidyLine(string line)
    {
        var builder = new StringBuilder(line.Length);
        var spaces = false;
        var tabs = 0;
        foreach (var c in line)
        {
            if (c is ' ' or '\t')
            {
                spaces |= c == ' ';
                tabs += c == '\t' ? 1 : 0;
                continue;
            }

            if ((spaces || tabs > 0) && builder.Length > 0)
            {
                builder.Append(tabs > 0 ? '\t' : ' ', Math.Max(tabs, 1));
            }

            spaces = false;
            tabs = 0;
            builder.Append(c);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"(?<=[\p{L}\p{N}.,:;)])(?:\*\*|__)(?=[\p{L}\p{N}])")]
    private static partial Regex GluedEmphasisMarker();

    [GeneratedRegex(@"\*\*|(?<![_\p{L}\p{N}])__|__(?![_\p{L}\p{N}])")]
    private static partial Regex EmphasisMarker();

    [GeneratedRegex(@"(?<![*\p{L}\p{N}])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\p{L}\p{N}])")]
    private static partial Regex SingleStarEmphasis();

    [GeneratedRegex(@"^[\s\-–—_=*.~]{3,}$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"(?m)^[ \t]*#{1,6}[ \t]+")]
    private static partial Regex MarkdownHeadingHashes();

    [GeneratedRegex(@"(?<![\d/.\-])(\d{1,2}) *(/) *(\d{1,2}) *(/) *(\d{4})(?!\d)")]
    private static partial Regex SpacedDayMonthYear();

    [GeneratedRegex(@"(?i)(tháng |thang )(\d{1,2}) */ *(\d{4})(?!\d)")]
    private static partial Regex SpacedMonthYear();
}
