using System.Text;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Synthesis;

/// <summary>
/// Writes a section's synthesis with no model: for each unit that submitted, its one or two most telling sentences
/// quoted as written under its name — those with figures first, and for an evaluative section those that speak of
/// shortcomings, causes or lessons. Nothing is added but the frame, which carries no figure, so the paragraph always
/// passes <see cref="SynthesisGrounding"/>: every figure sits next to the name of the unit that reported it.
/// </summary>
public sealed class OfflineSynthesizer
{
    /// <summary>A thousand units do not make a paragraph: the others are in their own contributions just below it.</summary>
    public const int MaxUnits = 30;

    private const int SentencesPerUnit = 2;

    // A quoted sentence longer than this is a paragraph pasted without full stops: the unit's text below shows it.
    private const int MaxSentenceChars = 400;

    public SectionSynthesis Synthesize(SynthesisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = request.Normalized();
        var purpose = input.Purpose;
        var lines = new List<string>();
        foreach (var unit in input.Contributions)
        {
            if (lines.Count == MaxUnits)
            {
                lines.Add("- Các đơn vị khác: xem nội dung của từng đơn vị dưới đây.");
                break;
            }
            var picked = Pick(unit.Text, purpose);
            if (picked.Count > 0)
                lines.Add($"- {unit.UnitName}: {string.Join(" ", picked)}");
        }

        var text = lines.Count == 0 ? "" : new StringBuilder("Báo cáo của các đơn vị nêu:\n").AppendJoin('\n', lines).ToString();
        return new SectionSynthesis
        {
            Text = text,
            Source = SuggestionSource.Deterministic,
            UnitsSent = input.Contributions.Count,
            UnitsTotal = input.Contributions.Count,
        };
    }

    /// <summary>
    /// The unit's best sentences, in the order it wrote them: when some carry figures or speak to the section's
    /// purpose, only those; each capitalised and ending as a sentence should.
    /// </summary>
    private static List<string> Pick(string text, SectionPurpose? purpose)
    {
        var scored = Sentences.Split(text).Select(s => s.Text.Trim()).Where(s => s.Length > 0 && s.Length <= MaxSentenceChars)
            .Select((s, i) => (Text: s, Order: i, Score: Score(s, purpose))).ToList();
        var telling = scored.Any(s => s.Score > 0) ? scored.Where(s => s.Score > 0) : scored;
        return telling
            .OrderByDescending(s => s.Score).ThenBy(s => s.Order)
            .Take(SentencesPerUnit)
            .OrderBy(s => s.Order)
            .Select(s => End(VietnameseText.CapitalizeFirst(s.Text)))
            .ToList();
    }

    private static int Score(string sentence, SectionPurpose? purpose)
    {
        var score = sentence.Any(char.IsAsciiDigit) ? 2 : 0;
        var matches = purpose switch
        {
            SectionPurpose.Shortcomings => UnitStatements.Shortcomings([sentence]).Count > 0,
            SectionPurpose.Causes or SectionPurpose.ObjectiveCauses or SectionPurpose.SubjectiveCauses => UnitStatements.Causes([sentence]).Count > 0,
            SectionPurpose.Lessons => UnitStatements.Lessons([sentence]).Count > 0,
            _ => false,
        };
        return score + (matches ? 1 : 0);
    }

    private static string End(string sentence)
    {
        var text = sentence.TrimEnd().TrimEnd(';', ',', ':').TrimEnd();
        return text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? text : text + ".";
    }
}

/// <summary>The synthesizer used when no model is configured.</summary>
public sealed class OfflineSectionSynthesizer(OfflineSynthesizer drafter) : ISectionSynthesizer
{
    public string? Model => null;

    public Task<SectionSynthesis> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(drafter.Synthesize(request));
    }
}
