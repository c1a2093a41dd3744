using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.Drafting.Suggestions;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting;

/// <summary>
/// The ways into a unit's report from anywhere: "soạn báo cáo" (where the unit left off), "xem toàn bộ",
/// "nộp báo cáo", "gửi xin ý kiến", "nhập chỉ tiêu", "gợi ý hạn chế". Each finds the user's unit in an open
/// campaign (asking which when there are several), starts or resumes its report and opens the drafting flow.
/// </summary>
public sealed class DraftingEntry(OwnedIds ids, ReportService reports, DraftingFlow flow, DraftViewer viewer, ReviewWorkflow review)
{
    public const string Start = "soan-bao-cao";
    public const string ViewWhole = "xem-toan-bo";
    public const string SubmitReport = "nop-bao-cao";
    public const string SendForReview = "gui-xin-y-kien";
    public const string EnterIndicators = "nhap-chi-tieu";
    public const string SuggestShortcomings = "goi-y-han-che";

    public async Task StartAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await ChooseReportAsync(turn, cancellationToken) is not { } view)
            return;
        var resume = view.IsSubmitted ? null : view.Writable.FirstOrDefault(e => e.Id == view.Report.LastSectionId);
        if (resume is null)
        {
            await flow.StartAsync(turn, view, new DraftingState { ReportId = view.Report.Id, View = DraftingView.Overview }, cancellationToken);
            return;
        }
        var draft = view.DraftOf(resume.Id);
        turn.SendText($"Tiếp tục soạn báo cáo của {MarkdownText.Literal(view.Unit.Name)} từ mục «{MarkdownText.Literal(resume.Title)}»" +
            (draft is null ? "." : $" (lưu lần cuối: đồng chí {MarkdownText.Literal(draft.UpdatedByName)}, lúc {VietnamTime.Format(draft.UpdatedAtUtc)}).") +
            " Gõ «mục lục» để xem toàn bộ đề cương.");
        await flow.StartAsync(turn, view, new DraftingState
        {
            ReportId = view.Report.Id,
            View = resume.IsIndicatorTable ? DraftingView.Indicators : DraftingView.Section,
            SectionId = resume.Id,
        }, cancellationToken);
    }

    public async Task ViewWholeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await ChooseReportAsync(turn, cancellationToken) is not { } view)
            return;
        foreach (var message in viewer.Render(view, await reports.CommentsAsync(view.Report.Id, cancellationToken)))
            turn.SendText(message);
        await flow.StartAsync(turn, view, new DraftingState { ReportId = view.Report.Id, View = DraftingView.Overview }, cancellationToken);
    }

    public async Task SubmitAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await ChooseReportAsync(turn, cancellationToken) is not { } view)
            return;
        await flow.StartAsync(turn, view, new DraftingState
        {
            ReportId = view.Report.Id,
            View = await flow.SubmissionViewAsync(turn, view, cancellationToken),
        }, cancellationToken);
    }

    public async Task SendForReviewAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await ChooseReportAsync(turn, cancellationToken) is not { } view)
            return;
        await review.SendForReviewAsync(turn, view, new Actor(turn.User.PersonId, turn.User.DisplayName), cancellationToken);
        await flow.StartAsync(turn, view, new DraftingState { ReportId = view.Report.Id, View = DraftingView.Overview }, cancellationToken);
    }

    public async Task EnterIndicatorsAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await ChooseReportAsync(turn, cancellationToken) is not { } view)
            return;
        var table = view.Writable.FirstOrDefault(e => e.IsIndicatorTable);
        await flow.StartAsync(turn, view, new DraftingState { ReportId = view.Report.Id, View = DraftingView.Indicators, SectionId = table?.Id }, cancellationToken);
    }

    /// <summary>The help card's "Gợi ý dự thảo": opens the section on shortcomings and causes, where the suggestion button is.</summary>
    public async Task SuggestShortcomingsAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await ChooseReportAsync(turn, cancellationToken) is not { } view)
            return;
        var target = view.Writable.FirstOrDefault(e => SuggestionRequests.PurposeOf(e.Section.Heading, null) is SectionPurpose.Shortcomings)
            ?? view.Writable.FirstOrDefault(e => SuggestionRequests.CanSuggest(e.Section, view.Campaign.Sections.FirstOrDefault(p => p.Id == e.Section.ParentId)));
        if (target is null)
        {
            turn.SendText("Đề cương của đợt sơ kết này không có mục hạn chế, nguyên nhân để gợi ý dự thảo. Đồng chí mở «soạn báo cáo» để soạn các mục.");
            await flow.StartAsync(turn, view, new DraftingState { ReportId = view.Report.Id, View = DraftingView.Overview }, cancellationToken);
            return;
        }
        turn.SendText($"Đồng chí bấm «Gợi ý dự thảo» trên thẻ mục «{MarkdownText.Literal(target.Title)}» dưới đây. Gợi ý được soạn từ chính nội dung và số liệu đơn vị đã nhập.");
        ReportService.SetLastSection(view, target.Id);
        await flow.StartAsync(turn, view, new DraftingState { ReportId = view.Report.Id, View = DraftingView.Section, SectionId = target.Id }, cancellationToken);
    }

    /// <summary>The user's report to work on, started if need be; null when a message or a choice card was sent instead.</summary>
    private async Task<ReportView?> ChooseReportAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var user = turn.User;
        var units = await ids.MemberUnitsAsync(turn, cancellationToken);
        if (units.Count == 0)
        {
            turn.SendText(user.IsAdmin ? DraftingTexts.AdminNotAMember : DraftingTexts.NotAMember);
            return null;
        }

        // A unit named by the choice card must be one of the user's own: any other id is as if none was chosen.
        var chosen = turn.Input.GuidField("unitId") is { } picked
            ? OwnedIds.Unit(units, picked)
            : units.Count == 1 ? units[0] : null;
        if (chosen is null)
        {
            turn.SendCard(ChooseUnitCard(turn.Route!.Id, units.Select(x => (x.UnitId, $"{x.UnitName} — {x.Code}")).ToList()), "Chọn đơn vị để soạn báo cáo");
            return null;
        }

        var actor = new Actor(user.PersonId, user.DisplayName);
        var report = await reports.StartOrResumeAsync(chosen.CampaignId, chosen.UnitId, actor, cancellationToken);
        return await reports.LoadAsync(report.Id, cancellationToken);
    }

    internal static JsonObject ChooseUnitCard(string route, IReadOnlyList<(Guid Id, string Title)> units) => new()
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
            ["data"] = new JsonObject { ["command"] = route, ["unitId"] = u.Id.ToString() },
        }).ToArray()),
    };
}
