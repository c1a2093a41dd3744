using SoKet.Bot.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting;

/// <summary>
/// The report leaving the unit: to the leader in charge for comments, back with the leader's answer,
/// and to the office on submission. Status changes are stored first; messages to other people are
/// sent proactively afterwards and a missing conversation is reported, never fatal.
/// </summary>
public sealed partial class ReviewWorkflow(
    ReportService reports,
    DraftingCards cards,
    SoKetDbContext db,
    ConversationReferenceStore references,
    ProactiveMessenger messenger,
    IOptions<PeopleOptions> peopleOptions,
    ILogger<ReviewWorkflow> logger)
{
    public async Task SendForReviewAsync(TurnContext turn, ReportView view, Actor actor, CancellationToken cancellationToken)
    {
        if (view.WrittenCount == 0)
        {
            turn.SendText("Báo cáo chưa có mục nào có nội dung nên chưa thể gửi xin ý kiến. Đồng chí soạn ít nhất một mục rồi gửi lại.");
            return;
        }
        var leader = view.Unit.LeaderPersonId is { } leaderId ? await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == leaderId, cancellationToken) : null;
        if (leader is null)
        {
            turn.SendText("Đơn vị chưa được phân công đồng chí phụ trách trong danh sách của đợt sơ kết nên chưa thể gửi xin ý kiến. Đề nghị đồng chí liên hệ văn phòng cấp ủy để bổ sung.");
            return;
        }

        var change = await reports.SendForReviewAsync(view.Report.Id, actor, cancellationToken);
        switch (change.Kind)
        {
            case StatusChangeKind.AlreadyDone:
                turn.SendText($"Dự thảo đã được gửi xin ý kiến đồng chí {leader.DisplayName} và đang chờ ý kiến.");
                return;
            case StatusChangeKind.NotAllowed:
                turn.SendText(DraftingTexts.ReadOnly);
                return;
            case StatusChangeKind.NotFound:
                return;
        }

        var sent = await reports.LoadAsync(view.Report.Id, cancellationToken);
        var card = cards.RenderReview(sent!, actor.Name);
        var outcome = await SendToPersonAsync(leader, Card(card, $"Đề nghị cho ý kiến dự thảo báo cáo của {view.Unit.Name}"), cancellationToken);
        turn.SendText(outcome == ProactiveOutcome.Sent
            ? $"Đã gửi dự thảo báo cáo tới đồng chí {leader.DisplayName} để xin ý kiến. Khi có ý kiến, Trợ lý sơ kết sẽ thông báo cho đơn vị."
            : $"Dự thảo đã chuyển sang trạng thái chờ ý kiến, nhưng đồng chí {leader.DisplayName} chưa trò chuyện với Trợ lý sơ kết nên chưa nhận được thẻ xin ý kiến. " +
              "Đề nghị đồng chí báo đồng chí phụ trách mở Trợ lý sơ kết trong Microsoft Teams, hoặc gửi dự thảo theo cách thông thường.");
    }

    /// <summary>The leader's answer from the review card; only a report still in review changes, so a second click does nothing.</summary>
    public async Task DecideAsync(TurnContext turn, CurrentUser leader, Guid reportId, bool approve, IReadOnlyDictionary<Guid, string> sectionComments, string? general, CancellationToken cancellationToken)
    {
        var view = await reports.LoadAsync(reportId, cancellationToken);
        if (view is null || !(leader.IsLeaderOf(view.Unit.Id) || leader.IsAdmin))
        {
            Answer(turn, "Đồng chí không phải là đồng chí phụ trách đơn vị này nên không thể cho ý kiến dự thảo.");
            return;
        }
        var change = await reports.ReviewAsync(reportId, approve, sectionComments, general, new Actor(leader.PersonId, leader.DisplayName), cancellationToken);
        if (change.Kind != StatusChangeKind.Done)
        {
            Answer(turn, "Dự thảo này đã được xử lý trước đó; ý kiến lần này không được ghi thêm.");
            return;
        }

        var titles = view.Outline.ToDictionary(e => e.Id, e => e.Title);
        var lines = sectionComments.Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => $"- {titles.GetValueOrDefault(c.Key, "Mục khác")}: {c.Value.Trim()}").ToList();
        if (!string.IsNullOrWhiteSpace(general))
            lines.Add($"- Ý kiến chung: {general.Trim()}");
        var message = (approve
                ? $"Đồng chí {leader.DisplayName} đã đồng ý với dự thảo báo cáo sơ kết của {view.Unit.Name}. Đơn vị có thể nộp báo cáo."
                : $"Đồng chí {leader.DisplayName} đã trả lại dự thảo báo cáo sơ kết của {view.Unit.Name} để chỉnh sửa. Ý kiến được hiển thị trên từng mục khi đồng chí gõ «soạn báo cáo».")
            + (lines.Count > 0 ? "\n\n" + string.Join("\n", lines) : "");
        var notified = await NotifyUnitAsync(view.Unit.Id, message, cancellationToken);
        Answer(turn, (approve ? "Đã ghi nhận đồng ý dự thảo" : "Đã trả lại dự thảo") +
            $" của {view.Unit.Name}" + (notified > 0 ? " và thông báo cho đơn vị." : "; đơn vị chưa có thành viên nào trò chuyện với Trợ lý sơ kết nên chưa nhận được thông báo."));
    }

    public async Task SubmitAsync(TurnContext turn, ReportView view, Actor actor, CancellationToken cancellationToken)
    {
        var change = await reports.SubmitAsync(view.Report.Id, actor, cancellationToken);
        if (change.Kind == StatusChangeKind.AlreadyDone)
        {
            turn.SendText(DraftingTexts.AlreadySubmitted(change.Report!));
            return;
        }
        if (change.Kind != StatusChangeKind.Done)
            return;
        var report = change.Report!;
        var timing = Timing(report, change.Deadline);
        turn.SendText($"Đã nộp báo cáo sơ kết của {view.Unit.Name} lúc {VietnamTime.Format(report.SubmittedAtUtc!.Value)}{timing}. Báo cáo không còn chỉnh sửa được.");

        var office = await OfficeAsync(cancellationToken);
        var text = $"{view.Unit.Name} đã nộp báo cáo sơ kết theo {view.Campaign.Code} lúc {VietnamTime.Format(report.SubmittedAtUtc!.Value)}{timing}; người nộp: đồng chí {actor.Name}.";
        foreach (var person in office)
            await SendToPersonAsync(person, Text(text), cancellationToken);
    }

    private static string Timing(Reports.Report report, DateTime? deadline) => deadline is not { } due
        ? ""
        : report.SubmittedLate == true
            ? $", muộn {VietnamTime.Today(report.SubmittedAtUtc!.Value).DayNumber - DateOnly.FromDateTime(due).DayNumber} ngày so với hạn {due:dd/MM/yyyy}"
            : $", đúng hạn (hạn {due:dd/MM/yyyy})";

    private async Task<List<Person>> OfficeAsync(CancellationToken cancellationToken)
    {
        var emails = peopleOptions.Value.AdminEmails.Select(e => e.ToLowerInvariant()).ToList();
        return await db.People.AsNoTracking().Where(p => p.IsAdmin || (p.Email != null && emails.Contains(p.Email))).ToListAsync(cancellationToken);
    }

    private async Task<int> NotifyUnitAsync(Guid unitId, string text, CancellationToken cancellationToken)
    {
        var members = await db.UnitMembers.AsNoTracking().Where(m => m.UnitId == unitId).Select(m => m.Person!).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var member in members)
            if (await SendToPersonAsync(member, Text(text), cancellationToken) == ProactiveOutcome.Sent)
                sent++;
        return sent;
    }

    private async Task<ProactiveOutcome> SendToPersonAsync(Person person, Activity activity, CancellationToken cancellationToken)
    {
        var reference = person.ChannelId is { } channel && person.ChannelUserId is { } user
            ? await references.FindPersonalAsync(channel, user, cancellationToken)
            : null;
        if (reference is null && person.AadObjectId is { } aad)
            reference = await references.FindPersonalAsync(ChannelIds.Teams, aad, cancellationToken);
        if (reference is null)
            return ProactiveOutcome.NoConversation;
        try
        {
            return await messenger.SendAsync(reference, activity, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Protocol.Connector.ConnectorException)
        {
            // The change is stored; a Connector failure to one recipient must not undo it or fail the turn.
            LogSendFailed(ex, person.Id);
            return ProactiveOutcome.NoConversation;
        }
    }

    private static void Answer(TurnContext turn, string text)
    {
        if (turn.Activity.Type == ActivityTypes.Invoke)
            turn.InvokeResponse = InvokeResponse.Message(text);
        else
            turn.SendText(text);
    }

    private static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private static Activity Card(System.Text.Json.Nodes.JsonObject card, string summary) =>
        new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(card)], Summary = summary };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not message person {PersonId} proactively")]
    private partial void LogSendFailed(Exception exception, Guid personId);
}
