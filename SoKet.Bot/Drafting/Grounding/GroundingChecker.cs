namespace SoKet.Bot.Drafting.Grounding;

/// <summary>A sentence that uses figures the inputs do not contain.</summary>
public sealed record UngroundedSentence(Sentence Sentence, IReadOnlyList<string> UnsupportedFigures)
{
    public string Text => Sentence.Text;
}

/// <summary>The outcome of a grounding check.</summary>
public sealed record GroundingReport(string Text, IReadOnlyList<UngroundedSentence> Ungrounded)
{
    public bool IsGrounded => Ungrounded.Count == 0;

    /// <summary>Every figure the inputs do not contain, each once, in order of appearance.</summary>
    public IReadOnlyList<string> UnsupportedFigures => [.. Ungrounded.SelectMany(u => u.UnsupportedFigures).Distinct(StringComparer.Ordinal)];

    /// <summary>The text without its ungrounded sentences.</summary>
    public string GroundedText => Sentences.Remove(Text, [.. Ungrounded.Select(u => u.Sentence)]);
}

/// <summary>
/// Checks that every number, percentage and date of a text appears in the inputs (<see cref="GroundingFacts"/>),
/// whatever way it is written: "95,5%" and "95.5 %" are the same figure, "1.234" and "1234" too, "30/6/2023" and
/// "ngày 30 tháng 6 năm 2023" too. Figures written in words ("hai chỉ tiêu") are not checked; list markers
/// ("1.", "2.1.") are not figures.
/// </summary>
public static class GroundingChecker
{
    public static GroundingReport Check(string text, GroundingFacts facts)
    {
        var ungrounded = new List<UngroundedSentence>();
        foreach (var sentence in Sentences.Split(text))
        {
            // A sentence whose figures cannot be read in time cannot be vouched for: it goes, like one with unknown figures.
            var readable = Figures.TryExtract(sentence.Text, out var figures);
            var unsupported = figures.Where(f => !facts.Supports(f)).Select(f => f.Written).ToList();
            if (!readable || unsupported.Count > 0)
                ungrounded.Add(new UngroundedSentence(sentence, unsupported));
        }

        return new GroundingReport(text, ungrounded);
    }
}
