using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.Turns;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Chat;

/// <summary>"đợt sơ kết nào đang mở?": the open campaigns that concern the user (all of them for the office).</summary>
public sealed class OpenCampaignsCommand(SoKetDbContext db)
{
    public const string Route = "dot-so-ket-dang-mo";

    public static bool Matches(string foldedText) =>
        foldedText.Contains("dot so ket", StringComparison.Ordinal) &&
        (foldedText.Contains("dang mo", StringComparison.Ordinal) || foldedText.Contains("nao", StringComparison.Ordinal) ||
         foldedText.StartsWith("danh sach", StringComparison.Ordinal) || foldedText.StartsWith("cac dot", StringComparison.Ordinal));

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;
        var unitIds = user.MemberUnitIds.Concat(user.LeaderUnitIds).ToList();
        var query = db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Open);
        if (!user.IsAdmin)
            query = query.Where(c => db.Set<Unit>().Any(u => u.CampaignId == c.Id && unitIds.Contains(u.Id)));
        var campaigns = await query.OrderByDescending(c => c.CreatedAtUtc).ToListAsync(cancellationToken);

        if (campaigns.Count == 0)
        {
            turn.SendText(user.IsAdmin
                ? "Hiện chưa có đợt sơ kết nào đang mở. Đồng chí gõ «tạo đợt sơ kết» và gửi tệp kế hoạch để bắt đầu."
                : "Hiện chưa có đợt sơ kết nào đang mở liên quan đến đơn vị của đồng chí. Nếu đơn vị đã nhận kế hoạch, đề nghị đồng chí liên hệ văn phòng cấp ủy để được thêm vào danh sách.");
            return;
        }

        var text = new StringBuilder(campaigns.Count == 1 ? "Đợt sơ kết đang mở:" : $"Có {campaigns.Count} đợt sơ kết đang mở:");
        foreach (var campaign in campaigns)
        {
            text.Append("\n\n- **").Append(MarkdownText.Literal(campaign.Code)).Append("** — ").Append(MarkdownText.Literal(campaign.Title));
            if (campaign.IssuedOn is { } issued)
                text.Append(" (").Append(MarkdownText.Literal(campaign.IssuingBody)).Append(", ngày ").Append(issued.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).Append(')');
        }
        turn.SendText(text.ToString());
    }
}
