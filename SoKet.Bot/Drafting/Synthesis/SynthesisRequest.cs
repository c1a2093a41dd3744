using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Synthesis;

/// <summary>What one unit submitted under the outline section being synthesised.</summary>
public sealed record UnitContribution(string UnitName, string Text);

/// <summary>
/// One outline section of the committee's consolidated report, and what the units that submitted wrote under it.
/// Plain data: the caller maps its reports into it. A synthesis may draw on nothing else.
/// </summary>
public sealed record SynthesisRequest
{
    public required string CampaignTitle { get; init; }

    /// <summary>The committee whose consolidated report this is ("Thành ủy Lai Châu").</summary>
    public required string Issuer { get; init; }

    /// <summary>The section's number and heading, "B. I. Lãnh đạo công tác xây dựng Đảng…".</summary>
    public required string SectionTitle { get; init; }

    public string? SectionGuidance { get; init; }

    /// <summary>What the section is for when it is evaluative (its heading or its parent's says so); null for results and tasks.</summary>
    public SoKet.Bot.Campaigns.SectionPurpose? Purpose { get; init; }

    /// <summary>The submitted units' texts for this section, in the order the report lists the units.</summary>
    public IReadOnlyList<UnitContribution> Contributions { get; init; } = [];

    /// <summary>The same request in NFC with tidy whitespace (line breaks kept), as grounding and the prompt need it.</summary>
    public SynthesisRequest Normalized() => this with
    {
        CampaignTitle = VietnameseText.CleanLine(CampaignTitle),
        Issuer = VietnameseText.CleanLine(Issuer),
        SectionTitle = VietnameseText.CleanLine(SectionTitle),
        SectionGuidance = SectionGuidance is null ? null : TextLines.Normalize(SectionGuidance),
        Contributions = [.. Contributions.Select(c => new UnitContribution(VietnameseText.CleanLine(c.UnitName), TextLines.Normalize(c.Text)))],
    };
}

/// <summary>
/// A synthesis paragraph for one section, to be shown marked as a draft the office edits. <see cref="Text"/> is empty
/// when there was nothing to synthesise.
/// </summary>
public sealed record SectionSynthesis
{
    public required string Text { get; init; }

    public required SuggestionSource Source { get; init; }

    /// <summary>Sentences of the model's answer removed because they used figures the units did not report.</summary>
    public IReadOnlyList<string> DroppedSentences { get; init; } = [];

    /// <summary>Why the offline drafter wrote this section although a model is configured; null otherwise.</summary>
    public string? Fallback { get; init; }

    /// <summary>Units whose text reached the model, of <see cref="UnitsTotal"/> (the rest did not fit <see cref="AiOptions.MaxInputChars"/>).</summary>
    public int UnitsSent { get; init; }

    public int UnitsTotal { get; init; }

    public TokenUsage? Tokens { get; init; }
}

/// <summary>Writes the synthesis paragraph of one consolidated section.</summary>
public interface ISectionSynthesizer
{
    /// <summary>
    /// Never throws for provider problems (timeout, HTTP error, throttling, empty or malformed answer, nothing
    /// grounded left): it falls back to the offline drafter. Only the caller's own cancellation ends it.
    /// </summary>
    Task<SectionSynthesis> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken);

    /// <summary>The model that writes, for telling the user; null when the offline drafter does.</summary>
    string? Model { get; }
}
