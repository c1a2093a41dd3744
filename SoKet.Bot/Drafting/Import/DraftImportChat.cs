using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Chat;
using SoKet.Bot.Data;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting.Import;

public enum DraftImportStep
{
    /// <summary>"nhập dự thảo" was said: the next long message or file is the draft.</summary>
    AwaitingDraft,

    /// <summary>Office staff who also draft sent a file: plan or draft?</summary>
    AskKind,

    /// <summary>A member of several units sent a file: whose report?</summary>
    AskUnit,

    /// <summary>The split is staged and shown; «Điền vào báo cáo» or «Hủy».</summary>
    Review,
}

/// <summary>The import flow's state in the conversation: ids only; the draft itself is a kept file.</summary>
public sealed class DraftImportState
{
    public DraftImportStep Step { get; set; }
    public Guid? ReportId { get; set; }

    /// <summary>The kept file: the upload while asking (plan or draft, which unit), the staged split in review.</summary>
    public string? FileId { get; set; }
}

/// <summary>
/// "Start from a Word draft": a unit member sends their own draft (a .docx, a text file, or the text pasted), SoKet
/// splits it into the outline's sections (<see cref="DraftSplitter"/>), keeps the split server-side and shows what went
/// where; only «Điền vào báo cáo» writes it, through <see cref="ReportService"/> (one revision per section, a section
/// already written is replaced only as the card said, appended or left as it is), all in the confirming turn.
/// The flow's token makes a second click of the same card change nothing; every id from a card goes through
/// <see cref="OwnedIds"/> (reports, units) or <see cref="CampaignIds"/> (the kept file).
/// </summary>
public sealed partial class DraftImportChat(
    ITurnFiles files, OwnedIds ids, CampaignIds keptFiles, ReportService reports, SoKetDbContext db, CampaignOutlines outlines, PlanChat plans, TimeProvider clock,
    ILogger<DraftImportChat> logger)
    : IPastedDraftHandler
{
    public const string FlowName = "draft-import";
    public const int FlowVersion = 1;

    public const string Start = "nhap-du-thao";
    public const string ReadFile = "doc-du-thao";
    public const string Pasted = "du-thao.noi-dung";
    public const string Apply = "du-thao.dien";
    public const string Cancel = "du-thao.huy";
    public const string IsDraft = "du-thao.la-du-thao";
    public const string IsPlan = "du-thao.la-ke-hoach";
    public const string ChooseUnit = "du-thao.chon-don-vi";

    /// <summary>A paste into the drafting flow is taken for a whole draft only with this many sections found in it: one heading is a section's own sub-heading.</summary>
    public const int MinSectionsInPaste = 2;

    private const string PastedSource = "dán vào cuộc trò chuyện";

    /// <summary>"nhập dự thảo": asks for the draft (file or paste) for the user's report.</summary>
    public async Task StartAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await ChooseTargetAsync(turn, Start, keptFileId: null, file: null, cancellationToken) is not { } target)
            return;
        // The report is started here (as "soạn báo cáo" would): the flow names it, and the pasted draft goes into it.
        var view = target.View ?? await StartAsync(turn, target.Unit!, cancellationToken);
        if (view.IsSubmitted)
        {
            turn.SendText(ReportText.ReadOnly);
            return;
        }
        turn.Flow.Set(FlowName, FlowVersion, new DraftImportState { Step = DraftImportStep.AwaitingDraft, ReportId = view.Report.Id });
        turn.SendText(DraftImportTexts.AskForDraft(ReportText.Header(view)));
    }

    /// <summary>A file from a unit member: read it (refused in Vietnamese when it is not a readable draft), split it, show the split.</summary>
    public async Task FileAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var inbound = await files.ReadAsync(turn.Activity, turn.CurrentFile!, DraftReader.MaxFileBytes, cancellationToken);
        switch (inbound.Problem)
        {
            case AttachmentProblem.TooLarge:
                turn.SendText(DraftImportTexts.FileTooLarge($"«{MarkdownText.Literal(inbound.Name)}»", inbound.Size ?? 0));
                return;
            case AttachmentProblem.Unavailable:
                turn.SendText(DraftImportTexts.FileUnavailable(inbound.Name));
                return;
        }

        // Office staff who also draft for a unit: outside drafting, the same .docx may be the plan of a new campaign.
        if (turn.User.IsAdmin && !turn.Flow.IsActive(DraftingFlow.Name) && !turn.Flow.IsActive(FlowName))
        {
            // Their units' campaigns are all closed: there is no report to fill, so it is a plan.
            if ((await ids.MemberUnitsAsync(turn, cancellationToken)).Count == 0)
            {
                await plans.ReadPlanAsync(turn, inbound, cancellationToken);
                return;
            }
            var kept = files.Keep(turn, inbound.Name, inbound.ContentType ?? "application/octet-stream", inbound.Content!);
            turn.Flow.Set(FlowName, FlowVersion, new DraftImportState { Step = DraftImportStep.AskKind, FileId = kept });
            turn.ShowFlowCard(DraftImportCards.AskKind(inbound.Name, kept), $"Tệp «{inbound.Name}» là kế hoạch hay dự thảo báo cáo?");
            return;
        }
        await ContinueWithFileAsync(turn, inbound, keptFileId: null, cancellationToken);
    }

    /// <summary>«Dự thảo báo cáo của đơn vị» on the question to office staff who also draft.</summary>
    public async Task IsDraftAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await KeptUploadAsync(turn, DraftImportStep.AskKind, cancellationToken) is not ({ } fileId, { } file))
            return;
        await ContinueWithFileAsync(turn, file, fileId, cancellationToken);
    }

    /// <summary>«Kế hoạch (tạo đợt sơ kết)»: the kept file goes to the plan importer, as if it had been sent outside drafting by an admin.</summary>
    public async Task IsPlanAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await KeptUploadAsync(turn, DraftImportStep.AskKind, cancellationToken) is not (_, { } file))
            return;
        turn.Flow.End();
        await plans.ReadPlanAsync(turn, file, cancellationToken);
    }

    /// <summary>The unit whose report the kept draft is for; any unit id that is not one of the user's is refused.</summary>
    public async Task ChooseUnitAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await KeptUploadAsync(turn, DraftImportStep.AskUnit, cancellationToken) is not ({ } fileId, { } file))
            return;
        var units = await ids.MemberUnitsAsync(turn, cancellationToken);
        if (OwnedIds.Unit(units, turn.Input.GuidField("unitId")) is not { } unit)
        {
            turn.Answer(DraftImportTexts.UnitNotYours);
            return;
        }
        if (!await SplitAndShowAsync(turn, new DraftTarget(null, unit), DraftReader.ReadFile(file.Name, file.Content!), $"«{file.Name}»", cancellationToken))
            turn.Flow.End();
    }

    /// <summary>Text typed while the import flow is open: the pasted draft (or a nudge back to the card).</summary>
    public async Task PastedAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Flow.Get<DraftImportState>(FlowName, FlowVersion) is not { } state)
        {
            turn.Answer(TurnTexts.FlowReset);
            return;
        }
        if (state.Step is DraftImportStep.AskKind or DraftImportStep.AskUnit)
        {
            turn.Answer(DraftImportTexts.ChooseOnCard);
            return;
        }
        var paragraphs = DraftReader.ReadText(turn.Input.Text);
        if (paragraphs.Count < 2)
        {
            turn.Answer(DraftImportTexts.PasteTooShort);
            return;
        }
        if (await ids.DraftableReportAsync(turn, state.ReportId, cancellationToken) is not { } view)
        {
            turn.Flow.End();
            turn.Answer(DraftingTexts.NotInUnit);
            return;
        }
        await SplitAndShowAsync(turn, new DraftTarget(view, null), new DraftRead(paragraphs, null), PastedSource, cancellationToken);
    }

    /// <summary>
    /// A whole draft pasted while drafting (several lines, at least <see cref="MinSectionsInPaste"/> sections of the
    /// outline found in it) is offered as an import instead of becoming the text of the open section.
    /// </summary>
    public Task<bool> TryTakeAsync(TurnContext turn, ReportView view, CancellationToken cancellationToken)
    {
        var text = turn.Input.Text;
        if (view.IsSubmitted || text.AsSpan().Count('\n') < 2)
            return Task.FromResult(false);
        var paragraphs = DraftReader.ReadText(text);
        var split = DraftSplitter.Split(paragraphs, OutlineHeading.From(view.Outline));
        if (split.Sections.Count < MinSectionsInPaste)
            return Task.FromResult(false);
        Stage(turn, view, split, PastedSource);
        return Task.FromResult(true);
    }

    /// <summary>«Điền vào báo cáo»: writes the staged split, once, exactly as the card showed it and with the choices made on it.</summary>
    public async Task ApplyAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Flow.Get<DraftImportState>(FlowName, FlowVersion) is not { Step: DraftImportStep.Review, FileId: { } fileId } state
            || turn.Input.Field("importId") is not { } shown || shown != fileId)
        {
            turn.Answer(DraftImportTexts.NothingPending);
            return;
        }
        var staged = StagedDraft.Read((await keptFiles.KeptFileAsync(turn, fileId, cancellationToken))?.Content);
        if (staged is null || staged.ReportId != state.ReportId)
        {
            turn.Flow.End();
            turn.Answer(DraftImportTexts.NothingPending);
            return;
        }
        if (await ids.DraftableReportAsync(turn, staged.ReportId, cancellationToken) is not { } view)
        {
            turn.Flow.End();
            turn.Answer(DraftingTexts.NotInUnit);
            return;
        }
        if (view.IsSubmitted)
        {
            turn.Flow.End();
            turn.Answer(ReportText.ReadOnly);
            return;
        }

        // A colleague saved one of these sections after the card was shown: nothing is written over; the card is shown again as things now are.
        var changed = staged.Sections.Where(s => (view.DraftOf(s.SectionId)?.Version ?? 0) != s.ShownVersion).ToList();
        if (changed.Count > 0)
        {
            LogChangedMeanwhile(view.Report.Id, changed.Count);
            Restage(turn, view, staged, DraftImportTexts.ChangedMeanwhile(changed.Select(s => view.Entry(s.SectionId)?.Title ?? s.WrittenHeading)));
            return;
        }

        var actor = Actor(turn);
        var rows = new List<(string Title, string What)>();
        var tooLong = new List<string>();
        var unchanged = 0;
        foreach (var section in staged.Sections)
        {
            // The outline is the report's own; a section it no longer has (or the indicator table) takes nothing.
            if (OwnedIds.Section(view, section.SectionId) is not { IsIndicatorTable: false } entry)
                continue;
            var existing = view.DraftOf(entry.Id)?.Text;
            var mode = string.IsNullOrWhiteSpace(existing) ? FillMode.Replace : DraftImportCards.ModeOf(turn.Input.Field(DraftImportCards.ModeInput(entry.Id)));
            if (mode == FillMode.Skip)
            {
                unchanged++;
                continue;
            }
            var text = mode == FillMode.Append ? existing + "\n\n" + section.Text : section.Text;
            var result = reports.SaveSection(view, entry.Id, section.ShownVersion, text, DraftSource.Imported, actor);
            if (result.Kind == SaveResultKind.Saved)
                rows.Add((entry.Title, string.IsNullOrWhiteSpace(existing) ? "Điền mới" : mode == FillMode.Append ? "Nối vào sau nội dung đã có" : "Thay nội dung đã có"));
            else
                unchanged++;
            if (result.Kind == SaveResultKind.TooLong)
                tooLong.Add(entry.Title);
        }
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime, Actor = actor.Name, Action = "report.draft-imported",
            CampaignId = view.Report.CampaignId, UnitId = view.Report.UnitId, ReportId = view.Report.Id,
            Details = $"{staged.Source}: điền {rows.Count} mục, giữ nguyên {unchanged} mục",
        });
        LogApplied(view.Report.Id, rows.Count, unchanged);

        turn.Flow.End();
        turn.ShowFlowCard(DraftImportCards.Result(view, staged.Source, rows, unchanged), $"Đã điền {rows.Count} mục từ dự thảo");
        if (tooLong.Count > 0)
            turn.SendText(DraftImportTexts.TooLong(tooLong));
        if (AsideText(staged) is { } aside)
            turn.SendText(aside);
    }

    /// <summary>«Hủy»: the staged split is dropped with the flow; the report is as it was.</summary>
    public Task CancelAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        turn.Flow.End();
        turn.Answer(DraftImportTexts.Cancelled);
        return Task.CompletedTask;
    }

    private async Task ContinueWithFileAsync(TurnContext turn, InboundFile file, string? keptFileId, CancellationToken cancellationToken)
    {
        if (await ChooseTargetAsync(turn, ChooseUnit, keptFileId, file, cancellationToken) is not { } target)
            return;
        if (!await SplitAndShowAsync(turn, target, DraftReader.ReadFile(file.Name, file.Content!), $"«{file.Name}»", cancellationToken)
            && turn.Flow.Get<DraftImportState>(FlowName, FlowVersion) is { Step: DraftImportStep.AskKind or DraftImportStep.AskUnit })
            turn.Flow.End();
    }

    /// <summary>
    /// Splits a draft that was read and shows the split, staged; false (and why, to the user) when there is nothing to
    /// show. Nothing is written for a draft that is refused: the unit's report is started only when a split is shown.
    /// </summary>
    private async Task<bool> SplitAndShowAsync(TurnContext turn, DraftTarget target, DraftRead read, string source, CancellationToken cancellationToken)
    {
        var existing = target.View ?? await ExistingReportAsync(target.Unit!, cancellationToken);
        if (existing?.IsSubmitted == true)
        {
            turn.SendText(ReportText.ReadOnly);
            return false;
        }
        if (read.Paragraphs is not { } paragraphs)
        {
            turn.SendText(read.Refusal!);
            return false;
        }
        if (LooksLikePlan(paragraphs))
        {
            turn.SendText(DraftImportTexts.LooksLikePlan);
            return false;
        }
        var outline = existing?.Outline ?? await OutlineAsync(target.Unit!, cancellationToken);
        var watch = Stopwatch.StartNew();
        var split = DraftSplitter.Split(paragraphs, OutlineHeading.From(outline));
        LogSplit(existing?.Report.Id, paragraphs.Count, split.HeadingsSeen, split.Sections.Count, split.Aside.Count, watch.Elapsed.TotalMilliseconds);
        if (split.MatchedNothing)
        {
            turn.SendText(DraftImportTexts.NothingMatched(source, split.UnmatchedHeadings, outline.Where(e => e.IsWritable).Select(e => e.Title)));
            return false;
        }
        Stage(turn, existing ?? await StartAsync(turn, target.Unit!, cancellationToken), split, source);
        return true;
    }

    private async Task<ReportView?> ExistingReportAsync(OwnedUnit unit, CancellationToken cancellationToken)
    {
        var reportId = await db.Reports.AsNoTracking().Where(r => r.CampaignId == unit.CampaignId && r.UnitId == unit.UnitId)
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        return reportId is { } id ? await reports.LoadAsync(id, cancellationToken) : null;
    }

    /// <summary>The outline the unit's report will have (the same <see cref="ReportOutline"/> a started report gets), before any report exists.</summary>
    private async Task<IReadOnlyList<OutlineEntry>> OutlineAsync(OwnedUnit unit, CancellationToken cancellationToken)
    {
        var campaign = await outlines.GetAsync(db, unit.CampaignId, cancellationToken);
        var row = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unit.UnitId, cancellationToken);
        return ReportOutline.For(campaign.Sections, row);
    }

    private async Task<ReportView> StartAsync(TurnContext turn, OwnedUnit unit, CancellationToken cancellationToken)
    {
        var report = await reports.StartOrResumeAsync(unit.CampaignId, unit.UnitId, Actor(turn), cancellationToken);
        return (await reports.LoadAsync(report.Id, cancellationToken))!;
    }

    /// <summary>Keeps the split (a kept file of this conversation and user) and shows it; the flow holds its id and the card's token.</summary>
    private void Stage(TurnContext turn, ReportView view, DraftSplit split, string source) =>
        Restage(turn, view, StagedDraft.Create(view, split, source, turn.User.PersonId), notice: null);

    private void Restage(TurnContext turn, ReportView view, StagedDraft staged, string? notice)
    {
        staged.Refresh(view);
        var fileId = files.Keep(turn, "du-thao-da-tach.json", StagedDraft.ContentType, staged.ToJson());
        turn.Flow.Set(FlowName, FlowVersion, new DraftImportState { Step = DraftImportStep.Review, ReportId = view.Report.Id, FileId = fileId });
        turn.ShowFlowCard(DraftImportCards.Review(view, staged, fileId, notice), $"Dự thảo {staged.Source}: {staged.Sections.Count} mục sẽ được điền");
    }

    /// <summary>Where a draft goes: a report already open in this conversation, or one of the user's units (its report started only once a split is shown).</summary>
    private sealed record DraftTarget(ReportView? View, OwnedUnit? Unit);

    /// <summary>
    /// The report a draft goes into: the one being drafted or imported in this conversation, else the user's only unit's,
    /// else the user picks (an upload kept meanwhile). Null when a message or a card was sent instead.
    /// </summary>
    private async Task<DraftTarget?> ChooseTargetAsync(TurnContext turn, string chooseRoute, string? keptFileId, InboundFile? file, CancellationToken cancellationToken)
    {
        var current = turn.Flow.IsActive(DraftingFlow.Name) ? turn.Flow.Get<DraftingState>(DraftingFlow.Name, DraftingFlow.Version)?.ReportId
            : turn.Flow.IsActive(FlowName) ? turn.Flow.Get<DraftImportState>(FlowName, FlowVersion)?.ReportId
            : null;
        if (current is { } reportId && await ids.DraftableReportAsync(turn, reportId, cancellationToken) is { } open)
            return new DraftTarget(open, null);

        var units = await ids.MemberUnitsAsync(turn, cancellationToken);
        if (units.Count == 0)
        {
            turn.Flow.End();
            turn.SendText(DraftImportTexts.NotAMember);
            return null;
        }
        // A unit named by the choice card must be one of the user's own: any other id is as if none was chosen.
        var chosen = file is null && turn.Input.GuidField("unitId") is { } picked ? OwnedIds.Unit(units, picked)
            : units.Count == 1 ? units[0]
            : null;
        if (chosen is not null)
            return new DraftTarget(null, chosen);
        if (file is null)
        {
            turn.SendCard(DraftImportCards.ChooseUnit(chooseRoute, units, fileId: null), "Chọn đơn vị");
            return null;
        }
        var kept = keptFileId ?? files.Keep(turn, file.Name, file.ContentType ?? "application/octet-stream", file.Content!);
        turn.Flow.Set(FlowName, FlowVersion, new DraftImportState { Step = DraftImportStep.AskUnit, FileId = kept });
        turn.ShowFlowCard(DraftImportCards.ChooseUnit(chooseRoute, units, kept), "Chọn đơn vị");
        return null;
    }

    /// <summary>The upload kept while asking: the card must name the file the flow holds, and the file must be this user's in this conversation.</summary>
    private async Task<(string? FileId, InboundFile? File)> KeptUploadAsync(TurnContext turn, DraftImportStep step, CancellationToken cancellationToken)
    {
        if (turn.Flow.Get<DraftImportState>(FlowName, FlowVersion) is not { FileId: { } fileId } state || state.Step != step
            || turn.Input.Field("importId") != fileId)
        {
            turn.Answer(DraftImportTexts.NothingPending);
            return (null, null);
        }
        if (await keptFiles.KeptFileAsync(turn, fileId, cancellationToken) is not { Content: not null } file)
        {
            turn.Flow.End();
            turn.Answer(DraftImportTexts.NothingPending);
            return (null, null);
        }
        return (fileId, file);
    }

    /// <summary>The set-aside text that belongs to the report (not the letterhead or the signature), for the user to place by hand; capped.</summary>
    private static string? AsideText(StagedDraft staged)
    {
        const int max = 3000;
        var parts = staged.Aside.Where(a => a.Reason is AsideReason.NoMatchingSection or AsideReason.UnderGroupHeading && a.Paragraphs.Count > 0).ToList();
        if (parts.Count == 0)
            return null;
        var text = new StringBuilder("Các đoạn sau của dự thảo không thuộc mục nào nên chưa được điền; đồng chí có thể sao chép vào mục phù hợp:");
        foreach (var part in parts)
        {
            text.Append("\n\n").Append(part.Heading is { } h ? $"«{h}»\n" : "").Append(string.Join("\n", part.Paragraphs));
            if (text.Length > max)
                return text.ToString(0, max).TrimEnd() + "…";
        }
        return text.ToString();
    }

    /// <summary>The plan of a campaign sent by mistake: a title line «KẾ HOẠCH» and a plan number ("150-KH/TU") near the top.</summary>
    internal static bool LooksLikePlan(IReadOnlyList<DraftParagraph> paragraphs)
    {
        var top = paragraphs.Take(40).Select(p => p.Text).ToList();
        return top.Any(t => VietnameseText.Normalize(t).TrimStart().StartsWith("KẾ HOẠCH", StringComparison.Ordinal)) && top.Any(t => PlanNumber().IsMatch(t));
    }

    private static Actor Actor(TurnContext turn) => new(turn.User.PersonId, turn.User.DisplayName);

    [GeneratedRegex(@"\d+\s*-\s*KH/", RegexOptions.CultureInvariant)]
    private static partial Regex PlanNumber();

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft for report {ReportId} split: {Paragraphs} paragraphs, {Headings} heading candidates, {Sections} sections, {Aside} parts aside, in {Milliseconds} ms")]
    private partial void LogSplit(Guid? reportId, int paragraphs, int headings, int sections, int aside, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft import into report {ReportId} applied: {Filled} sections filled, {Unchanged} left as they were")]
    private partial void LogApplied(Guid reportId, int filled, int unchanged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft import into report {ReportId} not applied: {Changed} sections changed since the card was shown")]
    private partial void LogChangedMeanwhile(Guid reportId, int changed);
}
