using SoKet.Bot.Campaigns;
using SoKet.Bot.Drafting;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>
/// "soạn tiếp mục II": the number typed after "mục", and the sections of the reference outline (Hà Tĩnh, 150-KH/TU) it
/// names. That outline repeats its numbers across parts: B and C both have a "III.", Phần 2 has a second "I." and "II.".
/// </summary>
public sealed class SectionNumbersTests
{
    private static readonly IReadOnlyList<OutlineEntry> Outline =
        ReportOutline.For(DraftingSeed.CreateCampaign(DraftingSeed.HaTinh).Sections, new Unit { HasCommittee = true });

    [Theory]
    [InlineData("soạn tiếp mục II", "II")]
    [InlineData("soan tiep muc iv", "IV")]
    [InlineData("soạn báo cáo mục 2.1", "2.1")]
    [InlineData("soạn tiếp mục III.1 về kinh tế", "III.1")]
    [InlineData("soạn tiếp mục B.II", "B.II")]
    [InlineData("Soạn tiếp Mục 2", "2")]
    public void The_number_after_muc_is_read_as_the_outline_writes_it(string typed, string expected) =>
        Assert.Equal(expected, SectionNumber.Find(VietnameseText.FoldForMatching(typed))?.Display);

    [Theory]
    [InlineData("soạn báo cáo")]
    [InlineData("soạn tiếp mục này")]
    [InlineData("soạn tiếp mục hạn chế")]
    [InlineData("soạn tiếp II")]
    [InlineData("soạn tiếp mục iiii")]
    public void Without_a_number_after_muc_there_is_none(string typed) =>
        Assert.Null(SectionNumber.Find(VietnameseText.FoldForMatching(typed)));

    [Theory]
    [InlineData("II", "II. Lãnh đạo phát triển kinh tế - xã hội")]
    [InlineData("IV", "IV. Đánh giá việc thực hiện các nhiệm vụ trọng tâm")]
    [InlineData("B.III", "III. Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại")]
    [InlineData("C.III", "III. BÀI HỌC KINH NGHIỆM")]
    [InlineData("C.I.2", "2. Về phát triển kinh tế - xã hội")]
    [InlineData("II.1.2.2", "2.2. Nguyên nhân chủ quan")]
    [InlineData("A", "A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH")]
    // "4" is written nowhere as such: the outline's "IV." is meant.
    [InlineData("4", "IV. Đánh giá việc thực hiện các nhiệm vụ trọng tâm")]
    // "C" is a heading with sections under it: its first one.
    [InlineData("C", "1. Về công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị")]
    public void A_number_the_outline_has_once_names_that_section(string number, string title)
    {
        var found = Assert.Single(SectionNumbers.Find(Outline, SectionNumber.Parse(number)!));

        Assert.True(found.IsWritable);
        Assert.StartsWith(title, found.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("III", 2)]
    [InlineData("I", 2)]
    [InlineData("2.1", 2)]
    [InlineData("2", 2)]
    public void A_number_the_outline_repeats_names_every_section_so_numbered(string number, int count)
    {
        var found = SectionNumbers.Find(Outline, SectionNumber.Parse(number)!);

        Assert.Equal(count, found.Count);
        Assert.All(found, e => Assert.True(e.IsWritable));
        Assert.Equal(found.Count, found.Select(e => e.TitleInContext).Distinct().Count());
    }

    [Theory]
    [InlineData("IX")]
    [InlineData("9")]
    [InlineData("III.1")]
    [InlineData("D")]
    public void A_number_the_outline_does_not_have_names_nothing(string number) =>
        Assert.Empty(SectionNumbers.Find(Outline, SectionNumber.Parse(number)!));

    [Theory]
    [InlineData("sửa chỉ tiêu số 3", 3)]
    [InlineData("sua chi tieu 3", 3)]
    [InlineData("sửa chỉ tiêu thứ 12", 12)]
    [InlineData("sửa chỉ tiêu", null)]
    [InlineData("sửa chỉ tiêu kết nạp đảng viên", null)]
    public void The_row_number_of_sua_chi_tieu(string typed, int? expected) =>
        Assert.Equal(expected, DraftingEntry.RowNumber(VietnameseText.FoldForMatching(typed)));
}
