namespace SoKet.Bot.Export.Synthesis;

/// <summary>Data for cards/consolidation-synthesis.json: the offer, under the consolidated report, to add a synthesis paragraph per section.</summary>
public sealed record SynthesisOfferCard(string Text, string Source, string CampaignId)
{
    public const string TemplateName = "consolidation-synthesis";

    /// <summary>The button's title, and the card's summary.</summary>
    public const string Button = "Kèm đoạn tổng hợp";

    /// <param name="model">The model that writes the paragraphs; null when none is configured.</param>
    public static SynthesisOfferCard Create(Guid campaignId, int submitted, string? model) => new(
        $"Trợ lý sơ kết có thể soạn cho mỗi mục của đề cương một đoạn tổng hợp từ nội dung {submitted} đơn vị đã nộp, đưa vào tệp dưới dạng dự thảo " +
        "để văn phòng biên tập lại. Mỗi số liệu trong đoạn tổng hợp đều có trong báo cáo của đơn vị được nêu tên.",
        model is null
            ? "Chưa cấu hình mô hình AI: đoạn tổng hợp được soạn tự động từ các câu tiêu biểu trong báo cáo của từng đơn vị."
            : $"Đoạn tổng hợp do mô hình AI «{model}» soạn; mục nào mô hình không trả lời được, Trợ lý sơ kết tự soạn từ các câu tiêu biểu của đơn vị.",
        campaignId.ToString());
}
