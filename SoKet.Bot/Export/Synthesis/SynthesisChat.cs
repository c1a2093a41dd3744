using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Export.Synthesis;

/// <summary>
/// "Kèm đoạn tổng hợp" on the offer card under a consolidated report (or typed with "tổng hợp báo cáo"): the job is
/// queued once the turn is stored and written in the background; progress and the document arrive proactively.
/// </summary>
public sealed class SynthesisChat(SoKetDbContext db, SynthesisQueue queue)
{
    public const string Route = "tong-hop-kem-doan";

    public async Task RequestAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // The card's campaign id is data from the client: only an open campaign is compiled, whatever id it carries.
        var id = turn.Input.GuidField("campaignId");
        var campaign = id is null
            ? null
            : await db.Campaigns.AsNoTracking().Where(c => c.Id == id && c.Status == CampaignStatus.Open)
                .Select(c => new { c.Id, c.Code }).FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            turn.SendText("Đợt sơ kết này không còn mở hoặc không tồn tại nên không tổng hợp được; không có gì thay đổi. Đồng chí gõ «tổng hợp báo cáo» để tổng hợp đợt đang mở.");
            return;
        }
        Queue(turn, campaign.Id, campaign.Code);
    }

    /// <summary>
    /// Queues the synthesis of <paramref name="campaignId"/> once the turn is stored. When the worker starts at once, its
    /// progress line is the answer (a separate acknowledgement would race it to the chat); otherwise the officer is told why
    /// nothing moves yet.
    /// </summary>
    public void Queue(TurnContext turn, Guid campaignId, string code)
    {
        var job = new SynthesisJob(campaignId, code, ConversationReference.From(turn.Activity), turn.User.PersonId, turn.User.DisplayName);
        turn.OnCommitted(_ =>
        {
            switch (queue.TryEnqueue(job))
            {
                case SynthesisEnqueue.AlreadyRunning:
                    turn.SendText($"Trợ lý sơ kết đang tổng hợp {code}; đồng chí chờ trong giây lát, tệp sẽ được gửi khi xong.");
                    break;
                case SynthesisEnqueue.Busy:
                    turn.SendText("Hệ thống đang tổng hợp nhiều đợt sơ kết cùng lúc. Đồng chí vui lòng thử lại sau ít phút.");
                    break;
                case SynthesisEnqueue.QueuedBehind:
                    turn.SendText($"Đã nhận yêu cầu. Trợ lý sơ kết đang tổng hợp một đợt sơ kết khác; {code} sẽ được tổng hợp ngay sau đó, tiến độ báo tại đây.");
                    break;
                default:
                    var typing = turn.Activity.CreateReply();
                    typing.Type = ActivityTypes.Typing;
                    turn.Send(typing);
                    break;
            }
            return Task.CompletedTask;
        });
    }
}
