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
    public const string EditIndicator = "sua-chi-tieu";

    /// <summary>Card data carrying the section number typed with "soạn tiếp mục …" through the choice of unit.</summary>
    internal const string SectionField = "section";

    /// <summary>Card data carrying the row number typed with "sửa chỉ tiêu số …" through the choice of unit.</summary>
    internal const string RowField = "row";

    /// <summary>
    /// "soạn báo cáo": the section the unit last worked on. "soạn tiếp mục II" (or "mục 2.1", "mục III.1"): the section
    /// so numbered in the unit's outline; where the outline has two, the user chooses; where it has none, the last one,
    /// with a line saying so.
    /// </summary>
    public async Task StartAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var number = SectionNumber.Find(turn.Input.Folded) ?? SectionNumber.Parse(turn.Input.Field(SectionField));
        if (await ChooseReportAsync(turn, cancellationToken, number is null ? null : new JsonObject { [SectionField] = number.Display }) is not { } view)
            return;
        if (!view.IsSubmitted && OwnedIds.Section(view, turn.Input.GuidField("sectionId")) is { } picked)
        {
            // A section chosen on the card that asked which one was meant.
            await OpenAsync(turn, view, picked, cancellationToken);
            return;
        }
        var resume = view.IsSubmitted ? null : view.Writable.FirstOrDefault(e => e.Id == view.Report.LastSectionId);
        if (number is not null && !view.IsSubmitted)
        {
            var named = SectionNumbers.Find(view.Outline, number);
            if (named.Count == 1)
            {
                await OpenAsync(turn, view, named[0], cancellationToken);
                return;
            }
            if (named.Count > 1)
            {
                turn.SendCard(ChooseSectionCard(view.Unit.Id, number.Display, named.Select(e => (e.Id, e.TitleInContext)).ToList()), $"Chọn mục {number.Display} cần soạn");
                return;
            }
            turn.SendText(resume is null
                ? $"Không tìm thấy mục {number.Display} trong đề cương; đồng chí chọn mục cần soạn trên mục lục dưới đây."
                : $"Không tìm thấy mục {number.Display} trong đề cương; mở mục đang soạn dở «{MarkdownText.Literal(resume.Title)}».");
        }
        if (resume is null)
        {
            await flow.StartAsync(turn, view, new DraftingState { ReportId = view.Report.Id, View = DraftingView.Overview }, cancellationToken);
            return;
        }
        if (number is null)
        {
            var draft = view.DraftOf(resume.Id);
            turn.SendText($"Tiếp tục soạn báo cáo của {MarkdownText.Literal(view.Unit.Name)} từ mục «{MarkdownText.Literal(resume.Title)}»" +
                (draft is null ? "." : $" (lưu lần cuối: đồng chí {MarkdownText.Literal(draft.UpdatedByName)}, lúc {VietnamTime.Format(draft.UpdatedAtUtc)}).") +
                " Gõ «mục lục» để xem toàn bộ đề cương.");
        }
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

    /// <summary>
    /// "sửa chỉ tiêu số 3": the indicator table with its third row (as the table numbers them) in the form, as its «Sửa»
    /// button shows it; a number the table does not have opens the table with a line saying so.
    /// </summary>
    public async Task EditIndicatorAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var number = RowNumber(turn.Input.Folded) ?? (int.TryParse(turn.Input.Field(RowField), out var kept) && kept is > 0 and < 10_000 ? kept : (int?)null);
        if (await ChooseReportAsync(turn, cancellationToken, number is null ? null : new JsonObject { [RowField] = number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }) is not { } view)
            return;
        var table = view.Writable.FirstOrDefault(e => e.IsIndicatorTable);
        var rows = view.Report.Indicators;
        var row = number is { } n && n >= 1 && n <= rows.Count ? rows[n - 1] : null;
        if (view.IsSubmitted)
            turn.SendText(DraftingTexts.ReadOnly);
        else if (number is not null && row is null)
            turn.SendText(rows.Count == 0
                ? $"Bảng chỉ tiêu của đơn vị chưa có chỉ tiêu nào nên chưa có chỉ tiêu số {number}; đồng chí nhập chỉ tiêu ở phần dưới."
                : $"Bảng chỉ tiêu của đơn vị không có chỉ tiêu số {number} (hiện có {rows.Count} chỉ tiêu); đồng chí bấm «Sửa» ở chỉ tiêu cần sửa.");
        await flow.StartAsync(turn, view, new DraftingState
        {
            ReportId = view.Report.Id,
            View = DraftingView.Indicators,
            SectionId = table?.Id,
            EditRowId = view.IsSubmitted ? null : row?.Id,
        }, cancellationToken);
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

    /// <summary>Opens a writable section (or the indicator table) of the report and makes it the one the unit left off at.</summary>
    private async Task OpenAsync(TurnContext turn, ReportView view, OutlineEntry entry, CancellationToken cancellationToken)
    {
        ReportService.SetLastSection(view, entry.Id);
        await flow.StartAsync(turn, view, new DraftingState
        {
            ReportId = view.Report.Id,
            View = entry.IsIndicatorTable ? DraftingView.Indicators : DraftingView.Section,
            SectionId = entry.Id,
        }, cancellationToken);
    }

    /// <summary>The row number of "sửa chỉ tiêu 3", "sua chi tieu so 3", "sửa chỉ tiêu thứ 3" (folded); null when none is given.</summary>
    internal static int? RowNumber(string folded)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (words[i] != "chi" || words[i + 1] != "tieu")
                continue;
            var j = i + 2;
            while (j < words.Length && words[j] is "so" or "thu" or "dong")
                j++;
            return j < words.Length && words[j].Length <= 4 && words[j].All(char.IsAsciiDigit)
                ? int.Parse(words[j], System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }
        return null;
    }

    /// <summary>The user's report to work on, started if need be; null when a message or a choice card was sent instead.</summary>
    /// <param name="carry">Data the unit choice card's buttons carry back (what the user asked for with the command), if any.</param>
    private async Task<ReportView?> ChooseReportAsync(TurnContext turn, CancellationToken cancellationToken, JsonObject? carry = null)
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
            turn.SendCard(ChooseUnitCard(turn.Route!.Id, units.Select(x => (x.UnitId, $"{x.UnitName} — {x.Code}")).ToList(), carry), "Chọn đơn vị để soạn báo cáo");
            return null;
        }

        var actor = new Actor(user.PersonId, user.DisplayName);
        var report = await reports.StartOrResumeAsync(chosen.CampaignId, chosen.UnitId, actor, cancellationToken);
        return await reports.LoadAsync(report.Id, cancellationToken);
    }

    internal static JsonObject ChooseUnitCard(string route, IReadOnlyList<(Guid Id, string Title)> units, JsonObject? carry = null) => new()
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
            ["data"] = With(new JsonObject { ["command"] = route, ["unitId"] = u.Id.ToString() }, carry),
        }).ToArray()),
    };

    /// <summary>"Đề cương có hai mục III": the sections a typed number names, one button each (the unit is carried, as chosen).</summary>
    internal static JsonObject ChooseSectionCard(Guid unitId, string number, IReadOnlyList<(Guid Id, string Title)> sections) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject
        {
            ["type"] = "TextBlock", ["wrap"] = true,
            ["text"] = $"Đề cương có {sections.Count} mục {number}. Đề nghị đồng chí chọn mục cần soạn:",
        }),
        ["actions"] = new JsonArray(sections.Select(s => (JsonNode)new JsonObject
        {
            ["type"] = "Action.Submit", ["title"] = ReportText.Shorten(s.Title, 120),
            ["data"] = new JsonObject { ["command"] = Start, ["unitId"] = unitId.ToString(), ["sectionId"] = s.Id.ToString() },
        }).ToArray()),
    };

    private static JsonObject With(JsonObject data, JsonObject? carry)
    {
        if (carry is not null)
            foreach (var (key, value) in carry)
                data[key] = value?.DeepClone();
        return data;
    }
}
