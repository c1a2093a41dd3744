using System.Text;
using SoKet.Bot.Text;

namespace SoKet.Bot.Tests.Campaigns.Import;

/// <summary>SoKet.Bot.Text.VietnameseText, used by the importer (kept in this namespace so the Import filter runs it).</summary>
public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Trước ngày", "truoc ngay")]
    [InlineData("ĐẢNG ỦY KHỐI", "dang uy khoi")]
    [InlineData("  Đảng   bộ\u00A0tỉnh\t", "dang bo tinh")]
    [InlineData("Thành uỷ", "thanh uy")]
    [InlineData("Nghị quyết 18-NQ/TW", "nghi quyet 18-nq/tw")]
    public void Folds_case_diacritics_and_spacing(string text, string folded)
    {
        Assert.Equal(folded, VietnameseText.Fold(text));
    }

    [Fact]
    public void Folds_decomposed_text_like_composed_text()
    {
        const string composed = "Ban Thường vụ Thành ủy";
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);
        Assert.Equal(composed, VietnameseText.Normalize(decomposed));
        Assert.Equal(VietnameseText.Fold(composed), VietnameseText.Fold(decomposed));
        Assert.True(VietnameseText.EqualsFolded(composed, decomposed));
        Assert.True(VietnameseText.ContainsFolded("gửi về Ban Thường vụ Thành ủy", "thuong vu thanh uy"));
    }

    [Fact]
    public void Folding_preserves_length_so_positions_carry_over()
    {
        const string text = "Hoàn thành trước ngày 30/6/2023";
        var folded = VietnameseText.FoldPreservingLength(text);
        Assert.Equal(text.Length, folded.Length);
        Assert.Equal("hoan thanh truoc ngay 30/6/2023", folded);
        var at = folded.IndexOf("truoc", StringComparison.Ordinal);
        Assert.Equal("trước", text.Substring(at, 5));
    }

    [Fact]
    public void Collapses_spaces_and_recognises_capitals()
    {
        Assert.Equal("a b c", VietnameseText.CollapseSpaces("  a \u2003 b\n\nc "));
        Assert.True(VietnameseText.IsUpperCase("THÀNH ỦY LAI CHÂU"));
        Assert.False(VietnameseText.IsUpperCase("Thành ủy"));
        Assert.False(VietnameseText.IsUpperCase("*"));
        Assert.Equal("Sơ kết", VietnameseText.CapitalizeFirst("sơ kết"));
        Assert.Equal("Đảng", VietnameseText.CapitalizeFirst("đảng"));
    }
}
