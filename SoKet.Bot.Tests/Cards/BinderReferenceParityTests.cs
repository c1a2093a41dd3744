using System.Text.Json.Nodes;
using SoKet.Bot.Cards;

namespace SoKet.Bot.Tests.Cards;

/// <summary>Every case of parity-cases.json, expanded by CardTemplateBinder and by adaptivecards-templating.</summary>
public sealed class BinderReferenceParityTests(BinderReferenceParityTests.Corpus corpus) : IClassFixture<BinderReferenceParityTests.Corpus>
{
    public static TheoryData<string> CaseNames() => new(Corpus.Load().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Binder_matches_the_reference_engine(string name)
    {
        var (testCase, expected) = corpus.Get(name);

        JsonNode? actual;
        try
        {
            actual = CardTemplateBinder.Parse(testCase.Template, name).Bind(testCase.Data);
        }
        catch (CardTemplateException e)
        {
            Assert.True(expected.Failed, $"The binder failed where adaptivecards-templating succeeded with {CardJson.Normalize(expected.Result)}: {e.Message}");
            return;
        }

        Assert.False(expected.Failed, $"adaptivecards-templating failed ({expected.Error}) but the binder produced {CardJson.Normalize(actual)}.");
        Assert.Equal(CardJson.Normalize(expected.Result), CardJson.Normalize(actual));
    }

    [Fact]
    public void Case_names_are_unique()
    {
        var names = Corpus.Load().Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    public sealed record Case(string Name, JsonNode Template, JsonNode? Data);

    /// <summary>Runs the whole corpus through Node once, for all the theory's cases.</summary>
    public sealed class Corpus
    {
        private readonly Lazy<Dictionary<string, (Case, ReferenceResult)>> _results = new(Run);

        internal (Case Case, ReferenceResult Expected) Get(string name) => _results.Value[name];

        public static IReadOnlyList<Case> Load()
        {
            var file = CardJson.Load(RepositoryPaths.ParityCases);
            var shared = file["data"];
            return file["cases"]!.AsArray()
                .Select(c => new Case(
                    c!["name"]!.GetValue<string>(),
                    c["template"]!,
                    c["noData"] is not null ? null : c.AsObject().ContainsKey("data") ? c["data"] : shared))
                .ToList();
        }

        private static Dictionary<string, (Case, ReferenceResult)> Run()
        {
            var cases = Load();
            var results = ReferenceTemplating.Expand(cases.Select(c => (c.Template, c.Data)).ToList());
            return cases.Zip(results).ToDictionary(p => p.First.Name, p => (p.First, p.Second), StringComparer.Ordinal);
        }
    }
}
