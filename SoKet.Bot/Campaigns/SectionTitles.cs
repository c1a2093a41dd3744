using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns;

/// <summary>
/// An outline section's title as shown: its numbering and its heading ("2." + "Về phát triển kinh tế - xã hội").
/// A label that the heading already begins with is not said twice: the importer used to label an inferred appendix
/// "Phụ lục" while its heading reads "Phụ lục so sánh kết quả …", and outlines stored then still have that label.
/// </summary>
public static class SectionTitles
{
    public static string Compose(string? label, string heading) =>
        Label(label, heading) is { Length: > 0 } shown ? $"{shown} {heading}" : heading;

    /// <summary>The label to show before <paramref name="heading"/>: empty when there is none or the heading already starts with it.</summary>
    public static string Label(string? label, string heading)
    {
        if (string.IsNullOrWhiteSpace(label))
            return "";
        var foldedLabel = VietnameseText.Fold(label).TrimEnd('.', ':');
        var foldedHeading = VietnameseText.Fold(heading);
        var repeats = foldedLabel.Length > 0 && foldedHeading.StartsWith(foldedLabel, StringComparison.Ordinal)
            && (foldedHeading.Length == foldedLabel.Length || !char.IsLetterOrDigit(foldedHeading[foldedLabel.Length]));
        return repeats ? "" : label;
    }
}
