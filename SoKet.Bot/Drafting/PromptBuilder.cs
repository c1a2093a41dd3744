using System.Text;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>The two messages of a request and what went into them (sizes only; the text is never logged).</summary>
public sealed record ModelPrompt(string System, string User, int DataChars, int ShortenedSections);

/// <summary>
/// Builds the chat messages for one section. Instructions come only from the prompt files; everything the unit or the
/// plan wrote goes inside &lt;du_lieu_don_vi&gt; as data, with angle brackets replaced so no text can close the block
/// and pose as instructions. The data is capped at <see cref="AiOptions.MaxInputChars"/>: the indicator table is
/// always kept whole, and the longest sections are shortened first, to the same length, keeping the sentences that
/// carry figures or name shortcomings and causes.
/// </summary>
public static class PromptBuilder
{
    public const string OpenTag = "<du_lieu_don_vi>";
    public const string CloseTag = "</du_lieu_don_vi>";
    private const string ShortenedMark = " […]";

    public static ModelPrompt Build(PromptSet prompts, DraftingRequest request, int maxDataChars)
    {
        var input = request.Normalized();
        var (data, shortened) = UnitData(input, maxDataChars);
        var user = PromptLibrary.Fill(prompts.Task, new Dictionary<string, string>
        {
            ["section_heading"] = Data(input.SectionHeading),
            ["unit_name"] = Data(input.UnitName),
            ["purpose_instructions"] = prompts.Purposes[input.Purpose],
            ["section_guidance"] = string.IsNullOrWhiteSpace(input.SectionGuidance) ? "không có" : Data(input.SectionGuidance),
            ["unit_data"] = data,
        });
        return new ModelPrompt(prompts.System, user, data.Length, shortened);
    }

    /// <summary>Neutralises angle brackets so data cannot open or close the delimiting tags.</summary>
    public static string Data(string text) => text.Replace('<', '‹').Replace('>', '›');

    private static (string Data, int Shortened) UnitData(DraftingRequest input, int maxChars)
    {
        var head = new StringBuilder();
        head.Append("Đợt sơ kết: ").Append(Data(input.CampaignTitle)).Append('\n');
        head.Append("Đơn vị: ").Append(Data(input.UnitName)).Append("\n\n");
        head.Append("Bảng chỉ tiêu (mức độ hoàn thành và đánh giá do hệ thống tính từ số liệu của đơn vị):\n");
        if (input.Indicators.Count == 0)
            head.Append("Đơn vị chưa nhập bảng chỉ tiêu.\n");
        foreach (var indicator in input.Indicators)
            head.Append("- ").Append(IndicatorLine(indicator)).Append('\n');

        var sections = input.OwnSections.Select(s => (Title: "### " + Data(s.Heading), Text: Data(s.Text))).ToList();
        if (!string.IsNullOrWhiteSpace(input.ExistingText))
            sections.Add(("### Nội dung hiện có của mục đang soạn", Data(input.ExistingText)));

        const string sectionsHeader = "\nNội dung báo cáo của đơn vị:\n";
        var overhead = head.Length + sectionsHeader.Length + sections.Sum(s => s.Title.Length + 3);
        var fitted = Fit([.. sections.Select(s => s.Text)], Math.Max(0, maxChars - overhead));

        var data = new StringBuilder(head.ToString());
        if (sections.Count > 0)
        {
            data.Append(sectionsHeader);
            for (var i = 0; i < sections.Count; i++)
                data.Append(sections[i].Title).Append('\n').Append(fitted.Texts[i]).Append("\n\n");
        }

        var text = data.ToString().TrimEnd();
        return (text.Length <= maxChars ? text : text[..maxChars], fitted.Shortened);
    }

    private static string IndicatorLine(IndicatorInput indicator)
    {
        var assessment = indicator.Assess();
        var parts = new List<string>();
        parts.Add("chỉ tiêu nghị quyết " + Figure(indicator.Target, indicator));
        parts.Add("kết quả đến nay " + Figure(indicator.Result, indicator));
        parts.Add("dự ước cả năm " + Figure(indicator.FullYearEstimate, indicator));
        if (assessment.AchievementText is { } percent)
        {
            var basis = assessment.Basis == AchievementBasis.FullYearEstimate ? "dự ước cả năm" : "kết quả đến nay";
            parts.Add($"mức độ hoàn thành {percent} (tính theo {basis})");
        }

        parts.Add("đánh giá: " + assessment.VerdictLabel);
        var direction = indicator.LowerIsBetter ? " (chỉ tiêu càng thấp càng tốt)" : "";
        return $"{Data(indicator.Name)}{direction}: {string.Join("; ", parts)}.";
    }

    private static string Figure(decimal? value, IndicatorInput indicator) =>
        value is { } v ? Data(VietnameseNumbers.FormatQuantity(v, indicator.UnitOfMeasure)) : "chưa có số liệu";

    /// <summary>Shortens the longest texts first: finds the largest common length L such that the texts, each cut to L, fit the budget.</summary>
    private static (IReadOnlyList<string> Texts, int Shortened) Fit(IReadOnlyList<string> texts, int budget)
    {
        if (texts.Sum(t => t.Length) <= budget)
            return (texts, 0);

        var remaining = budget;
        var level = 0;
        var ordered = texts.Select(t => t.Length).Order().ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var share = remaining / (ordered.Count - i);
            if (ordered[i] > share)
            {
                level = share;
                break;
            }

            remaining -= ordered[i];
        }

        var fitted = texts.Select(t => t.Length <= level ? t : Shorten(t, level)).ToList();
        return (fitted, texts.Count(t => t.Length > level));
    }

    private static string Shorten(string text, int limit)
    {
        var room = limit - ShortenedMark.Length;
        if (room <= 0)
            return "";

        var sentences = Sentences.Split(text).Select(s => s.Text).ToList();
        var keep = new bool[sentences.Count];
        var used = 0;
        foreach (var pass in new[] { true, false })
        {
            for (var i = 0; i < sentences.Count; i++)
            {
                if (keep[i] || IsInformative(sentences[i]) != pass || used + sentences[i].Length + 1 > room)
                    continue;
                keep[i] = true;
                used += sentences[i].Length + 1;
            }
        }

        var kept = string.Join(' ', sentences.Where((_, i) => keep[i]));
        if (kept.Length == 0)
        {
            var cut = text[..room];
            var lastSpace = cut.LastIndexOf(' ');
            kept = lastSpace > room / 2 ? cut[..lastSpace] : cut;
        }

        return kept + ShortenedMark;
    }

    private static bool IsInformative(string sentence) =>
        sentence.Any(char.IsAsciiDigit) || UnitStatements.Shortcomings([sentence]).Count > 0 || UnitStatements.Causes([sentence]).Count > 0;
}
