using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Retention;

/// <summary>What one cleanup removed.</summary>
public sealed record RetentionReport(int Files, int WebChatActivities, int WebChatConversations, int ProcessedActivityIds);

/// <summary>
/// Removes what is older than its retention setting, in batches so a large store is never locked for long.
/// Several instances may run it at once: every delete is by key or by age, so running twice removes nothing twice.
/// </summary>
public sealed partial class RetentionCleanup(SoKetDbContext db, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionCleanup> logger)
{
    private const int BatchSize = 500;

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;

        var uploadsBefore = now - value.Uploads;
        var exportsBefore = now - value.Exports;
        var files = await DeleteInBatchesAsync(
            () => db.StoredFiles.Where(f =>
                    ((f.Kind == StoredFileKind.Upload || f.Kind == StoredFileKind.Kept) && f.CreatedAtUtc < uploadsBefore)
                    || (f.Kind == StoredFileKind.Export && f.CreatedAtUtc < exportsBefore))
                .OrderBy(f => f.CreatedAtUtc).Select(f => f.Id).Take(BatchSize).ToListAsync(cancellationToken),
            ids => db.StoredFiles.Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken));

        var transcriptsBefore = now - value.WebChatTranscripts;
        var activities = await DeleteInBatchesAsync(
            () => db.WebChatActivities.Where(a => a.CreatedAtUtc < transcriptsBefore)
                .OrderBy(a => a.Sequence).Select(a => a.Sequence).Take(BatchSize).ToListAsync(cancellationToken),
            sequences => db.WebChatActivities.Where(a => sequences.Contains(a.Sequence)).ExecuteDeleteAsync(cancellationToken));

        // A conversation with no message left is forgotten whole: its state and the address the bot kept to write to it.
        var conversations = await DeleteInBatchesAsync(
            () => db.WebChatConversations
                .Where(c => c.CreatedAtUtc < transcriptsBefore && !db.WebChatActivities.Any(a => a.ConversationId == c.Id))
                .OrderBy(c => c.CreatedAtUtc).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken),
            async ids =>
            {
                var stateKeys = ids.Select(id => ChannelIds.WebChat + "|" + id).ToList();
                await db.ConversationStates.Where(s => stateKeys.Contains(s.Key)).ExecuteDeleteAsync(cancellationToken);
                await db.ConversationReferences.Where(r => r.ChannelId == ChannelIds.WebChat && ids.Contains(r.ConversationId)).ExecuteDeleteAsync(cancellationToken);
                return await db.WebChatConversations.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            });

        var processedBefore = now - value.ProcessedActivityIds;
        var processed = await DeleteInBatchesAsync(
            () => db.ProcessedActivities.Where(p => p.ProcessedAtUtc < processedBefore)
                .OrderBy(p => p.ProcessedAtUtc).Select(p => p.ActivityId).Take(BatchSize).ToListAsync(cancellationToken),
            ids => db.ProcessedActivities.Where(p => p.ProcessedAtUtc < processedBefore && ids.Contains(p.ActivityId)).ExecuteDeleteAsync(cancellationToken));

        var report = new RetentionReport(files, activities, conversations, processed);
        LogCleaned(report.Files, report.WebChatActivities, report.WebChatConversations, report.ProcessedActivityIds);
        return report;
    }

    private static async Task<int> DeleteInBatchesAsync<TKey>(Func<Task<List<TKey>>> nextBatch, Func<List<TKey>, Task<int>> delete)
    {
        var total = 0;
        while (true)
        {
            var keys = await nextBatch();
            if (keys.Count == 0)
                return total;
            total += await delete(keys);
            if (keys.Count < BatchSize)
                return total;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention cleanup removed {Files} files, {Activities} web chat activities, {Conversations} web chat conversations, {Processed} processed activity ids")]
    private partial void LogCleaned(int files, int activities, int conversations, int processed);
}
