using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

public sealed class ReferenceOutlineTests
{
    [Fact]
    public void Is_the_ha_tinh_outline_with_its_indicator_appendix()
    {
        var reference = ReferenceOutline.Create();
        var fromPlan = SeedPlans.Import(SeedPlans.HaTinh).Outline;

        Assert.Equal(OutlineOrigin.Reference, reference.Origin);
        Assert.Equal(fromPlan.Title, reference.Title);
        Assert.Equal(
            fromPlan.AllSections().Select(s => (s.Id, s.NumberLabel, s.Level, s.Heading, s.Guidance, s.Kind, s.IsEvaluative)),
            reference.AllSections().Select(s => (s.Id, s.NumberLabel, s.Level, s.Heading, s.Guidance, s.Kind, s.IsEvaluative)));
        Assert.Equal(27, reference.AllSections().Count());
        Assert.Equal(ReferenceOutline.Origin, reference.Source);
    }

    [Fact]
    public void Gives_a_fresh_equal_copy_each_time()
    {
        var a = PlanExtractionJson.Serialize(new PlanExtraction { Outline = ReferenceOutline.Create() });
        var b = PlanExtractionJson.Serialize(new PlanExtraction { Outline = ReferenceOutline.Create() });
        Assert.Equal(a, b);
        Assert.NotSame(ReferenceOutline.Create(), ReferenceOutline.Create());
    }

    [Fact]
    public void Marks_the_sections_where_ai_drafting_is_offered()
    {
        var evaluative = ReferenceOutline.Create().AllSections().Where(s => s.IsEvaluative).ToList();
        Assert.Equal("C.", evaluative[0].NumberLabel);
        Assert.Equal(13, evaluative.Count);
        Assert.All(evaluative, s => Assert.StartsWith("1.3", s.Id, StringComparison.Ordinal));
    }
}
