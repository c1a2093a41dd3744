using SoKet.Bot.Drafting;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>
/// Sentence boundaries as read before the boundary pattern lost its lookbehind (so that it runs on the
/// non-backtracking engine): the same sentences, at the same places.
/// </summary>
public sealed class SentenceBoundaryTests
{
    [Theory]
    [InlineData("Tăng 5%. Giảm 3%.", "Tăng 5%.|Giảm 3%.")]
    [InlineData("Anh nói: “Xong rồi.” Sau đó về.", "Anh nói: “Xong rồi.”|Sau đó về.")]
    [InlineData("Đạt 95% (vượt kế hoạch.)   Tiếp theo", "Đạt 95% (vượt kế hoạch.)|Tiếp theo")]
    [InlineData("Một..  Hai!? Ba… Bốn", "Một..|Hai!?|Ba…|Bốn")]
    [InlineData("TP. Hà Tĩnh phát triển. Tốt", "TP. Hà Tĩnh phát triển.|Tốt")]
    [InlineData("- Ý một; ý hai", "Ý một;|ý hai")]
    [InlineData("1. Kết quả đạt 1.234,5 triệu đồng. Vượt", "Kết quả đạt 1.234,5 triệu đồng.|Vượt")]
    [InlineData("a) Câu.\tCâu]) nữa. ", "Câu.|Câu]) nữa.")]
    [InlineData(". . Hết", ".|.|Hết")]
    [InlineData("Không dấu chấm", "Không dấu chấm")]
    public void Splits_where_a_reader_would(string text, string expected)
    {
        var sentences = Sentences.Split(text);

        Assert.Equal(expected, string.Join('|', sentences.Select(s => s.Text)));
        foreach (var sentence in sentences)
            Assert.Equal(sentence.Text, text.Substring(sentence.Start, sentence.Length));
    }

    [Theory]
    [InlineData("Câu một. Câu hai đang", "Câu một.")]
    [InlineData("Câu “một.” Câu hai đang", "Câu “một.”")]
    [InlineData("Gặp TP. Hà", "")]
    [InlineData("Dòng một\nDòng hai", "Dòng một")]
    public void The_settled_part_ends_at_the_last_boundary(string text, string expected) =>
        Assert.Equal(expected, Sentences.CompletePart(text));
}
