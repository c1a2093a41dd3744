namespace SoKet.Bot.Drafting.Grounding;

/// <summary>
/// The figures a suggestion may use: every number, percentage and date in the request's texts, the indicator rows'
/// figures, and the achievement percentages <see cref="Reports.IndicatorAssessment"/> derives from them (what the
/// table card shows is an input too). A date also vouches for its month-year, its day-month and its year.
/// </summary>
public sealed class GroundingFacts
{
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    private GroundingFacts() { }

    public static GroundingFacts From(DraftingRequest request)
    {
        var facts = new GroundingFacts();
        facts.AddText(request.CampaignTitle);
        facts.AddText(request.UnitName);
        facts.AddText(request.SectionHeading);
        facts.AddText(request.SectionGuidance);
        facts.AddText(request.ExistingText);
        foreach (var section in request.OwnSections)
        {
            facts.AddText(section.Heading);
            facts.AddText(section.Text);
        }

        foreach (var indicator in request.Indicators)
        {
            facts.AddText(indicator.Name);
            facts.AddText(indicator.UnitOfMeasure);
            facts.AddNumber(indicator.Target);
            facts.AddNumber(indicator.Result);
            facts.AddNumber(indicator.FullYearEstimate);
            facts.AddNumber(indicator.Assess().AchievementPercent);
        }

        return facts;
    }

    public static GroundingFacts FromTexts(params string?[] texts)
    {
        var facts = new GroundingFacts();
        foreach (var text in texts)
            facts.AddText(text);
        return facts;
    }

    public bool Supports(Figure figure) => figure.Keys.Any(keys.Contains);

    private void AddNumber(decimal? value)
    {
        if (value is { } number)
            keys.Add(Figures.NumberKey(Math.Abs(number)));
    }

    private void AddText(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return;

        foreach (var figure in Figures.Extract(text))
        {
            foreach (var key in figure.Keys)
            {
                keys.Add(key);
                AddImplied(key);
            }
        }
    }

    private void AddImplied(string key)
    {
        if (key.StartsWith("d:", StringComparison.Ordinal))
        {
            var parts = key[2..].Split('/');
            keys.Add($"dm:{parts[0]}/{parts[1]}");
            keys.Add($"m:{parts[1]}/{parts[2]}");
            keys.Add("n:" + parts[2]);
        }
        else if (key.StartsWith("m:", StringComparison.Ordinal))
        {
            keys.Add("n:" + key[2..].Split('/')[1]);
        }
    }
}
