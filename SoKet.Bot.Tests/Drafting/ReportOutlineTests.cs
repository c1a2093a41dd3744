using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Drafting;

using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Drafting;

public sealed class ReportOutlineTests
{
    [Fact]
    public void The_leadership_self_review_is_a_section_only_for_a_chi_bo_without_a_committee()
    {
        var campaign = DraftingSeed.CreateCampaign(DraftingSeed.LaiChau);
        var conditional = Assert.Single(campaign.Sections, s => s.Condition == ConditionKind.UnitWithoutCommittee);

        var without = ReportOutline.For(campaign.Sections, new Unit { HasCommittee = false });
        var with = ReportOutline.For(campaign.Sections, new Unit { HasCommittee = true });

        Assert.Contains(without, e => e.Id == conditional.Id && e.IsWritable);
        Assert.DoesNotContain(with, e => e.Id == conditional.Id);
        Assert.Equal(without.Count - 1, with.Count);
        Console.WriteLine(string.Join("\n", without.Select(e => (e.Title, e.IsWritable))));
    }

    [Fact]
    public void Headings_with_children_are_structure_and_text_goes_in_the_leaves_of_the_reference_outline()
    {
        var campaign = DraftingSeed.CreateCampaign(DraftingSeed.HaTinh);

        var outline = ReportOutline.For(campaign.Sections, new Unit { HasCommittee = true });

        var titles = outline.Select(e => (e.Title, e.IsWritable)).ToList();
        Assert.Contains(titles, t => t.Title.Contains("KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH") && t.IsWritable);
        Assert.Contains(titles, t => t.Title.Contains("KẾT QUẢ ĐẠT ĐƯỢC") && !t.IsWritable);
        Assert.Contains(titles, t => t.Title.Contains("Nguyên nhân chủ quan") && t.IsWritable);
        Assert.Equal(outline.Select(e => e.Section.Order).Order(), outline.Select(e => e.Section.Order));
        Console.WriteLine(string.Join("\n", titles));
    }
}
