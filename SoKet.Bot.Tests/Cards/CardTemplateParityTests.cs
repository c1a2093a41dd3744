using System.Text.Json;
using System.Text.Json.Nodes;
using SoKet.Bot.Cards;

using SoKet.Bot.Help;

namespace SoKet.Bot.Tests.Cards;

/// <summary>
/// Every template in cards/ against adaptivecards-templating, with every sample in Cards/samples:
/// <c>&lt;name&gt;.data.json</c> is required for each template, <c>&lt;name&gt;.&lt;variant&gt;.data.json</c>
/// adds cases. Rendered samples must also pass the adaptivecards library's schema 1.5 checks and bind
/// every <c>${...}</c>.
/// </summary>
public sealed class CardTemplateParityTests(CardTemplateParityTests.Samples samples) : IClassFixture<CardTemplateParityTests.Samples>
{
    private const string SampleSuffix = ".data.json";

    public static TheoryData<string> TemplateNames() => new(Templates().Keys);

    public static TheoryData<string> SampleNames() => new(SampleFiles().Keys);

    [Fact]
    public void Every_template_has_a_sample()
    {
        var missing = Templates().Keys.Where(t => !SampleFiles().ContainsKey(t)).ToList();
        Assert.True(missing.Count == 0,
            $"Add sample data for {string.Join(", ", missing)} in {RepositoryPaths.Samples} (<name>{SampleSuffix}): every card is checked against the reference engine.");
    }

    [Fact]
    public void Every_sample_belongs_to_a_template()
    {
        var orphans = SampleFiles().Keys.Where(s => TemplateOf(s) is null).ToList();
        Assert.True(orphans.Count == 0, $"Samples without a template in cards/: {string.Join(", ", orphans)}.");
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Sample_renders_exactly_as_the_reference_engine(string sample)
    {
        var template = TemplateOf(sample)!;
        var (data, expected) = samples.Get(sample);

        Assert.False(expected.Failed, $"adaptivecards-templating failed on {template} with {sample}: {expected.Error}");
        var actual = CardTemplateBinder.Parse(Templates()[template], template).Bind(data);

        Assert.IsType<JsonObject>(actual);
        Assert.Equal(CardJson.Normalize(expected.Result), CardJson.Normalize(actual));
        Assert.True(expected.Validation.Count == 0,
            $"The adaptivecards library reports for {sample}:\n{string.Join("\n", expected.Validation)}");
        Assert.DoesNotContain("${", actual.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Template_is_an_adaptive_card_for_teams(string name)
    {
        var card = Templates()[name];

        Assert.Equal("AdaptiveCard", card["type"]?.GetValue<string>());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]?.GetValue<string>());
        var version = Version.Parse(card["version"]?.GetValue<string>() ?? "missing");
        Assert.True(version <= new Version(1, 5), $"{name} declares version {version}; Teams renders Adaptive Cards up to 1.5.");
    }

    [Fact]
    public void App_output_holds_the_same_templates()
    {
        var catalog = new CardCatalog(CardCatalog.DefaultDirectory);

        Assert.Equal(Templates().Keys.Order(StringComparer.Ordinal), catalog.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Help_sample_is_the_help_content_the_bot_sends()
    {
        var bot = JsonSerializer.SerializeToNode(HelpCard.Create(isAdmin: true), JsonSerializerOptions.Web);

        Assert.Equal(CardJson.Normalize(CardJson.Load(SampleFiles()["help"])), CardJson.Normalize(bot));
    }

    internal static Dictionary<string, JsonNode> Templates() =>
        Directory.EnumerateFiles(RepositoryPaths.Cards, "*.json", SearchOption.AllDirectories)
            .ToDictionary(f => NameBelow(RepositoryPaths.Cards, f, ".json"), CardJson.Load, StringComparer.Ordinal);

    private static Dictionary<string, string> SampleFiles() =>
        Directory.EnumerateFiles(RepositoryPaths.Samples, "*" + SampleSuffix, SearchOption.AllDirectories)
            .ToDictionary(f => NameBelow(RepositoryPaths.Samples, f, SampleSuffix), f => f, StringComparer.Ordinal);

    private static string NameBelow(string root, string file, string suffix)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        return relative[..^suffix.Length];
    }

    // "notice" and "notice.error" both belong to the template "notice".
    private static string? TemplateOf(string sample)
    {
        var templates = Templates();
        if (templates.ContainsKey(sample))
        {
            return sample;
        }

        var dot = sample.LastIndexOf('.');
        return dot > 0 && templates.ContainsKey(sample[..dot]) ? sample[..dot] : null;
    }

    /// <summary>All samples through the reference engine (and its schema checks) in one Node run.</summary>
    public sealed class Samples
    {
        private readonly Lazy<Dictionary<string, (JsonNode Data, ReferenceResult Expected)>> _results = new(Run);

        internal (JsonNode Data, ReferenceResult Expected) Get(string sample) => _results.Value[sample];

        private static Dictionary<string, (JsonNode, ReferenceResult)> Run()
        {
            var templates = Templates();
            var cases = SampleFiles()
                .Where(s => TemplateOf(s.Key) is not null)
                .Select(s => (Name: s.Key, Template: templates[TemplateOf(s.Key)!], Data: CardJson.Load(s.Value)))
                .ToList();
            var results = ReferenceTemplating.Expand(cases.Select(c => (c.Template, (JsonNode?)c.Data)).ToList(), validate: true);
            return cases.Zip(results).ToDictionary(p => p.First.Name, p => (p.First.Data, p.Second), StringComparer.Ordinal);
        }
    }
}
