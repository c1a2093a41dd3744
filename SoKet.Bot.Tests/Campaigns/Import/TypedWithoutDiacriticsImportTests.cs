using System.Globalization;
using System.Text;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Text;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>
/// A plan typed on a keyboard without Telex ("KE HOACH", "DE CUONG BAO CAO"), or saved in decomposed Unicode,
/// must read as the plan with its diacritics: the same facts, the same deadlines, the same outline. Compared on
/// the whole JSON the import-plan command prints, folded, so nothing the importer reads can go missing unseen.
/// </summary>
public sealed class TypedWithoutDiacriticsImportTests
{
    public static TheoryData<string> Seeds() => [.. SeedPlans.All];

    public static TheoryData<string> Variants() => [.. VariantFiles.All];

    public static TheoryData<string> WrittenPlans() => [nameof(VariantPlans.DistrictThematicReview), nameof(VariantPlans.GrassrootsWithOutline), nameof(VariantPlans.NoOutline), nameof(SeedVariants.YearEndPlan)];

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_variant_typed_without_diacritics_reads_as_the_variant(string name)
    {
        var text = VariantFiles.RawText(name);
        Assert.Equal(FoldedLines(PlanImporter.Extract(text)), FoldedLines(PlanImporter.Extract(StripDiacritics(text))));
    }

    [Theory]
    [MemberData(nameof(WrittenPlans))]
    public void A_written_plan_typed_without_diacritics_reads_as_the_plan(string name)
    {
        var text = name switch
        {
            nameof(VariantPlans.DistrictThematicReview) => VariantPlans.DistrictThematicReview,
            nameof(VariantPlans.GrassrootsWithOutline) => VariantPlans.GrassrootsWithOutline,
            nameof(VariantPlans.NoOutline) => VariantPlans.NoOutline,
            _ => SeedVariants.YearEndPlan,
        };
        Assert.Equal(FoldedLines(PlanImporter.Extract(text)), FoldedLines(PlanImporter.Extract(StripDiacritics(text))));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_typed_without_diacritics_reads_as_the_seed(string seed)
    {
        var expected = SeedPlans.Import(seed);
        var plan = PlanImporter.Extract(StripDiacritics(SeedPlans.RawText(seed)));

        Assert.Equal(FoldedLines(expected), FoldedLines(plan));
        Assert.NotNull(plan.DocumentType);
        Assert.NotNull(plan.Title);
        Assert.Equal(expected.Kind.Value, plan.Kind.Value);
        Assert.Equal(expected.Outline.Origin, plan.Outline.Origin);
        Assert.Equal(expected.Outline.AllSections().Count(), plan.Outline.AllSections().Count());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_in_decomposed_unicode_reads_exactly_as_the_seed(string seed)
    {
        var expected = SeedPlans.Import(seed);
        var plan = PlanImporter.Extract(SeedPlans.RawText(seed).Normalize(NormalizationForm.FormD));

        Assert.Equal(PlanExtractionJson.Serialize(expected), PlanExtractionJson.Serialize(plan));
    }

    [Fact]
    public void The_attached_outline_of_a_plan_typed_without_diacritics_is_read_with_its_sections()
    {
        var plan = PlanImporter.Extract(StripDiacritics(SeedPlans.RawText(SeedPlans.HaTinh)));

        Assert.Equal(OutlineOrigin.AttachedOutline, plan.Outline.Origin);
        Assert.False(plan.OfferReferenceOutline);
        Assert.StartsWith("DE CUONG BAO CAO", plan.Outline.Title, StringComparison.Ordinal);
        Assert.Equal(["Phan 1", "Phan 2", ""], plan.Outline.Sections.Select(s => s.NumberLabel));
        Assert.Equal("KE HOACH", plan.DocumentType?.Value);
        Assert.StartsWith("So ket giua nhiem ky thuc hien Nghi quyet Dai hoi dai bieu Dang bo tinh lan thu XIX", plan.Title?.Value, StringComparison.Ordinal);
    }

    /// <summary>What a clerk types without Telex: no tone or vowel marks, "đ" as "d".</summary>
    internal static string StripDiacritics(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string[] FoldedLines(PlanExtraction plan) =>
        PlanExtractionJson.Serialize(plan).Split('\n').Select(VietnameseText.Fold).ToArray();
}
