using SoKet.Bot.Text;

namespace SoKet.Bot.Tests.Wording;

public sealed class FileSizesTests
{
    [Theory]
    [InlineData(10L * 1024 * 1024, "10 MB")]
    [InlineData(20L * 1024 * 1024, "20 MB")]
    [InlineData(850L * 1024, "850 KB")]
    [InlineData(3_300_000L, "3,1 MB")]
    public void Sizes_are_written_with_a_decimal_comma(long bytes, string expected) => Assert.Equal(expected, FileSizes.Format(bytes));

    [Theory]
    [InlineData(10L * 1024 * 1024 + 1, "10,1 MB")]
    [InlineData(4L * 1024 + 1, "4,1 KB")]
    [InlineData(20L * 1024 * 1024, "20 MB")]
    public void A_refused_size_is_rounded_up_so_it_never_reads_as_the_limit(long bytes, string expected) =>
        Assert.Equal(expected, FileSizes.FormatOver(bytes));
}
