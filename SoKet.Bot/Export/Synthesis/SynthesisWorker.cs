using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.Drafting;
using SoKet.Bot.Drafting.Suggestions;
using SoKet.Bot.Drafting.Synthesis;
using SoKet.Bot.Export.Chat;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Export.Synthesis;

/// <summary>
/// Writes queued syntheses: for each outline section some submitted unit wrote, a paragraph from the units' texts
/// (<see cref="ISectionSynthesizer"/>: the model, grounded, or the offline drafter), with "Đang tổng hợp mục 5/18…"
/// updated in the requester's chat as sections complete; then the consolidated .docx with the paragraphs marked as
/// drafts, offered there like any export.
/// </summary>
public sealed partial class SynthesisWorker(SynthesisQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SynthesisWorker> logger) : BackgroundService
{
    public static string Working(int section, int total) => $"Đang tổng hợp mục {section}/{total}…";

    public static string Finished(int total) => $"Đã tổng hợp {total}/{total} mục.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex, job.CampaignId);
                await NotifyAsync(job, $"Chưa tổng hợp xong {job.CampaignCode} do sự cố hệ thống. Đồng chí vẫn có thể gõ «tổng hợp báo cáo» để xuất dự thảo không kèm đoạn tổng hợp, hoặc thử lại sau ít phút.", stoppingToken);
            }
            finally
            {
                queue.Done(job);
            }
        }
    }

    private async Task RunAsync(SynthesisJob job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SoKetDbContext>();
        var documents = services.GetRequiredService<ReportDocuments>();
        var messenger = services.GetRequiredService<ProactiveMessenger>();
        if (!await db.Campaigns.AsNoTracking().AnyAsync(c => c.Id == job.CampaignId && c.Status == CampaignStatus.Open, cancellationToken))
        {
            await messenger.SendAsync(job.Conversation, Text($"Đợt sơ kết {job.CampaignCode} không còn mở nên không tổng hợp; không có gì thay đổi."), cancellationToken);
            return;
        }

        var started = clock.GetTimestamp();
        var campaign = await documents.LoadCampaignAsync(job.CampaignId, cancellationToken);
        var reports = await documents.LoadAllAsync(campaign, cancellationToken);
        var submitted = reports.Where(r => r.Submitted).ToList();
        var sections = campaign.Sections.OrderBy(s => s.Order)
            .Where(s => submitted.Any(r => r.SectionTexts.ContainsKey(s.Id.ToString()))).ToList();
        if (sections.Count == 0)
        {
            await messenger.SendAsync(job.Conversation, Text($"Chưa có đơn vị nào nộp báo cáo có nội dung trong đợt {campaign.Code} nên chưa có gì để tổng hợp."), cancellationToken);
            return;
        }

        var synthesizer = services.GetRequiredService<ISectionSynthesizer>();
        var progress = new ProgressMessage(services.GetRequiredService<IOutboundSender>(), job.Conversation, clock, logger);
        await progress.StartAsync(Working(1, sections.Count), cancellationToken);
        var paragraphs = new Dictionary<string, string>(StringComparer.Ordinal);
        int byModel = 0, offline = 0, dropped = 0, partial = 0;
        for (var i = 0; i < sections.Count; i++)
        {
            if (i > 0)
                await progress.UpdateAsync(Working(i + 1, sections.Count), final: false, cancellationToken);
            var result = await synthesizer.SynthesizeAsync(Request(campaign, sections[i], submitted), cancellationToken);
            if (result.Text.Length > 0)
                paragraphs[sections[i].Id.ToString()] = result.Text;
            if (result.Source == SuggestionSource.Model)
                byModel++;
            else
                offline++;
            dropped += result.DroppedSentences.Count;
            if (result.Source == SuggestionSource.Model && result.UnitsSent < result.UnitsTotal)
                partial++;
        }

        var document = ExportFrames.Consolidation(campaign, reports, ExportFrames.Today(clock), paragraphs, Note(synthesizer.Model));
        await progress.UpdateAsync(Finished(sections.Count), final: true, cancellationToken);
        var offer = await services.GetRequiredService<ITurnFiles>().PrepareOfferAsync(job.Conversation,
            ExportFrames.FileName("tong-hop-kem-doan-tong-hop", campaign.Code), ExportFrames.DocxContentType, document,
            Description(campaign.Code, paragraphs.Count, submitted.Count, reports.Count, synthesizer.Model, offline, dropped, partial), cancellationToken);
        await messenger.SendAsync(job.Conversation, offer, cancellationToken);
        LogDone(campaign.Id, sections.Count, submitted.Count, byModel, offline, dropped, (long)clock.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The section with the numbered headings above it (below the part), what its purpose is, and what each submitted unit wrote there.</summary>
    internal static SynthesisRequest Request(Campaign campaign, CampaignSection section, IReadOnlyList<UnitReport> submitted)
    {
        var byId = campaign.Sections.ToDictionary(s => s.Id);
        var chain = new List<CampaignSection>();
        for (CampaignSection? s = section; s is not null; s = s.ParentId is { } id && byId.TryGetValue(id, out var parent) ? parent : null)
            chain.Add(s);
        chain.Reverse();
        var key = section.Id.ToString();
        var parentHeading = section.ParentId is { } parentId && byId.TryGetValue(parentId, out var direct) ? direct.Heading : null;
        return new SynthesisRequest
        {
            CampaignTitle = campaign.Title,
            Issuer = campaign.Organisation ?? campaign.IssuingBody,
            SectionTitle = string.Join(" — ", chain.Where(s => s.Level > 1 || s == section).Select(Label)),
            SectionGuidance = section.Guidance,
            Purpose = SuggestionRequests.PurposeOf(section.Heading, parentHeading),
            Contributions = [.. submitted.Where(r => r.SectionTexts.ContainsKey(key)).Select(r => new UnitContribution(r.UnitName, r.SectionTexts[key]))],
        };
    }

    private static string Label(CampaignSection s) => SectionTitles.Compose(s.NumberLabel, s.Heading);

    private static string Note(string? model) =>
        "Ghi chú: Các đoạn đánh dấu «DỰ THẢO — văn phòng biên tập lại» do " + (model is null ? "Trợ lý sơ kết tự soạn" : $"mô hình AI «{model}» soạn") +
        " từ nội dung các đơn vị đã nộp; mỗi số liệu trong đó đều có trong báo cáo của đơn vị được nêu. Văn phòng biên tập lại trước khi sử dụng.";

    private static string Description(string code, int paragraphs, int submitted, int units, string? model, int offline, int dropped, int partial) =>
        $"Dự thảo tổng hợp {code} kèm đoạn tổng hợp cho {paragraphs} mục ({submitted}/{units} đơn vị đã nộp); " +
        (model is null
            ? "chưa cấu hình mô hình AI nên đoạn tổng hợp được soạn tự động từ các câu tiêu biểu của từng đơn vị"
            : $"đoạn tổng hợp do mô hình AI «{model}» soạn" + (offline > 0 ? $", {offline} mục do Trợ lý sơ kết tự soạn vì mô hình không trả lời được" : "")) +
        (dropped > 0 ? $"; đã lược bỏ {dropped} câu có số liệu không có trong báo cáo của đơn vị" : "") +
        // Past what one request may carry, the model reads the first units only; the document still holds every unit's text.
        (partial > 0 ? $"; ở {partial} mục có nhiều đơn vị, mô hình chỉ đọc được báo cáo của một phần các đơn vị" : "") +
        ". Các đoạn tổng hợp được đánh dấu «DỰ THẢO — văn phòng biên tập lại».";

    private async Task NotifyAsync(SynthesisJob job, string text, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ProactiveMessenger>().SendAsync(job.Conversation, Text(text), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, job.CampaignId);
        }
    }

    private static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text };

    [LoggerMessage(Level = LogLevel.Information, Message = "Consolidated report of campaign {CampaignId} synthesised: {Sections} sections from {Submitted} submitted units, {ByModel} by the model, {Offline} offline, {Dropped} sentences dropped, {ElapsedMs} ms")]
    private partial void LogDone(Guid campaignId, int sections, int submitted, int byModel, int offline, int dropped, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Synthesising the consolidated report of campaign {CampaignId} failed")]
    private partial void LogFailed(Exception exception, Guid campaignId);
}
