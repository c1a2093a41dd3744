using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Assistant;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.Dialogs;
using SoKet.Bot.People;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting;

/// <summary>
/// "soạn báo cáo" (and "xem toàn bộ", "gửi xin ý kiến", "nộp báo cáo" typed outside the flow): finds
/// the user's unit in an open campaign, starts or resumes its report and opens the drafting flow.
/// </summary>
public abstract class DraftingEntryCommand(PeopleService people, SoKetDbContext db, ReportService reports, IServiceProvider services) : IBotCommand
{
    public abstract string Name { get; }

    public abstract bool Matches(string foldedText);

    /// <summary>Does what was asked and says where the flow opens; by default where the unit left off.</summary>
    protected virtual Task<DraftingOptions> OpenAsync(TurnContext turn, ReportView view, Actor actor, CancellationToken cancellationToken) =>
        Task.FromResult(ResumeOptions(turn, view));

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = await people.ResolveAsync(turn.Activity, cancellationToken);
        var units = await db.Units.AsNoTracking()
            .Where(u => user.MemberUnitIds.Contains(u.Id))
            .Join(db.Campaigns.Where(c => c.Status == CampaignStatus.Open), u => u.CampaignId, c => c.Id, (u, c) => new { Unit = u, Campaign = c })
            .OrderByDescending(x => x.Campaign.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        if (units.Count == 0)
        {
            turn.SendText(user.IsAdmin ? DraftingTexts.AdminNotAMember : DraftingTexts.NotAMember);
            return;
        }

        var chosen = turn.SubmittedString("unitId") is { } picked && Guid.TryParse(picked, out var pickedId)
            ? units.FirstOrDefault(x => x.Unit.Id == pickedId)
            : units.Count == 1 ? units[0] : null;
        if (chosen is null)
        {
            turn.SendCard(ChooseUnitCard(units.Select(x => (x.Unit.Id, $"{x.Unit.Name} — {x.Campaign.Code}")).ToList()), "Chọn đơn vị để soạn báo cáo");
            return;
        }

        var actor = new Actor(user.PersonId, user.DisplayName);
        var report = await reports.StartOrResumeAsync(chosen.Campaign.Id, chosen.Unit.Id, actor, cancellationToken);
        var view = (await reports.LoadAsync(report.Id, cancellationToken))!;
        var options = await OpenAsync(turn, view, actor, cancellationToken);
        // Resolved here, not injected: the dialog runner's interrupts include commands, this one among them.
        await services.GetRequiredService<DialogRunner>().StartAsync(turn, DraftingDialog.DialogId, options, cancellationToken);
    }

    private static DraftingOptions ResumeOptions(TurnContext turn, ReportView view)
    {
        var resume = view.Report.Status == Reports.ReportStatus.Submitted ? null : view.Writable.FirstOrDefault(e => e.Id == view.Report.LastSectionId);
        if (resume is null)
            return new DraftingOptions(view.Report.Id, DraftingView.Overview);
        var draft = view.DraftOf(resume.Id);
        turn.SendText($"Tiếp tục soạn báo cáo của {view.Unit.Name} từ mục «{resume.Title}»" +
            (draft is null ? "." : $" (lưu lần cuối: đồng chí {draft.UpdatedByName}, lúc {VietnamTime.Format(draft.UpdatedAtUtc)}).") +
            " Gõ «mục lục» để xem toàn bộ đề cương.");
        return new DraftingOptions(view.Report.Id, resume.IsIndicatorTable ? DraftingView.Indicators : DraftingView.Section, resume.Id);
    }

    private JsonObject ChooseUnitCard(IReadOnlyList<(Guid Id, string Title)> units) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject
        {
            ["type"] = "TextBlock", ["wrap"] = true,
            ["text"] = "Đồng chí là thành viên của nhiều đơn vị trong các đợt sơ kết đang mở. Đề nghị đồng chí chọn đơn vị cần soạn báo cáo:",
        }),
        ["actions"] = new JsonArray(units.Select(u => (JsonNode)new JsonObject
        {
            ["type"] = "Action.Submit", ["title"] = u.Title,
            ["data"] = new JsonObject { ["command"] = Name, ["unitId"] = u.Id.ToString() },
        }).ToArray()),
    };

    protected static bool StartsWithAny(string folded, params string[] phrases) =>
        phrases.Any(p => folded == p || folded.StartsWith(p + " ", StringComparison.Ordinal));
}

