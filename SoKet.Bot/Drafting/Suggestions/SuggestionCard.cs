namespace SoKet.Bot.Drafting.Suggestions;

/// <summary>Data for cards/report-suggestion.json: a suggestion the drafter accepts (as is or edited), asks again for, or discards.</summary>
public static class SuggestionCard
{
    public const string TemplateName = "report-suggestion";
    public const string Command = "goi-y-du-thao";

    public static object Create(string sectionTitle, Suggestion suggestion, Guid draftId, int basedOnVersion) => new
    {
        sectionTitle,
        text = suggestion.Text,
        notices = suggestion.Notices.Select(n => new { text = n }).ToArray(),
        source = suggestion.Source == SuggestionSource.Model
            ? "Gợi ý do mô hình AI soạn từ nội dung và số liệu của đơn vị."
            : "Gợi ý soạn tự động từ bảng chỉ tiêu và nội dung đơn vị đã nhập.",
        draftId = draftId.ToString(),
        basedOn = basedOnVersion,
    };
}
