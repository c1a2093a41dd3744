using SoKet.Bot.Campaigns.Import.Parsing;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>Numbering labels and the item tree built from them, independent of any seed.</summary>
public sealed class NumberingStructureTests
{
    [Theory]
    [InlineData("Phần 1", "Part", "Phần 1", 1, "")]
    [InlineData("PHẦN THỨ HAI: NHIỆM VỤ", "Part", "PHẦN THỨ HAI", 2, "NHIỆM VỤ")]
    [InlineData("Phần thứ nhất. Kết quả", "Part", "Phần thứ nhất", 1, "Kết quả")]
    [InlineData("Phần III - Kiến nghị", "Part", "Phần III", 3, "Kiến nghị")]
    [InlineData("A. KHÁI QUÁT", "UpperLetter", "A.", 1, "KHÁI QUÁT")]
    [InlineData("Đ) Khác", "UpperLetter", "Đ)", 4, "Khác")]
    [InlineData("IV- Tổ chức thực hiện", "Roman", "IV-", 4, "Tổ chức thực hiện")]
    [InlineData("II NỘI DUNG", "Roman", "II", 2, "NỘI DUNG")]
    [InlineData("1. Mục đích", "Arabic", "1.", 1, "Mục đích")]
    [InlineData("1- Mục đích: Nhằm", "Arabic", "1-", 1, "Mục đích: Nhằm")]
    [InlineData("2.1. Cấp cơ sở:", "Arabic", "2.1.", 1, "Cấp cơ sở:")]
    [InlineData("1.2.3 Chi tiết", "Arabic", "1.2.3", 3, "Chi tiết")]
    [InlineData("3) UBND huyện", "Arabic", "3)", 3, "UBND huyện")]
    [InlineData("a) Khám bệnh", "LowerLetter", "a)", 1, "Khám bệnh")]
    [InlineData("đ/ Khác", "LowerLetter", "đ/", 4, "Khác")]
    [InlineData("- Đối tượng: ...", "Bullet", "-", 0, "Đối tượng: ...")]
    [InlineData("+ Gửi báo cáo", "Bullet", "+", 0, "Gửi báo cáo")]
    [InlineData("• Nêu rõ", "Bullet", "•", 0, "Nêu rõ")]
    public void Recognises_labels(string line, string style, string label, int value, string text)
    {
        var parsed = NumberingLabel.Parse(line).First();
        Assert.Equal(style, parsed.Style.ToString());
        Assert.Equal(label, parsed.Label);
        Assert.Equal(value, parsed.Value);
        Assert.Equal(text, parsed.Text);
    }

    [Theory]
    [InlineData("30/6/2023 là hạn cuối")]
    [InlineData("2020 - 2025")]
    [InlineData("6 tháng đầu năm 2023")]
    [InlineData("1.000 đảng viên")]
    [InlineData("-----")]
    [InlineData("*")]
    [InlineData("TP. Lai Châu, ngày 21 tháng 3 năm 2023")]
    [InlineData("Thực hiện Kế hoạch số 152-KH/TU")]
    [InlineData("ĐẢNG BỘ TỈNH LAI CHÂU")]
    [InlineData("(Theo đề cương báo cáo gửi kèm)")]
    public void Does_not_take_ordinary_lines_for_labels(string line)
    {
        Assert.Empty(NumberingLabel.Parse(line));
    }

    [Fact]
    public void Reads_c_after_b_as_a_letter_and_i_after_b_as_roman()
    {
        var tree = StructureBuilder.Build(["A. Một", "B. Hai", "I. Ba", "II. Bốn", "C. Năm", "I. Sáu"]);
        Assert.Equal(["A. Một", "B. Hai", "C. Năm"], tree.Children.Select(c => c.FullLine));
        Assert.Equal(["I. Ba", "II. Bốn"], tree.Children[1].Children.Select(c => c.FullLine));
        Assert.Equal(["I. Sáu"], tree.Children[2].Children.Select(c => c.FullLine));
    }