public sealed class StartDraftingCommand(PeopleService people, SoKetDbContext db, ReportService reports, IServiceProvider services)
    : DraftingEntryCommand(people, db, reports, services)
{
    public override string Name => "soan-bao-cao";

    public override bool Matches(string foldedText) =>
        StartsWithAny(foldedText, "soan bao cao", "viet bao cao", "tiep tuc soan", "soan tiep", "mo bao cao", "bao cao cua don vi");
}

public sealed class ViewWholeDraftCommand(PeopleService people, SoKetDbContext db, ReportService reports, IServiceProvider services, DraftViewer viewer)
    : DraftingEntryCommand(people, db, reports, services)
{
    private readonly ReportService _reports = reports;

    public override string Name => "xem-toan-bo";

    protected override async Task<DraftingOptions> OpenAsync(TurnContext turn, ReportView view, Actor actor, CancellationToken cancellationToken)
    {
        foreach (var message in viewer.Render(view, await _reports.CommentsAsync(view.Report.Id, cancellationToken)))
            turn.SendText(message);
        return new DraftingOptions(view.Report.Id, DraftingView.Overview);
    }

    public override bool Matches(string foldedText) => StartsWithAny(foldedText, "xem toan bo", "xem ban nhap", "xem du thao");
}

public sealed class SubmitReportCommand(PeopleService people, SoKetDbContext db, ReportService reports, IServiceProvider services)
    : DraftingEntryCommand(people, db, reports, services)
{
    public override string Name => "nop-bao-cao";

    protected override Task<DraftingOptions> OpenAsync(TurnContext turn, ReportView view, Actor actor, CancellationToken cancellationToken)
    {
        if (view.Report.Status == Reports.ReportStatus.Submitted)
            turn.SendText(DraftingTexts.AlreadySubmitted(view.Report));
        return Task.FromResult(new DraftingOptions(view.Report.Id,
            view.Report.Status == Reports.ReportStatus.Submitted ? DraftingView.Overview : DraftingView.SubmitConfirm));
    }

    public override bool Matches(string foldedText) => StartsWithAny(foldedText, "nop bao cao");
}

public sealed class SendForReviewCommand(PeopleService people, SoKetDbContext db, ReportService reports, IServiceProvider services, ReviewWorkflow review)
    : DraftingEntryCommand(people, db, reports, services)
{
    public override string Name => "gui-xin-y-kien";

    protected override async Task<DraftingOptions> OpenAsync(TurnContext turn, ReportView view, Actor actor, CancellationToken cancellationToken)
    {
        await review.SendForReviewAsync(turn, view, actor, cancellationToken);
        return new DraftingOptions(view.Report.Id, DraftingView.Overview);
    }

    public override bool Matches(string foldedText) => StartsWithAny(foldedText, "gui xin y kien", "xin y kien");
}

/// <summary>The leader's "Đồng ý" / "Trả lại" on the review card (a command button: the card lives in the leader's chat, not in a dialog).</summary>
public sealed class ReviewDecisionCommand(PeopleService people, ReviewWorkflow review) : IBotCommand
{
    public string Name => "y-kien-bao-cao";

    public bool Matches(string foldedText) => false;

    public async Task ExecuteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var data = turn.SubmittedData ?? [];
        if (!Guid.TryParse(turn.SubmittedString("reportId"), out var reportId))
            return;
        var comments = new Dictionary<Guid, string>();
        foreach (var (key, value) in data)
        {
            if (key.StartsWith("comment_", StringComparison.Ordinal) && Guid.TryParseExact(key["comment_".Length..], "N", out var sectionId)
                && value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
                comments[sectionId] = VietnameseText.Normalize(text);
        }
        var general = turn.SubmittedString("general");
        var user = await people.ResolveAsync(turn.Activity, cancellationToken);
        await review.DecideAsync(turn, user, reportId, turn.SubmittedString("decision") == "approve", comments, general, cancellationToken);
    }
}
