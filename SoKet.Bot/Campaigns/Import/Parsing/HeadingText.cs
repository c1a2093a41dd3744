using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// Turns an item of content guidance into a section heading. Guidance items are often whole
/// paragraphs ("Kiểm điểm hoạt động của cấp ủy trong việc thực hiện quy chế làm việc, chương trình ...;
/// chỉ rõ nguyên nhân ..."); the heading is the part before a colon, else the first clause, shortened at a
/// linking phrase or a comma so it fits on a card. The full text stays as the section's guidance.
/// </summary>
internal static partial class HeadingText
{
    private const int Comfortable = 120;

    /// <summary>Splits an item's text into (heading, guidance); guidance is null when the heading is the whole text.</summary>
    public static (string Heading, string? Guidance) FromGuidanceItem(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon <= 120)
        {
            var before = Clean(text[..colon]);
            var after = text[(colon + 1)..].Trim();
            return (before, after.Length > 0 ? after : null);
        }

        var heading = Clean(WithoutTrailingAside(SentenceSplitter.Clauses(text).FirstOrDefault() ?? text));
        heading = Shorten(heading);
        var full = Clean(text);
        return (heading, heading == full ? null : text.Trim());
    }

    /// <summary>An outline heading as written, without trailing punctuation.</summary>
    public static string Clean(string text)
    {
        var folded = VietnameseText.FoldPreservingLength(text);
        var leadIn = LeadIn().Match(folded);
        var cleaned = leadIn.Success ? text[..leadIn.Index] : text;
        return cleaned.Trim().TrimEnd('.', ':', ';', ',').Trim();
    }

    /// <summary>"Đánh giá ... năm 2023 (có đề cương gửi kèm theo)." → the heading without the aside; it stays in the guidance.</summary>
    private static string WithoutTrailingAside(string clause)
    {
        var trimmed = clause.TrimEnd().TrimEnd('.', ';', ':').TrimEnd();
        var open = trimmed.LastIndexOf('(');
        return open >= 20 && trimmed.EndsWith(')') && trimmed.IndexOf(')', open) == trimmed.Length - 1 ? trimmed[..open] : clause;
    }

    private static string Shorten(string heading)
    {
        if (heading.Length <= Comfortable)
        {
            return heading;
        }

        var folded = VietnameseText.FoldPreservingLength(heading);
        var link = LinkingPhrase().Match(folded);
        if (link.Success && link.Index >= 20)
        {
            heading = heading[..link.Index];
            if (heading.Length <= Comfortable)
            {
                return heading.TrimEnd(',', ' ');
            }
        }

        var comma = heading.IndexOf(", ", 30, StringComparison.Ordinal);
        if (comma > 0 && comma <= Comfortable)
        {
            return heading[..comma];
        }

        var space = heading.LastIndexOf(' ', Comfortable);
        return (space > 30 ? heading[..space] : heading[..Comfortable]) + "…";
    }

    [GeneratedRegex(@"\s*,?\s*(can tap trung vao cac van de sau|tap trung vao cac noi dung sau|gom cac noi dung sau|bao gom cac noi dung sau|voi cac noi dung sau|nhu sau|cu the nhu sau)\s*:?\s*$")]
    private static partial Regex LeadIn();

    [GeneratedRegex(@",\s*(gan voi|nham|trong do|dong thoi|de |thong qua|tren co so)")]
    private static partial Regex LinkingPhrase();
}
