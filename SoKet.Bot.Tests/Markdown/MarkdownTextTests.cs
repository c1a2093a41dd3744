using SoKet.Bot.Tests.Cards;
using SoKet.Bot.Text;

namespace SoKet.Bot.Tests.Markdown;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("2. Về phát triển kinh tế - xã hội", @"2\. Về phát triển kinh tế - xã hội")]
    [InlineData("1) Kết quả", @"1\) Kết quả")]
    [InlineData("- Ưu điểm", @"\- Ưu điểm")]
    [InlineData("+ Hạn chế", @"\+ Hạn chế")]
    [InlineData("* Nguyên nhân", @"\* Nguyên nhân")]
    [InlineData("# Tiêu đề", @"\# Tiêu đề")]
    [InlineData("> Trích dẫn", @"\> Trích dẫn")]
    [InlineData("Chỉ tiêu *vượt* và _đạt_", @"Chỉ tiêu \*vượt\* và \_đạt\_")]
    [InlineData("Xem [phụ lục](http://x) và `mã`", @"Xem \[phụ lục](http://x) và \`mã\`")]
    [InlineData("<b>đậm</b> &amp; ~~gạch~~", @"\<b>đậm\</b> \&amp; \~\~gạch\~\~")]
    [InlineData(@"C:\thư mục\*", @"C:\thư mục\\\*")]
    [InlineData("điểm (c) và +-5", @"điểm (c\) và +\-5")]
    [InlineData("   4. thụt lề", @"4\. thụt lề")]
    [InlineData("12,,5 và v.v...", @"12,\,5 và v.v.\.\.")]
    public void Markup_at_the_start_of_a_line_and_inline_is_escaped(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Literal(text));

    [Theory]
    [InlineData("I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT")]
    [InlineData("1.1. Về phát triển kinh tế")]
    [InlineData("Hạn gửi báo cáo: thứ Sáu, 30/06/2023 (còn 33 ngày).")]
    [InlineData("Kế hoạch số 125-KH/ThU, nhiệm kỳ 2020 - 2025; tỷ lệ 85,5% #1")]
    [InlineData("a < b và 3 > 2")]
    [InlineData("")]
    public void Text_without_markup_is_unchanged(string text) =>
        Assert.Equal(text, MarkdownText.Literal(text));

    [Fact]
    public void Line_breaks_are_kept_as_hard_breaks_and_paragraphs_stay_paragraphs()
    {
        Assert.Equal("Dòng một  \n\\- dòng hai\n\nĐoạn hai", MarkdownText.Literal("Dòng một\r\n- dòng hai\n\nĐoạn hai"));
        Assert.Equal("Tiêu đề  \n\\---", MarkdownText.Literal("Tiêu đề\n---"));
        Assert.Equal("Tiêu đề  \n\\==", MarkdownText.Literal("Tiêu đề\n=="));
        Assert.Equal("a  \n\\|b\\|", MarkdownText.Literal("a\n|b|"));
    }

    /// <summary>What people type, outline headings and plan text, through Web Chat's own Markdown renderer.</summary>
    public static readonly string[] Hostile =
    [
        "2. Về phát triển kinh tế - xã hội",
        "1. Đánh giá\n2. Kiểm điểm\n3. Phương hướng",
        "10) Mười",
        "- Ưu điểm: đoàn kết\n- Hạn chế: chậm",
        "+ Hạn chế\n* Nguyên nhân",
        "# Tiêu đề\n## Mục\n> Trích",
        "Tỷ lệ *vượt* 5% và __đạt__ 100%",
        "tên_tệp_báo_cáo.docx và a*b*c",
        "Xem [phụ lục 1](https://example.vn) hoặc ![ảnh](x.png)",
        "Lệnh `xuất báo cáo` và ```khối```",
        "<b>đậm</b> <script>x</script> <https://example.vn>",
        "&amp; &#169; &copy; & và",
        "~~gạch~~ và ~~~",
        "| a | b |\n| --- | --- |\n| 1 | 2 |",
        "Đoạn một\n---\nĐoạn hai\n===",
        "***\n___\n- - -",
        "    mã thụt lề bốn dấu cách",
        "\tthụt lề bằng tab",
        @"C:\thư mục\*tệp\*",
        "điểm (c), (R), (tm) và +-5",
        "Số liệu «12,,5» sai... v.v.. Thật sao???? Đúng!!!!",
        "Dòng một\nDòng hai\n\nĐoạn mới",
    ];

    [Fact]
    public void Every_hostile_text_renders_in_web_chat_exactly_as_written()
    {
        var raw = WebChatMarkdown.Render(Hostile);
        var escaped = WebChatMarkdown.Render(Hostile.Select(MarkdownText.Literal).ToList());

        for (var i = 0; i < Hostile.Length; i++)
        {
            Assert.True(WebChatMarkdown.Markup(raw[i]).Count > 0 || WebChatMarkdown.VisibleText(raw[i]) != WebChatMarkdown.Plain(Hostile[i]),
                $"The corpus text is harmless unescaped, so it proves nothing: {Hostile[i]}");
            Assert.True(WebChatMarkdown.Markup(escaped[i]).Count == 0, $"Markup in {escaped[i]} from {Hostile[i]}");
            Assert.Equal(WebChatMarkdown.Plain(Hostile[i]), WebChatMarkdown.VisibleText(escaped[i]));
        }
    }
}
