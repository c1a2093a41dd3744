using SoKet.Bot.Drafting.Grounding;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Synthesis;

/// <summary>
/// The grounding check of a synthesis, stricter than a suggestion's: every number, percentage and date must appear in
/// the units' submitted texts (as <see cref="GroundingChecker"/> reads figures), and a sentence that names units may
/// only use figures those units reported — "Đảng bộ phường Đông Phong kết nạp 19 đảng viên" is dropped when 19 is
/// Tân Phong's figure. Units are recognised by their full names as submitted (compared without diacritics or
/// punctuation), the longest first, so a synthesis keeps them as they are written; a sentence naming none is checked
/// against every unit's figures. The campaign's title and the section's heading and guidance vouch for their own
/// figures ("nhiệm kỳ 2020 - 2025") in every sentence.
/// </summary>
public sealed class SynthesisGrounding
{
    // Read lazily: with a thousand units, a paragraph names a few of them, and a sentence naming none is the only
    // one that needs every unit's figures.
    private readonly GroundingFacts _shared;
    private readonly Lazy<GroundingFacts> _all;
    private readonly List<(string Name, Lazy<GroundingFacts> Facts)> _units;

    private SynthesisGrounding(GroundingFacts shared, Lazy<GroundingFacts> all, List<(string, Lazy<GroundingFacts>)> units)
    {
        _shared = shared;
        _all = all;
        _units = units;
    }

    public static SynthesisGrounding For(SynthesisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = request.Normalized();
        string?[] shared = [input.CampaignTitle, input.Issuer, input.SectionTitle, input.SectionGuidance, .. input.Contributions.Select(c => c.UnitName)];
        var units = input.Contributions
            .GroupBy(c => VietnameseText.FoldWords(c.UnitName))
            .Where(g => g.Key.Length > 0)
            .Select(g => (g.Key, new Lazy<GroundingFacts>(() => GroundingFacts.FromTexts([.. g.Select(c => c.Text)]))))
            .OrderByDescending(u => u.Key.Length)
            .ToList();
        return new SynthesisGrounding(
            GroundingFacts.FromTexts(shared),
            new Lazy<GroundingFacts>(() => GroundingFacts.FromTexts([.. shared, .. input.Contributions.Select(c => c.Text)])),
            units);
    }

    public GroundingReport Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ungrounded = new List<UngroundedSentence>();
        foreach (var sentence in Sentences.Split(text))
        {
            // A sentence whose figures cannot be read in time cannot be vouched for.
            var readable = Figures.TryExtract(sentence.Text, out var figures);
            var named = Named(sentence.Text);
            var unsupported = figures
                .Where(f => !(named.Count == 0 ? _all.Value.Supports(f) : _shared.Supports(f) || named.Any(n => n.Value.Supports(f))))
                .Select(f => f.Written).ToList();
            if (!readable || unsupported.Count > 0)
                ungrounded.Add(new UngroundedSentence(sentence, unsupported));
        }
        return new GroundingReport(text, ungrounded);
    }

    /// <summary>The units a sentence names; a name found inside a longer one ("phường Tân Phong" in "Đảng bộ phường Tân Phong") is that longer one's.</summary>
    private List<Lazy<GroundingFacts>> Named(string sentence)
    {
        var folded = " " + VietnameseText.FoldWords(sentence) + " ";
        var named = new List<Lazy<GroundingFacts>>();
        foreach (var (name, facts) in _units)
        {
            var key = " " + name + " ";
            if (!folded.Contains(key, StringComparison.Ordinal))
                continue;
            named.Add(facts);
            folded = folded.Replace(key, " \u0001 ", StringComparison.Ordinal);
        }
        return named;
    }
}
