using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Cards;
using SoKet.Bot.Data;
using SoKet.Bot.Drafting.Synthesis;
using SoKet.Bot.Export.Synthesis;
using SoKet.Bot.People;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Export.Chat;

internal static class ExportFrames
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static DateOnly Today(TimeProvider clock) => Text.VietnamTime.Today(clock.GetUtcNow());

    public static PartyDocument ForUnit(Campaign campaign, Unit unit, string? secretaryName, DateOnly today) => new()
    {
        SuperiorBody = Upper(campaign.Organisation ?? campaign.IssuingBody),
        IssuingBody = Upper(unit.Name),
        NumberAndSymbol = "…-BC",
        Place = campaign.Place ?? "",
        Date = today,
        Title = campaign.Title,
        Recipients = [$"- {campaign.ReportsTo ?? campaign.IssuingBody} (b/c),", "- Lưu văn phòng."],
        SignatureOnBehalfOf = !unit.HasCommittee ? "T/M CHI BỘ"
            : unit.Name.StartsWith("Đảng bộ", StringComparison.OrdinalIgnoreCase) ? "T/M ĐẢNG ỦY" : "T/M CHI ỦY",
        SignerPosition = "BÍ THƯ",
        SignerName = secretaryName ?? "",
    };

    public static PartyDocument ForCampaign(Campaign campaign, DateOnly today)
    {
        var symbol = campaign.Code.Contains('/', StringComparison.Ordinal) ? campaign.Code[(campaign.Code.IndexOf('/', StringComparison.Ordinal) + 1)..] : "";
        return new PartyDocument
        {
            SuperiorBody = Upper(campaign.ParentOrganisation ?? ""),
            IssuingBody = Upper(campaign.Organisation ?? campaign.IssuingBody),
            NumberAndSymbol = symbol.Length > 0 ? $"…-BC/{symbol}" : "…-BC",
            Place = campaign.Place ?? "",
            Date = today,
            Title = "Tổng hợp báo cáo " + LowerFirst(campaign.Title),
            Recipients = ["- Thường trực cấp ủy (b/c),", "- Lưu văn phòng."],
            SignatureOnBehalfOf = "T/M BAN THƯỜNG VỤ",
            SignerPosition = "BÍ THƯ",
        };
    }

    /// <summary>The consolidated report as a .docx: the units' texts under the outline, synthesis paragraphs marked as drafts where given.</summary>
    public static byte[] Consolidation(Campaign campaign, IReadOnlyList<UnitReport> reports, DateOnly today, IReadOnlyDictionary<string, string>? suggestions, string? note)
    {
        var document = ConsolidationBuilder.Build(ForCampaign(campaign, today), ReportDocuments.Outline(campaign), reports, suggestions, note);
        using var output = new MemoryStream();
        PartyDocumentWriter.Write(document, output);
        return output.ToArray();
    }

    public static string FileName(string prefix, string name)
    {
        var folded = Text.VietnameseText.Fold(name);
        var safe = new string(folded.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (safe.Contains("--", StringComparison.Ordinal))
            safe = safe.Replace("--", "-", StringComparison.Ordinal);
        return $"{prefix}-{safe}.docx";
    }

    private static string Upper(string text) => text.ToUpper(Vietnamese);

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLower(text[0], Vietnamese) + text[1..];
}

