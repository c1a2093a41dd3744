using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// A mid-term review says so in its title ("sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội"); a thematic
/// review names the resolution it reviews ("sơ kết 5 năm thực hiện Nghị quyết số 18-NQ/TW").
/// </summary>
internal static partial class CampaignKindClassifier
{
    public static CampaignKindFact Classify(TextFact? title, IReadOnlyList<string> preamble)
    {
        var texts = new List<(string Text, string Source)>();
        if (title is not null)
        {
            texts.Add((title.Value, title.Source));
        }

        texts.AddRange(preamble.Take(3).Select(p => (p, p)));

        foreach (var (text, source) in texts)
        {
            var folded = VietnameseText.Fold(text);
            if (MidTerm().IsMatch(folded))
            {
                return new CampaignKindFact(CampaignKind.MidTermCongressReview, null, source);
            }

            // Folded, so "Nghi quyet so 18-NQ/TW" typed without diacritics is read too; the code is taken as written.
            var resolution = ReviewedResolution().Match(VietnameseText.FoldPreservingLength(text));
            if (resolution.Success && Review().IsMatch(folded))
            {
                var code = FrontMatterExtractor.FindCode(text.Substring(resolution.Groups["code"].Index, resolution.Groups["code"].Length));
                return new CampaignKindFact(CampaignKind.ThematicResolutionReview, code, source);
            }
        }

        return new CampaignKindFact(CampaignKind.Other, null, title?.Source);
    }

    [GeneratedRegex(@"\bgiua nhiem ky\b")]
    private static partial Regex MidTerm();

    [GeneratedRegex(@"\b(so ket|tong ket|danh gia)\b")]
    private static partial Regex Review();

    [GeneratedRegex(@"(?:nghi quyet|chi thi|ket luan|quyet dinh)\s+(?:so\s+)?(?<code>\d{1,5}\s*[-–]\s*(?:nq|ct|kl|qd)\s*/\s*[\p{L}]+)")]
    private static partial Regex ReviewedResolution();
}
