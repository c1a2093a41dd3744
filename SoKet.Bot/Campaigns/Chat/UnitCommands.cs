using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns.Units;
using SoKet.Bot.Cards;
using SoKet.Bot.Data;
using SoKet.Bot.Turns;
using SoKet.Bot.People;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Chat;

/// <summary>
/// A CSV of units sent by an admin: loaded into the open campaign (upsert by unit name), or, when
/// several campaigns are open, kept while the admin picks one. Any problem changes nothing.
/// </summary>
public sealed class UnitCsvFileCommand(ITurnFiles files, SoKetDbContext db, CardCatalog cards, TimeProvider clock, Conversations.ProgressMessages progress)
{
    public const string LoadCommand = "nap-don-vi";

    public static bool Accepts(string fileName) => fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;
        var inbound = await files.ReadAsync(turn.Activity, turn.CurrentFile!, UnitCsvImporter.MaxBytes, cancellationToken);
        if (inbound.Problem != AttachmentProblem.None)
        {
            turn.SendText(inbound.Problem == AttachmentProblem.TooLarge
                ? $"Tệp «{inbound.Name}» vượt quá giới hạn {FileSizes.Format(UnitCsvImporter.MaxBytes)} của danh sách đơn vị."
                : $"Tôi không tải được tệp «{inbound.Name}». Đồng chí vui lòng gửi lại tệp.");
            return;
        }

        var open = await db.Campaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Open)
            .OrderByDescending(c => c.CreatedAtUtc).Select(c => new { c.Id, c.Code, c.Title }).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            turn.SendText("Chưa có đợt sơ kết nào đang mở để nạp danh sách đơn vị. Đồng chí gõ «tạo đợt sơ kết» và gửi tệp kế hoạch trước.");
            return;
        }
        if (open.Count > 1)
        {
            // Keep the file so the choice can be made on a later turn, whatever the channel's link lifetime.
            var stored = files.Keep(turn, inbound.Name, "text/csv", inbound.Content!);
            var facts = open.Select(c => new NoticeFact(c.Code, c.Title)).ToList();
            var card = cards.Render(NoticeCard.TemplateName, new NoticeCard("Nạp danh sách đơn vị vào đợt sơ kết nào?",
                "Đang có nhiều đợt sơ kết mở. Đồng chí chọn đợt để nạp danh sách.", NoticeKind.Info, facts));
            card["actions"] = new System.Text.Json.Nodes.JsonArray(open.Select(c => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = c.Code,
                ["data"] = new System.Text.Json.Nodes.JsonObject { ["command"] = LoadCommand, ["fileId"] = stored, ["campaignId"] = c.Id.ToString() },
            }).ToArray());
            turn.SendCard(card, "Chọn đợt sơ kết để nạp danh sách đơn vị");
            return;
        }
        await LoadAsync(turn, db, cards, clock, open[0].Id, inbound.Name, inbound.Content!, user, cancellationToken, progress);
    }

    internal static async Task LoadAsync(
        TurnContext turn, SoKetDbContext db, CardCatalog cards, TimeProvider clock, Guid campaignId, string fileName, byte[] content, TurnUser user, CancellationToken cancellationToken,
        Conversations.ProgressMessages? progressMessages = null)
    {
        var campaign = await db.Campaigns.Include(c => c.Groups).FirstAsync(c => c.Id == campaignId, cancellationToken);
        var parsed = UnitCsvImporter.Parse(content, campaign, fileName);
        if (!parsed.Succeeded)
        {
            turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard(
                $"Chưa nạp danh sách đơn vị từ «{fileName}»", parsed.DescribeProblems(), NoticeKind.Error)));
            return;
        }
        var progress = progressMessages?.Start(turn.Activity, "Đang nạp danh sách đơn vị", parsed.Rows.Count, "đơn vị");
        var summary = await UnitCsvImporter.StageAsync(db, campaign.Id, parsed.Rows, user.DisplayName, clock, cancellationToken,
            progress is null ? null : done => progress.ReportAsync(done, cancellationToken));
        // The rows are stored with the turn: the progress message says "done" only once they are.
        if (progress is not null)
            turn.OnCommitted(ct => progress.CompleteAsync(ct));
        var text = summary.ToVietnamese();
        if (parsed.Notes.Count > 0)
            text += " " + string.Join(" ", parsed.Notes);
        turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard($"Đã nạp danh sách đơn vị cho {campaign.Code}", text, NoticeKind.Success)));
    }
}