/// <summary>"xuất báo cáo": the unit's report as a Party-format .docx.</summary>
public sealed class ExportReportCommand(
    SoKetDbContext db, ReportDocuments documents, ITurnFiles files, TimeProvider clock)
{
    public const string Route = "xuat-bao-cao";

    /// <summary>Typed as the start of a message ("xuất báo cáo", "xuất báo cáo của chi bộ"); see <see cref="CompileReportsCommand.Phrases"/> for the longer ones that are not this.</summary>
    public static readonly string[] Phrases = ["xuất báo cáo", "tải báo cáo", "xuất file báo cáo"];

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;
        var unitIds = user.MemberUnitIds.Concat(user.LeaderUnitIds).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Include(u => u.Members).ThenInclude(m => m.Person)
            .Where(u => unitIds.Contains(u.Id))
            .Join(db.Campaigns.Where(c => c.Status == CampaignStatus.Open), u => u.CampaignId, c => c.Id, (u, c) => u)
            .ToListAsync(cancellationToken);
        if (units.Count == 0)
        {
            turn.SendText("Tôi chưa xác định được đơn vị của đồng chí trong đợt sơ kết đang mở nên chưa xuất được báo cáo. Đề nghị đồng chí liên hệ văn phòng cấp ủy.");
            return;
        }

        foreach (var unit in units)
        {
            var campaign = await documents.LoadCampaignAsync(unit.CampaignId, cancellationToken);
            var report = await documents.LoadAsync(campaign, unit, cancellationToken);
            var secretary = unit.Members.FirstOrDefault(m => m.Role == MemberRole.Secretary)?.Person?.DisplayName;
            var document = UnitReportDocumentBuilder.Build(ExportFrames.ForUnit(campaign, unit, secretary, ExportFrames.Today(clock)), ReportDocuments.Outline(campaign), report);
            using var output = new MemoryStream();
            PartyDocumentWriter.Write(document, output);
            var state = report.Submitted ? "đã nộp" : "bản dự thảo, chưa nộp";
            await files.OfferAsync(turn, ExportFrames.FileName("bao-cao", unit.Name), ExportFrames.DocxContentType, output.ToArray(),
                $"Báo cáo của {unit.Name} ({campaign.Code}, {state}).", cancellationToken);
        }
    }
}

/// <summary>
/// "tổng hợp báo cáo" (office): every submitted unit's text under each outline section, with the indicator tables and
/// the list of units not yet reported, at once; then the offer of the same document with a synthesis paragraph per
/// section ("Kèm đoạn tổng hợp"), written in the background. "tổng hợp báo cáo kèm đoạn tổng hợp" asks for it directly.
/// </summary>
public sealed class CompileReportsCommand(
    SoKetDbContext db, ReportDocuments documents, ITurnFiles files, CardCatalog cards, SynthesisChat synthesis, ISectionSynthesizer synthesizer,
    TimeProvider clock, Conversations.ProgressMessages progressMessages)
{
    /// <summary>
    /// Typed as the start of a message. The export wordings ("xuất báo cáo tổng hợp", as the help card shows it) begin
    /// with the unit export's phrases, so this route is ranked ahead of it in the table.
    /// </summary>
    public static readonly string[] Phrases =
    [
        "tổng hợp báo cáo", "xuất báo cáo tổng hợp", "tải báo cáo tổng hợp", "xuất file báo cáo tổng hợp", "xuất tổng hợp", "tải tổng hợp",
    ];

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var campaignId = await db.Campaigns.Where(c => c.Status == CampaignStatus.Open)
            .OrderByDescending(c => c.CreatedAtUtc).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (campaignId is null)
        {
            turn.SendText("Hiện chưa có đợt sơ kết nào đang mở để tổng hợp.");
            return;
        }

        await turn.SendTypingAsync(cancellationToken);
        var campaign = await documents.LoadCampaignAsync(campaignId.Value, cancellationToken);
        if (turn.Input.Folded.Contains("kem doan tong hop", StringComparison.Ordinal))
        {
            synthesis.Queue(turn, campaign.Id, campaign.Code);
            return;
        }

        // One query for every unit's report (far faster than one per unit); the progress line shows when it is slow.
        var progress = progressMessages.Start(turn.Activity, "Đang tổng hợp báo cáo", campaign.Units.Count, "đơn vị");
        var reports = await documents.LoadAllAsync(campaign, cancellationToken);
        await progress.ReportAsync(reports.Count, cancellationToken);
        var document = ExportFrames.Consolidation(campaign, reports, ExportFrames.Today(clock), suggestions: null, note: null);
        var submitted = reports.Count(r => r.Submitted);
        await progress.CompleteAsync(cancellationToken);
        await files.OfferAsync(turn, ExportFrames.FileName("tong-hop", campaign.Code), ExportFrames.DocxContentType, document,
            $"Dự thảo tổng hợp {campaign.Code}: {submitted}/{reports.Count} đơn vị đã nộp; phụ lục liệt kê đơn vị chưa nộp và nộp muộn.", cancellationToken);
        if (submitted > 0)
            turn.SendCard(cards.Render(SynthesisOfferCard.TemplateName, SynthesisOfferCard.Create(campaign.Id, submitted, synthesizer.Model)), SynthesisOfferCard.Button);
    }
}
