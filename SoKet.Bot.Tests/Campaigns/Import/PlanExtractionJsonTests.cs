using System.Text.Json;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>The JSON printed by <c>import-plan --json</c> keeps the shape documented in docs/import-plan-json.md.</summary>
public sealed class PlanExtractionJsonTests
{
    private static readonly string LaiChauJson = PlanExtractionJson.Serialize(SeedPlans.Import(SeedPlans.LaiChau));

    [Fact]
    public void Has_the_documented_top_level_properties_in_order()
    {
        using var json = JsonDocument.Parse(LaiChauJson);
        Assert.Equal(
            [
                "schemaVersion", "number", "documentType", "issuingBody", "organisation", "parentOrganisation", "place", "issuedOn",
                "title", "kind", "basedOn", "evaluationPeriod", "dataCutOff", "reportsTo", "deadlines", "unitGroups", "outline",
                "hasOutline", "offerReferenceOutline", "warnings",
            ],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public void Writes_dates_as_iso_days_enums_as_camel_case_strings_and_nulls_explicitly()
    {
        using var json = JsonDocument.Parse(LaiChauJson);
        var root = json.RootElement;
        Assert.Equal("2023-03-21", root.GetProperty("issuedOn").GetProperty("date").GetString());
        Assert.Equal("day", root.GetProperty("issuedOn").GetProperty("precision").GetString());
        Assert.Equal("midTermCongressReview", root.GetProperty("kind").GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("dataCutOff").ValueKind);

        var first = root.GetProperty("deadlines")[0];
        Assert.Equal(
            ["id", "unitGroup", "unitGroupAsWritten", "isIssuerTask", "due", "timing", "date", "qualifier", "offsetDays", "recipient", "via", "what", "location", "source"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("conference", first.GetProperty("due").GetString());
        Assert.Equal("onDate", first.GetProperty("timing").GetString());
        Assert.Equal("before", first.GetProperty("qualifier").GetString());
        Assert.Equal("2023-06-30", first.GetProperty("date").GetProperty("date").GetString());

        var section = root.GetProperty("outline").GetProperty("sections")[1];
        Assert.Equal(
            ["id", "numberLabel", "level", "heading", "guidance", "kind", "isEvaluative", "isInferred", "condition", "isConditional", "source", "children"],
            section.EnumerateObject().Select(p => p.Name));
        Assert.Equal("leadershipSelfReview", section.GetProperty("kind").GetString());
        Assert.Equal("unitWithoutCommittee", section.GetProperty("condition").GetProperty("kind").GetString());
        Assert.Equal("contentGuidance", root.GetProperty("outline").GetProperty("origin").GetString());
    }

    [Fact]
    public void Leaves_vietnamese_readable()
    {
        Assert.Contains("\"Thành ủy Lai Châu\"", LaiChauJson, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", LaiChauJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SeedPlans.LaiChau)]
    [InlineData(SeedPlans.HaTinh)]
    [InlineData(SeedPlans.DangUyKhoi)]
    public void Round_trips(string seed)
    {
        var json = PlanExtractionJson.Serialize(SeedPlans.Import(seed));
        var back = PlanExtractionJson.Deserialize(json);
        Assert.NotNull(back);
        Assert.Equal(json, PlanExtractionJson.Serialize(back));
    }

    [Fact]
    public void Is_deterministic()
    {
        Assert.Equal(LaiChauJson, PlanExtractionJson.Serialize(SeedPlans.Import(SeedPlans.LaiChau)));
    }
}
