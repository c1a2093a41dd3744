using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Cards;
using SoKet.Bot.Conversations;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Reports;

/// <summary>
/// The report's way to the leader in charge and to the office (seed 125-KH/ThU, III.7): send a draft for
/// comments, the leader's approval or return, submission. The status change is stored with the turn; the
/// people concerned are messaged once it is stored, and the user is told whether they were reached.
/// </summary>
public sealed partial class ReviewWorkflow(
    ReportService reports,
    OwnedIds ids,
    CardCatalog cards,
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

        var change = await reports.SendForReviewAsync(view, actor, cancellationToken);
        switch (change.Kind)
        {
            case StatusChangeKind.AlreadyDone:
                turn.SendText($"Dự thảo đã được gửi xin ý kiến đồng chí {MarkdownText.Literal(leader.DisplayName)} và đang chờ ý kiến.");
                return;
            case StatusChangeKind.NotAllowed:
                turn.SendText(ReportText.ReadOnly);
                return;
        }

        var card = ReviewCard.Render(cards, view, actor.Name);
        turn.OnCommitted(async ct =>
        {
            var outcome = await SendToPersonAsync(leader, Card(card, $"Đề nghị cho ý kiến dự thảo báo cáo của {view.Unit.Name}"), ct);
            turn.SendText(outcome == ProactiveOutcome.Sent
                ? $"Đã gửi dự thảo báo cáo tới đồng chí {MarkdownText.Literal(leader.DisplayName)} để xin ý kiến. Khi có ý kiến, Trợ lý sơ kết sẽ thông báo cho đơn vị."
                : $"Dự thảo đã chuyển sang trạng thái chờ ý kiến, nhưng đồng chí {MarkdownText.Literal(leader.DisplayName)} chưa trò chuyện với Trợ lý sơ kết nên chưa nhận được thẻ xin ý kiến. " +
                  "Đề nghị đồng chí báo đồng chí phụ trách mở Trợ lý sơ kết trong Microsoft Teams, hoặc gửi dự thảo theo cách thông thường.");
        });
    }

    /// <summary>The leader's "Đồng ý" / "Trả lại" on the review card (it lives in the leader's chat, outside any flow).</summary>
    public async Task DecideAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var leader = turn.User;
        // A report of a unit the user does not lead gets the same answer as one that does not exist.
        var view = await ids.ReviewableReportAsync(turn, turn.Input.GuidField("reportId"), cancellationToken);
        if (view is null)
        {
            turn.Answer("Đồng chí không phải là đồng chí phụ trách đơn vị này nên không thể cho ý kiến dự thảo.");
            return;
        }
        var comments = new Dictionary<Guid, string>();
        foreach (var (key, value) in turn.Input.Data)
        {
            if (key.StartsWith("comment_", StringComparison.Ordinal) && Guid.TryParseExact(key["comment_".Length..], "N", out var sectionId)
                && value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
                comments[sectionId] = VietnameseText.Normalize(text);
        }
        var general = turn.Input.Field("general");
        var approve = turn.Input.Field("decision") == "approve";
        var seen = int.TryParse(turn.Input.Field("version"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shown) ? shown : (int?)null;
        var change = await reports.ReviewAsync(view, approve, comments, general, new Actor(leader.PersonId, leader.DisplayName), cancellationToken, seen);
        if (change.Kind == StatusChangeKind.Outdated)
        {
            turn.Answer($"Dự thảo của {MarkdownText.Literal(view.Unit.Name)} đã được đơn vị chỉnh sửa sau khi gửi, nên nội dung trên thẻ này không còn là bản hiện tại; ý kiến chưa được ghi nhận. " +
                "Khi đơn vị gửi lại, đồng chí cho ý kiến trên thẻ mới.");
            return;
        }
        if (change.Kind != StatusChangeKind.Done)
        {
            turn.Answer("Dự thảo này đã được xử lý trước đó; ý kiến lần này không được ghi thêm.");
            return;
        }

        // A Markdown list of the comments; titles, names and comments are data, shown as written.
        var titles = view.Outline.ToDictionary(e => e.Id, e => e.Title);
        var lines = comments.Where(c => titles.ContainsKey(c.Key))
            .Select(c => $"- {MarkdownText.Literal(titles[c.Key])}: {MarkdownText.Literal(c.Value.Trim())}").ToList();
        if (!string.IsNullOrWhiteSpace(general))
            lines.Add($"- Ý kiến chung: {MarkdownText.Literal(general.Trim())}");
        var leaderName = MarkdownText.Literal(leader.DisplayName);
        var unitName = MarkdownText.Literal(view.Unit.Name);
        var message = (approve
                ? $"Đồng chí {leaderName} đã đồng ý với dự thảo báo cáo sơ kết của {unitName}. Đơn vị có thể nộp báo cáo."
                : $"Đồng chí {leaderName} đã trả lại dự thảo báo cáo sơ kết của {unitName} để chỉnh sửa. Ý kiến được hiển thị trên từng mục khi đồng chí gõ «soạn báo cáo».")
            + (lines.Count > 0 ? "\n\n" + string.Join("\n", lines) : "");
        turn.OnCommitted(async ct =>
        {
            var notified = await NotifyUnitAsync(view.Unit.Id, message, ct);
            turn.Answer((approve ? "Đã ghi nhận đồng ý dự thảo" : "Đã trả lại dự thảo") +
                $" của {unitName}" + (notified > 0 ? " và thông báo cho đơn vị." : "; đơn vị chưa có thành viên nào trò chuyện với Trợ lý sơ kết nên chưa nhận được thông báo."));
        });
    }

    /// <summary>
    /// Null when <paramref name="user"/> may submit the unit's report, else why not. The unit's secretary (bí thư)
    /// approves and submits; a unit whose list names no secretary is submitted by any of its members.
    /// </summary>
    public async Task<string?> WhyNotSubmitterAsync(TurnUser user, ReportView view, CancellationToken cancellationToken)
    {
        if (user.IsSecretaryOf(view.Unit.Id))
            return null;
        var secretaries = await db.UnitMembers.AsNoTracking()
            .Where(m => m.UnitId == view.Unit.Id && m.Role == MemberRole.Secretary)
            .Select(m => m.Person!.DisplayName ?? m.Person.Email)
            .ToListAsync(cancellationToken);
        if (secretaries.Count == 0 && user.IsMemberOf(view.Unit.Id))
            return null;
        return $"Theo kế hoạch, đồng chí bí thư ({MarkdownText.Literal(string.Join(", ", secretaries))}) duyệt và nộp báo cáo của {MarkdownText.Literal(view.Unit.Name)}. " +
            "Đồng chí vẫn soạn và gửi xin ý kiến được; khi hoàn thành, đề nghị đồng chí báo đồng chí bí thư nộp.";
    }

    public async Task SubmitAsync(TurnContext turn, ReportView view, Actor actor, CancellationToken cancellationToken)
    {
        var change = await reports.SubmitAsync(view, actor, cancellationToken);
        if (change.Kind == StatusChangeKind.AlreadyDone)
        {
            turn.SendText(ReportText.AlreadySubmitted(change.Report!));
            return;
        }
        var report = change.Report!;
        var timing = Timing(report, change.Deadline);
        turn.SendText($"Đã nộp báo cáo sơ kết của {MarkdownText.Literal(view.Unit.Name)} lúc {VietnamTime.Format(report.SubmittedAtUtc!.Value)}{timing}. Báo cáo không còn chỉnh sửa được.");

        var text = $"{MarkdownText.Literal(view.Unit.Name)} đã nộp báo cáo sơ kết theo {view.Campaign.Code} lúc {VietnamTime.Format(report.SubmittedAtUtc!.Value)}{timing}; người nộp: đồng chí {MarkdownText.Literal(actor.Name)}.";
        turn.OnCommitted(async ct =>
        {
            foreach (var person in await OfficeAsync(ct))
                await SendToPersonAsync(person, Text(text), ct);
        });
    }

    private static string Timing(Report report, DateTime? deadline) => deadline is not { } due
        ? ""
        : report.SubmittedLate == true
            ? $", muộn {VietnamTime.Today(report.SubmittedAtUtc!.Value).DayNumber - DateOnly.FromDateTime(due).DayNumber} ngày so với hạn {due:dd/MM/yyyy}"
            : $", đúng hạn (hạn {due:dd/MM/yyyy})";

    private async Task<List<Person>> OfficeAsync(CancellationToken cancellationToken) =>
        await PeopleService.Office(db.People.AsNoTracking(), peopleOptions.Value).ToListAsync(cancellationToken);

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

    private static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private static Activity Card(JsonObject card, string summary) =>
        new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(card)], Summary = summary };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not message person {PersonId} proactively")]
    private partial void LogSendFailed(Exception exception, Guid personId);
}
