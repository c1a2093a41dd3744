using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Assistant;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Cards;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Campaigns.Chat;

/// <summary>"tạo đợt sơ kết": tells the admin to send the plan file.</summary>
public sealed class CreateCampaignCommand(PeopleService people) : IBotCommand
{
    public string Name => "tao-dot-so-ket";

    public bool Matches(string foldedText) =>
        foldedText.Contains("tao dot so ket", StringComparison.Ordinal) ||
        foldedText.Contains("tao dot moi", StringComparison.Ordinal) ||
        foldedText.StartsWith("nhap ke hoach", StringComparison.Ordinal) ||
        foldedText.StartsWith("tai ke hoach", StringComparison.Ordinal);

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = await people.ResolveAsync(turn.Activity, cancellationToken);
        if (!user.IsAdmin)
        {
            turn.SendText(CurrentUser.AdminOnly);
            return;
        }
        turn.SendText("Đồng chí gửi tệp kế hoạch (.docx, .txt hoặc .md) vào cuộc trò chuyện này. Tôi sẽ đọc số, ký hiệu, các thời hạn và đề cương báo cáo, rồi hiển thị để đồng chí kiểm tra trước khi tạo đợt sơ kết.");
    }
}

/// <summary>A plan file sent by an admin: read it, keep it pending, show the confirmation card.</summary>
public sealed partial class PlanFileCommand(
    PeopleService people, AttachmentReader reader, SoKetDbContext db, CardCatalog cards, TimeProvider clock, ILogger<PlanFileCommand> logger) : IFileCommand
{
    public int Order => 100;

    // Everything but CSV: the reader itself names unsupported formats (.pdf, .doc, images) to the user.
    public bool Accepts(string fileName) => !fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(TurnContext turn, Attachment file, CancellationToken cancellationToken)
    {
        var user = await people.ResolveAsync(turn.Activity, cancellationToken);
        if (!user.IsAdmin)
        {
            turn.SendText(CurrentUser.AdminOnly);
            return;
        }

        var inbound = await reader.ReadAsync(turn.Activity, file, PlanTextReader.DefaultMaxBytes, cancellationToken);
        switch (inbound.Problem)
        {
            case AttachmentProblem.TooLarge:
                turn.SendText(PlanFileMessages.For(PlanFileProblem.TooLarge, inbound.Name, inbound.Size ?? 0));
                return;
            case AttachmentProblem.Unavailable:
                turn.SendText($"Tôi không tải được tệp «{inbound.Name}». Đồng chí vui lòng gửi lại tệp.");
                return;
        }

        var read = new PlanTextReader().TryRead(new MemoryStream(inbound.Content!), inbound.Name);
        if (read.Plan is null)
        {
            turn.SendText(read.Message ?? $"Tôi không đọc được tệp «{inbound.Name}».");
            return;
        }

        var extraction = PlanImporter.Extract(read.Plan.Text);
        var pending = new PendingPlanImport
        {
            Id = Guid.NewGuid(),
            CreatedByPersonId = user.PersonId,
            CreatedByName = user.DisplayName,
            FileName = inbound.Name,
            SourceText = read.Plan.Text,
            ExtractionJson = PlanExtractionJson.Serialize(extraction),
            Status = PendingImportStatus.Pending,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.PendingPlanImports.Add(pending);
        await db.SaveChangesAsync(cancellationToken);
        LogPlanRead(pending.Id, extraction.Deadlines.Count, extraction.Outline.AllSections().Count());

        turn.SendCard(cards.Render(PlanConfirmCard.TemplateName, PlanConfirmCard.Create(pending.Id, inbound.Name, extraction)),
            $"Kết quả đọc kế hoạch {extraction.Number?.Code}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan import {ImportId} read: {Deadlines} deadlines, {Sections} outline sections")]
    private partial void LogPlanRead(Guid importId, int deadlines, int sections);
}

/// <summary>"Xác nhận tạo đợt sơ kết": builds the campaign from the pending import and the admin's edits, once.</summary>
public sealed partial class ConfirmPlanCommand(
    PeopleService people, SoKetDbContext db, CardCatalog cards, TimeProvider clock, ILogger<ConfirmPlanCommand> logger) : IBotCommand
{
    public string Name => PlanConfirmCard.ConfirmCommand;

    public bool Matches(string foldedText) => false;

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = await people.ResolveAsync(turn.Activity, cancellationToken);
        if (!user.IsAdmin)
        {
            turn.SendText(CurrentUser.AdminOnly);
            return;
        }
        var pending = await FindPendingAsync(db, turn, cancellationToken);
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
        var edits = PlanEdits.Read(turn.SubmittedData, plan.Deadlines.Count);
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
        var campaign = CampaignFactory.Create(plan, pending.SourceText, pending.FileName, user.DisplayName, clock.GetUtcNow().UtcDateTime);
        edits.ApplyTo(campaign);
        db.Campaigns.Add(campaign);
        pending.Status = PendingImportStatus.Confirmed;
        pending.CampaignId = campaign.Id;
        pending.ResolvedAtUtc = clock.GetUtcNow().UtcDateTime;
        pending.Version++;
        db.AuditEntries.Add(new Reports.AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime, Actor = user.DisplayName, Action = "campaign.created",
            CampaignId = campaign.Id, Details = $"{campaign.Code} from {pending.FileName}",
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A double-click confirmed it a moment ago on another request.
            turn.SendText("Đợt sơ kết này vừa được tạo từ một thao tác khác; thao tác này không tạo thêm.");
            return;
        }
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

    internal static async Task<PendingPlanImport?> FindPendingAsync(SoKetDbContext db, TurnContext turn, CancellationToken cancellationToken)
    {
        var id = turn.SubmittedString("importId");
        return Guid.TryParse(id, out var importId)
            ? await db.PendingPlanImports.FirstOrDefaultAsync(p => p.Id == importId, cancellationToken)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} ({Code}) created from a confirmed plan import")]
    private partial void LogCreated(Guid campaignId, string code);
}

public sealed class DiscardPlanCommand(PeopleService people, SoKetDbContext db, TimeProvider clock) : IBotCommand
{
    public string Name => PlanConfirmCard.DiscardCommand;

    public bool Matches(string foldedText) => false;

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = await people.ResolveAsync(turn.Activity, cancellationToken);
        if (!user.IsAdmin)
        {
            turn.SendText(CurrentUser.AdminOnly);
            return;
        }
        var pending = await ConfirmPlanCommand.FindPendingAsync(db, turn, cancellationToken);
        if (pending is null || pending.Status != PendingImportStatus.Pending)
        {
            turn.SendText("Kế hoạch này không còn chờ xác nhận.");
            return;
        }
        pending.Status = PendingImportStatus.Discarded;
        pending.ResolvedAtUtc = clock.GetUtcNow().UtcDateTime;
        pending.Version++;
        await db.SaveChangesAsync(cancellationToken);
        turn.SendText("Đã hủy. Chưa có đợt sơ kết nào được tạo từ tệp này.");
    }
}
