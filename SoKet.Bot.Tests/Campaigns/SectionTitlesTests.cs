using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Tests.Campaigns;

public sealed class SectionTitlesTests
{
    [Theory]
    [InlineData("2.", "Về phát triển kinh tế - xã hội", "2. Về phát triển kinh tế - xã hội")]
    [InlineData("", "Phụ lục so sánh kết quả", "Phụ lục so sánh kết quả")]
    [InlineData("Phụ lục", "Phụ lục so sánh kết quả", "Phụ lục so sánh kết quả")]      // stored before the importer stopped labelling it
    [InlineData("Phụ lục", "Phụ lục: Biểu chỉ tiêu", "Phụ lục: Biểu chỉ tiêu")]
    [InlineData("Phụ lục", "PHỤ LỤC", "PHỤ LỤC")]
    [InlineData("Phần 1", "ĐÁNH GIÁ KẾT QUẢ", "Phần 1 ĐÁNH GIÁ KẾT QUẢ")]
    [InlineData("I.", "Illustration", "I. Illustration")]                                 // a letter-prefix is not the label
    [InlineData("Phụ lục", "Phụ lục hóa các chỉ tiêu", "Phụ lục hóa các chỉ tiêu")]
    public void A_label_the_heading_already_says_is_not_said_twice(string label, string heading, string expected) =>
        Assert.Equal(expected, SectionTitles.Compose(label, heading));
}
