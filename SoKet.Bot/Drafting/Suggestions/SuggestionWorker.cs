using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Cards;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Drafting.Suggestions;

/// <summary>Writes queued suggestions, keeps each as the section's pending suggestion, and sends it to the requester's chat.</summary>
public sealed partial class SuggestionWorker(SuggestionQueue queue, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SuggestionWorker> logger) : BackgroundService
{
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
                LogFailed(ex, job.ReportId, job.SectionId);
                await NotifyFailureAsync(job, stoppingToken);
            }
            finally
            {
                queue.Done(job);
            }
        }
    }

    private async Task RunAsync(SuggestionJob job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var built = await services.GetRequiredService<SuggestionRequests>().BuildAsync(job.ReportId, job.SectionId, cancellationToken);
        if (built is not { } input)
        {
            await SendAsync(services, job, job.Conversation.CreateActivity("Mục này không thuộc các mục có gợi ý dự thảo."), cancellationToken);
            return;
        }

        // In a Teams 1:1 chat the text appears as it is written; elsewhere the finished card arrives.
        TeamsSuggestionStream? stream = null;
        if (TeamsSuggestionStream.Applies(job.Conversation))
        {
            stream = new TeamsSuggestionStream(services.GetRequiredService<IOutboundSender>(), job.Conversation, clock, logger);
            await stream.StartAsync(SuggestionChat.Working, cancellationToken);
        }
        var suggestion = await services.GetRequiredService<ISectionSuggester>().SuggestAsync(input.Request, stream is null ? null : stream.OnPartial, cancellationToken);
        var db = services.GetRequiredService<SoKetDbContext>();
        var draft = await db.SectionDrafts.FirstOrDefaultAsync(d => d.ReportId == job.ReportId && d.SectionId == job.SectionId, cancellationToken);
        if (draft is null)
        {
            // Version 0 and no text: the section is still empty; the suggestion waits beside it.
            draft = new SectionDraft { Id = Guid.NewGuid(), ReportId = job.ReportId, SectionId = job.SectionId, Version = 0, UpdatedAtUtc = clock.GetUtcNow().UtcDateTime };
            db.SectionDrafts.Add(draft);
        }
        draft.PendingSuggestion = suggestion.Text;
        draft.PendingSuggestionAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);

        var card = services.GetRequiredService<CardCatalog>().Render(SuggestionCard.TemplateName,
            SuggestionCard.Create(input.SectionTitle, suggestion, draft.Id, draft.Version));
        var message = job.Conversation.CreateActivity();
        message.Attachments = [Attachment.AdaptiveCard(card)];
        message.Summary = "Gợi ý dự thảo: " + input.SectionTitle;
        if (stream is not null)
        {
            message.Text = "Gợi ý dự thảo: " + input.SectionTitle;
            await stream.FinishAsync(message, cancellationToken);
            return;
        }
        await SendAsync(services, job, message, cancellationToken);
    }

    private async Task NotifyFailureAsync(SuggestionJob job, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await SendAsync(scope.ServiceProvider, job, job.Conversation.CreateActivity(
                "Chưa soạn được gợi ý cho mục này do sự cố hệ thống. Nội dung đồng chí đã soạn vẫn được giữ nguyên; đồng chí vui lòng thử lại sau."), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, job.ReportId, job.SectionId);
        }
    }

    private static Task SendAsync(IServiceProvider services, SuggestionJob job, Activity activity, CancellationToken cancellationToken) =>
        services.GetRequiredService<ProactiveMessenger>().SendAsync(job.Conversation, activity, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the suggestion for section {SectionId} of report {ReportId} failed")]
    private partial void LogFailed(Exception exception, Guid reportId, Guid sectionId);
}
