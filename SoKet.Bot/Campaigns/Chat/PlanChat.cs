using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Cards;
using SoKet.Bot.Data;
using SoKet.Bot.Turns;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Chat;

/// <summary>
/// Creating a campaign in chat (admins): "tạo đợt sơ kết" asks for the plan; a plan file is read and kept pending
/// with a confirmation card; "Xác nhận tạo đợt sơ kết" builds the campaign from it and the admin's edits, once.
/// </summary>
public sealed partial class PlanChat(ITurnFiles files, SoKetDbContext db, CampaignIds ids, CardCatalog cards, TimeProvider clock, ILogger<PlanChat> logger)
{
    public const string CreateRoute = "tao-dot-so-ket";

    public Task AskForPlanAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.SendText("Đồng chí gửi tệp kế hoạch (.docx, .txt hoặc .md) vào cuộc trò chuyện này. Tôi sẽ đọc số, ký hiệu, các thời hạn và đề cương báo cáo, rồi hiển thị để đồng chí kiểm tra trước khi tạo đợt sơ kết.");
        return Task.CompletedTask;
    }

    /// <summary>A plan file: read it, keep it pending, show what was understood on the confirmation card.</summary>
    public async Task ReadPlanAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var inbound = await files.ReadAsync(turn.Activity, turn.CurrentFile!, PlanTextReader.DefaultMaxBytes, cancellationToken);
        switch (inbound.Problem)
        {
            case AttachmentProblem.TooLarge:
                turn.SendText(PlanFileMessages.For(PlanFileProblem.TooLarge, MarkdownText.Literal(inbound.Name), inbound.Size ?? 0));
                return;
            case AttachmentProblem.Unavailable:
                turn.SendText($"Tôi không tải được tệp «{MarkdownText.Literal(inbound.Name)}». Đồng chí vui lòng gửi lại tệp.");
                return;
        }
        await ReadPlanAsync(turn, inbound, cancellationToken);
    }

    /// <summary>A plan file already read (or kept from an earlier turn, when the sender was asked whether it is a plan).</summary>
    public Task ReadPlanAsync(TurnContext turn, InboundFile inbound, CancellationToken cancellationToken)
    {
        var read = new PlanTextReader().TryRead(new MemoryStream(inbound.Content!), inbound.Name);
        if (read.Plan is null)
        {
            turn.SendText(read.Message ?? $"Tôi không đọc được tệp «{MarkdownText.Literal(inbound.Name)}».");
            return Task.CompletedTask;
        }

        var extraction = PlanImporter.Extract(read.Plan.Text);
        var pending = new PendingPlanImport
        {
            Id = Guid.NewGuid(),
            CreatedByPersonId = turn.User.PersonId,
            CreatedByName = turn.User.DisplayName,
            FileName = inbound.Name,
            SourceText = read.Plan.Text,
            ExtractionJson = PlanExtractionJson.Serialize(extraction),
            Status = PendingImportStatus.Pending,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.PendingPlanImports.Add(pending);
        LogPlanRead(pending.Id, extraction.Deadlines.Count, extraction.Outline.AllSections().Count());

        turn.SendCard(cards.Render(PlanConfirmCard.TemplateName, PlanConfirmCard.Create(pending.Id, inbound.Name, extraction)),
            $"Kết quả đọc kế hoạch {extraction.Number?.Code}");
        return Task.CompletedTask;
    }

    public async Task ConfirmAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var pending = await FindPendingAsync(turn, cancellationToken);
        if (pending is null)
        {
            turn.SendText("Không tìm thấy kế hoạch cần xác nhận. Đồng chí vui lòng gửi lại tệp kế hoạch.");
            return;
        }
        if (pending.Status == PendingImportStatus.Confirmed)
        {
            var existing = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == pending.CampaignId, cancellationToken);
            turn.SendText($"Đợt sơ kết theo kế hoạch {existing?.Code} đã được tạo trước đó; thao tác này không tạo thêm.");
            return;
        }
        if (pending.Status == PendingImportStatus.Discarded)
        {
            turn.SendText("Kế hoạch này đã được hủy. Đồng chí gửi lại tệp nếu cần tạo đợt sơ kết.");
            return;
        }

        var plan = PlanExtractionJson.Deserialize(pending.ExtractionJson)!;
        var edits = PlanEdits.Read(turn.Input.Data, plan.Deadlines.Count);
        if (edits.Problems.Count > 0)
        {
            turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard(
                "Chưa tạo đợt sơ kết", string.Join(" ", edits.Problems), NoticeKind.Error)));
            return;
        }

        // The card showed the plan's outline, or the reference one when the plan had none; the admin's
        // edits to that text win over the "use the reference outline" toggle.
        var shown = plan.HasOutline ? plan.Outline : ReferenceOutline.Create();
        if (OutlineText.ParseIfChanged(edits.OutlineText, shown) is { } editedOutline)
            plan = plan with { Outline = editedOutline };
        else
            plan = plan with { Outline = edits.UseReferenceOutline ? ReferenceOutline.Create() : shown };
        var now = clock.GetUtcNow().UtcDateTime;
        var campaign = CampaignFactory.Create(plan, pending.SourceText, pending.FileName, turn.User.DisplayName, now);
        edits.ApplyTo(campaign);
        db.Campaigns.Add(campaign);
        // The version guards a double click: two confirmations racing cannot both store a campaign; the turn
        // that loses runs again and finds the import confirmed.
        pending.Status = PendingImportStatus.Confirmed;
        pending.CampaignId = campaign.Id;
        pending.ResolvedAtUtc = now;
        pending.Version++;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now, Actor = turn.User.DisplayName, Action = "campaign.created",
            CampaignId = campaign.Id, Details = $"{campaign.Code} from {pending.FileName}",
        });
        LogCreated(campaign.Id, campaign.Code);

        var facts = new List<NoticeFact>
        {
            new("Số, ký hiệu", campaign.Code),
            new("Trích yếu", campaign.Title),
            new("Thời hạn", campaign.Deadlines.Count.ToString(CultureInfo.InvariantCulture)),
            new("Mục đề cương", campaign.Sections.Count.ToString(CultureInfo.InvariantCulture)),
        };
        turn.SendCard(cards.Render(NoticeCard.TemplateName, new NoticeCard(
            "Đã tạo đợt sơ kết",
            "Bước tiếp theo: đồng chí gửi danh sách đơn vị dưới dạng tệp .csv (tên đơn vị, nhóm, có chi ủy, lãnh đạo phụ trách, thành viên).",
            NoticeKind.Success, facts)));
    }

    public async Task DiscardAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var pending = await FindPendingAsync(turn, cancellationToken);
        if (pending is null || pending.Status != PendingImportStatus.Pending)
        {
            turn.SendText("Kế hoạch này không còn chờ xác nhận.");
            return;
        }
        pending.Status = PendingImportStatus.Discarded;
        pending.ResolvedAtUtc = clock.GetUtcNow().UtcDateTime;
        pending.Version++;
        turn.SendText("Đã hủy. Chưa có đợt sơ kết nào được tạo từ tệp này.");
    }

    /// <summary>The import the card names, if this admin read it; another admin's import is answered like a missing one.</summary>
    private Task<PendingPlanImport?> FindPendingAsync(TurnContext turn, CancellationToken cancellationToken) =>
        ids.PlanImportAsync(turn, turn.Input.GuidField("importId"), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan import {ImportId} read: {Deadlines} deadlines, {Sections} outline sections")]
    private partial void LogPlanRead(Guid importId, int deadlines, int sections);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} ({Code}) created from a confirmed plan import")]
    private partial void LogCreated(Guid campaignId, string code);
}