    [Fact]
    public void Nests_any_order_of_styles_and_attaches_paragraphs_to_their_item()
    {
        var tree = StructureBuilder.Build(
        [
            "I- Nội dung",
            "1- Về đánh giá:",
            "1.1. Bối cảnh: nêu thuận lợi.",
            "- ý một",
            "+ ý con",
            "Đoạn văn thuộc ý con.",
            "1.2. Kết quả",
            "2- Phương hướng",
            "II- Tổ chức thực hiện",
            "1. Văn phòng tổng hợp.",
        ]);

        Assert.Equal(["I- Nội dung", "II- Tổ chức thực hiện"], tree.Children.Select(c => c.FullLine));
        var first = tree.Children[0];
        Assert.Equal(["1- Về đánh giá:", "2- Phương hướng"], first.Children.Select(c => c.FullLine));
        var bullet = first.Children[0].Children[0].Children.Single();
        Assert.Equal("- ý một", bullet.FullLine);
        Assert.Equal("+ ý con", bullet.Children.Single().FullLine);
        Assert.Equal(["Đoạn văn thuộc ý con."], bullet.Children.Single().Lines);
        Assert.Equal("I- › 1- › 1.1.", bullet.Children.Single().Location());
        Assert.Equal("1. Văn phòng tổng hợp.", tree.Children[1].Children.Single().FullLine);
    }

    [Fact]
    public void A_label_alone_takes_the_next_line_as_its_heading()
    {
        var tree = StructureBuilder.Build(["Phần 1", "ĐÁNH GIÁ KẾT QUẢ", "(.../2020 - .../2023)", "A. KHÁI QUÁT"]);
        var part = tree.Children.Single();
        Assert.Equal("ĐÁNH GIÁ KẾT QUẢ", part.Text);
        Assert.Equal(["(.../2020 - .../2023)"], part.Lines);
        Assert.Equal("A. KHÁI QUÁT", part.Children.Single().FullLine);
    }

    [Theory]
    [InlineData("Văn phòng Tỉnh ủy tổng hợp báo cáo trình Ban Thường vụ Tỉnh ủy", "Văn phòng Tỉnh ủy")]
    [InlineData("Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố tổng hợp báo cáo", "Các ban Đảng, Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội thành phố")]
    [InlineData("Ban cán sự đảng Ủy ban nhân dân tỉnh, các ban Đảng, Ủy ban Kiểm tra, Văn phòng Tỉnh ủy căn cứ Nghị quyết", "Ban cán sự đảng Ủy ban nhân dân tỉnh, các ban Đảng, Ủy ban Kiểm tra, Văn phòng Tỉnh ủy")]
    [InlineData("Ban Tổ chức Huyện ủy tổng hợp", "Ban Tổ chức Huyện ủy")]
    [InlineData("Các chi bộ cần tổ chức hội nghị", "Các chi bộ")]
    [InlineData("Báo cáo của các cơ quan, đơn vị nêu trên gửi về Ban Thường vụ", "các cơ quan, đơn vị nêu trên")]
    [InlineData("Tuy nhiên, gửi Báo cáo chính trị về Đảng ủy Khối", null)]
    [InlineData("hoàn thành trước ngày 30/7/2023", null)]
    [InlineData("Về nội dung: báo cáo đánh giá", null)]
    public void Finds_the_unit_a_clause_is_about(string clause, string? subject)
    {
        Assert.Equal(subject, UnitPhrases.Subject(clause));
    }

    [Theory]
    [InlineData("Các chi, đảng bộ cơ sở", "Các chi, đảng bộ trực thuộc Đảng ủy Khối", true)]
    [InlineData("Cấp ủy, các chi bộ, đảng bộ cơ sở", "Các chi bộ, đảng bộ cơ sở", true)]
    [InlineData("Cấp cơ sở", "Các chi bộ, đảng bộ cơ sở", false)]
    [InlineData("UBND thành phố", "Thường trực HĐND thành phố", false)]
    public void Meets_different_names_of_one_group_under_one_key(string a, string b, bool same)
    {
        Assert.Equal(same, UnitPhrases.GroupKey(a) == UnitPhrases.GroupKey(b));
    }
}