/// <summary>The admin's choice of campaign for a CSV kept while several campaigns were open.</summary>
public sealed class LoadUnitsIntoCampaignCommand(CampaignIds ids, SoKetDbContext db, CardCatalog cards, TimeProvider clock, Conversations.ProgressMessages progress)
{
    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;
        // A file of another conversation, or a campaign that is closed or unknown, is as if the file were gone.
        var file = await ids.KeptFileAsync(turn, turn.Input.Field("fileId"), cancellationToken);
        if (file?.Content is null || await ids.OpenCampaignAsync(turn, turn.Input.GuidField("campaignId"), cancellationToken) is not { } campaignId)
        {
            turn.SendText("Không còn tệp danh sách đơn vị để nạp. Đồng chí vui lòng gửi lại tệp.");
            return;
        }
        await UnitCsvFileCommand.LoadAsync(turn, db, cards, clock, campaignId, file.Name, file.Content, user, cancellationToken, progress);
    }
}

/// <summary>"danh sách đơn vị": the units of the open campaigns with their group, committee, leader and members.</summary>
public sealed class ListUnitsCommand(SoKetDbContext db)
{
    public const string Route = "danh-sach-don-vi";

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking().AsSplitQuery()
            .Where(c => c.Status == CampaignStatus.Open)
            .Include(c => c.Groups).Include(c => c.Units).ThenInclude(u => u.Members).ThenInclude(m => m.Person)
            .OrderByDescending(c => c.CreatedAtUtc).ToListAsync(cancellationToken);
        if (campaigns.Count == 0)
        {
            turn.SendText("Chưa có đợt sơ kết nào đang mở.");
            return;
        }
        var leaders = await db.People.AsNoTracking()
            .Where(p => db.Set<Unit>().Any(u => u.LeaderPersonId == p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName ?? p.Email ?? "", cancellationToken);
        var collation = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false);
        var text = new StringBuilder();
        foreach (var campaign in campaigns)
        {
            if (text.Length > 0)
                text.Append("\n\n");
            text.Append("**").Append(MarkdownText.Literal(campaign.Code)).Append("**: ").Append(campaign.Units.Count).Append(" đơn vị");
            if (campaign.Units.Count == 0)
                text.Append(". Đồng chí gửi tệp .csv (tên đơn vị; nhóm; có chi ủy; lãnh đạo phụ trách; thành viên) để nạp danh sách.");
            foreach (var unit in campaign.Units.OrderBy(u => u.Name, collation))
            {
                var group = campaign.Groups.FirstOrDefault(g => g.Id == unit.GroupId)?.Name ?? "";
                var leader = unit.LeaderPersonId is { } id && leaders.TryGetValue(id, out var name) ? name : "chưa phân công";
                text.Append("\n\n- ").Append(MarkdownText.Literal(unit.Name)).Append(" — ").Append(MarkdownText.Literal(group))
                    .Append(unit.HasCommittee ? "; có chi ủy" : "; không có chi ủy")
                    .Append("; phụ trách: ").Append(MarkdownText.Literal(leader))
                    .Append("; ").Append(unit.Members.Count).Append(" thành viên");
            }
        }
        text.Append("\n\nĐể thay đổi, đồng chí gửi lại tệp .csv: đơn vị trùng tên được cập nhật, đơn vị mới được thêm.");
        turn.SendText(text.ToString());
    }
}
