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
    public void Sections_that_share_a_title_are_named_with_their_parent_and_the_others_by_their_title()
    {
        // "a) Nguyên nhân khách quan" under both "1. Hạn chế" and "2. Khuyết điểm", as plans write their causes.
        var top = Section("II.", "HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN", 1, null, 1);
        var shortcomings = Section("1.", "Hạn chế", 2, top, 2);
        var causes1 = Section("a)", "Nguyên nhân khách quan", 3, shortcomings, 3);
        var faults = Section("2.", "Khuyết điểm", 2, top, 4);
        var causes2 = Section("a)", "Nguyên nhân khách quan", 3, faults, 5);
        var own = Section("b)", "Nguyên nhân chủ quan", 3, faults, 6);
        var unit = new Unit();
        var outline = ReportOutline.For([top, shortcomings, causes1, faults, causes2, own], unit);
        var view = new ReportView(new Report(), new Campaign(), unit, outline);

        Assert.Equal("a) Nguyên nhân khách quan (thuộc «1. Hạn chế»)", view.Label(outline.Single(e => e.Id == causes1.Id)));
        Assert.Equal("a) Nguyên nhân khách quan (thuộc «2. Khuyết điểm»)", view.Label(outline.Single(e => e.Id == causes2.Id)));
        Assert.Equal("b) Nguyên nhân chủ quan", view.Label(outline.Single(e => e.Id == own.Id)));

        static CampaignSection Section(string number, string heading, int level, CampaignSection? parent, int order) =>
            new() { Id = Guid.NewGuid(), NumberLabel = number, Heading = heading, Level = level, ParentId = parent?.Id, Order = order };
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
