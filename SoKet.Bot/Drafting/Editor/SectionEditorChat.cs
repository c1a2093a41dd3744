using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>
/// The section editor in the chat: the press of «Mở trình soạn thảo» (a message in the web chat, a task/fetch invoke
/// in Teams) issues a link bound to the presser, their conversation and the section; the text comes back as a Teams
/// task/submit, or — from the web chat page — as an invoke the server builds itself (<see cref="SaveInvoke"/>). Every
/// save runs as a turn: the version check of <see cref="ReportService.SaveSection"/>, the chat's section card and the
/// store written in one piece.
/// </summary>
public sealed class SectionEditorChat(
    OwnedIds ids, ReportService reports, EditorLinks links, EditorAddress address, DraftingFlow flow, SoKetDbContext db, TimeProvider clock)
{
    public const string Open = "report.openEditor";
    public const string Fetch = "editor.fetch";
    public const string Submit = "editor.submit";
    public const string SavePage = "editor.save";

    /// <summary>The invoke the editor's HTTP API hands the turn pipeline for a web chat save (web chat browsers cannot post invokes).</summary>
    public const string SaveInvoke = "soket/editor.save";

    /// <summary>The channelData field of the web chat reply that the chat page reads to open the editor beside the chat.</summary>
    public const string OpenSignal = "soketEditor";

    /// <summary>Web chat (and any channel that posts the button as a message): a link, and the signal that opens the page.</summary>
    public async Task OpenAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(turn, turn.Input.GuidField("reportId"), turn.Input.GuidField("sectionId"), cancellationToken) is not { } target)
            return;
        var token = Issue(turn, target);
        var url = turn.Activity.ChannelId == ChannelIds.WebChat ? address.ForWebChat(token) : address.ForTeams(token);
        var reply = turn.Activity.CreateReply(EditorTexts.Opened(target.Entry));
        reply.Attachments = [Attachment.AdaptiveCard(OpenCard(url))];
        reply.ChannelData = new JsonObject { [OpenSignal] = new JsonObject { ["url"] = url, ["title"] = target.Entry.Title } };
        turn.Send(reply);
    }

    /// <summary>Teams: task/fetch from the section card's button; the answer is the dialog showing the page.</summary>
    public async Task FetchAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var data = turn.Input.Data["data"] as JsonObject ?? [];
        if (Field(data, "action") != Open)
        {
            turn.InvokeResponse = TaskMessage(EditorTexts.UnknownTask);
            return;
        }
        if (await ResolveAsync(turn, Guid(data, "reportId"), Guid(data, "sectionId"), cancellationToken) is not { } target)
            return;
        turn.InvokeResponse = TaskPage(target.Entry.Title, address.ForTeams(Issue(turn, target)));
    }

    /// <summary>
    /// Teams: task/submit from the page (microsoftTeams.dialog.url.submit of {token, text, version}). Saved: the dialog
    /// closes with a note and the chat gets the section's card; a conflict reopens the page showing both texts.
    /// </summary>
    public async Task SubmitAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var data = turn.Input.Data["data"] as JsonObject ?? [];
        var ticket = links.Read(Field(data, "token"));
        if (ticket is null || !IsPresser(turn, ticket))
        {
            turn.InvokeResponse = TaskMessage(EditorTexts.LinkRefused);
            return;
        }
        if (await ResolveAsync(turn, ticket.ReportId, ticket.SectionId, cancellationToken) is not { } target)
            return;
        var outcome = await SaveAsync(turn, target, Field(data, "text") ?? "", Int(data, "version"), cancellationToken);
        turn.InvokeResponse = outcome.Kind switch
        {
            SaveResultKind.Conflict => TaskPage(target.Entry.Title, address.ForTeams(links.Renew(ticket), conflict: true)),
            _ => TaskMessage(outcome.Message),
        };
    }

    /// <summary>The web chat page's «Lưu vào báo cáo», handed over by the editor's API; the answer goes back to the page.</summary>
    public async Task SavePageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var data = turn.Input.Data;
        var ticket = links.Read(Field(data, "token"));
        // The API checked the link and the browser's session already; checked again because the turn trusts nothing.
        if (ticket is null || !IsPresser(turn, ticket))
        {
            turn.InvokeResponse = InvokeResponse.Raw(PageAnswer("refused", EditorTexts.LinkRefused));
            return;
        }
        if (await ResolveAsync(turn, ticket.ReportId, ticket.SectionId, cancellationToken, answer: false) is not { } target)
        {
            turn.InvokeResponse = InvokeResponse.Raw(PageAnswer("refused", EditorTexts.LinkRefused));
            return;
        }
        var outcome = await SaveAsync(turn, target, Field(data, "text") ?? "", Int(data, "version"), cancellationToken);
        // Web Chat holds back a reply to an activity it has not seen (this invoke) for seconds: these replies stand alone.
        foreach (var reply in turn.Outgoing)
            reply.ReplyToId = null;
        var answer = PageAnswer(outcome.Kind switch
        {
            SaveResultKind.Saved => "saved",
            SaveResultKind.Unchanged => "unchanged",
            SaveResultKind.Conflict => "conflict",
            SaveResultKind.ReadOnly => "readOnly",
            SaveResultKind.TooLong => "tooLong",
            _ => "refused",
        }, outcome.Message);
        answer["version"] = outcome.Current?.Version ?? 0;
        answer["current"] = EditorEndpoints.Describe(outcome.Current);
        turn.InvokeResponse = InvokeResponse.Raw(answer);
    }

    private sealed record Target(ReportView View, OutlineEntry Entry, Guid PersonId);

    private sealed record Outcome(SaveResultKind Kind, string Message, SectionDraft? Current);

    /// <summary>
    /// One save from the editor: refused above the section's length, checked against the version the page started from,
    /// and on a conflict the user's text is kept as their editor draft (and in the audit trail) — never lost, never
    /// written over the colleague's.
    /// </summary>
    private async Task<Outcome> SaveAsync(TurnContext turn, Target target, string text, int version, CancellationToken cancellationToken)
    {
        // The length is checked by SaveSection on the text as the report stores it (NFC), not on what the page sent.
        var result = reports.SaveSection(target.View, target.Entry.Id, version, text, DraftSource.Typed, new Actor(turn.User.PersonId, turn.User.DisplayName));
        var draft = await db.EditorDrafts.FirstOrDefaultAsync(
            d => d.ReportId == target.View.Report.Id && d.SectionId == target.Entry.Id && d.PersonId == target.PersonId, cancellationToken);
        switch (result.Kind)
        {
            case SaveResultKind.Saved or SaveResultKind.Unchanged:
                if (draft is not null)
                {
                    draft.Text = null;
                    draft.BasedOnVersion = result.Current!.Version;
                    draft.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
                    draft.Revision++;
                }
                var saved = result.Kind == SaveResultKind.Saved;
                var message = saved ? EditorTexts.Saved(target.Entry) : EditorTexts.Unchanged(target.Entry);
                await flow.ShowSectionAsync(turn, target.View, target.Entry.Id, message, saved ? result.Current!.Version : null, cancellationToken);
                return new Outcome(result.Kind, message, result.Current);
            case SaveResultKind.Conflict:
                if (draft is null)
                {
                    draft = new EditorDraft { Id = System.Guid.NewGuid(), ReportId = target.View.Report.Id, SectionId = target.Entry.Id, PersonId = target.PersonId };
                    db.EditorDrafts.Add(draft);
                }
                else
                {
                    draft.Revision++;
                }
                draft.Text = ReportService.NormalizeDraft(text);
                draft.BasedOnVersion = version;
                draft.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
                return new Outcome(result.Kind, EditorTexts.Conflict(target.Entry, result.Current), result.Current);
            case SaveResultKind.ReadOnly:
                return new Outcome(result.Kind, DraftingTexts.ReadOnly, result.Current);
            case SaveResultKind.TooLong:
                return new Outcome(result.Kind, EditorTexts.TooLongText(), result.Current);
            default:
                return new Outcome(result.Kind, EditorTexts.NotYours, result.Current);
        }
    }

    /// <summary>The report and section named by card data or a link, through the caller's own scope; refused in the channel's shape otherwise.</summary>
    private async Task<Target?> ResolveAsync(TurnContext turn, Guid? reportId, Guid? sectionId, CancellationToken cancellationToken, bool answer = true)
    {
        string? refusal = null;
        Target? target = null;
        if (turn.Scope != Scopes.Personal)
            refusal = EditorTexts.PersonalOnly;
        else if (turn.User.PersonId is not { } personId
            || await ids.DraftableReportAsync(turn, reportId, cancellationToken) is not { } view
            || OwnedIds.Section(view, sectionId) is not { } entry)
            refusal = EditorTexts.NotYours;
        else if (entry.IsIndicatorTable)
            refusal = EditorTexts.IndicatorTable;
        else if (view.IsSubmitted)
            refusal = DraftingTexts.ReadOnly;
        else
            target = new Target(view, entry, personId);
        if (refusal is not null && answer)
        {
            if (turn.Input.InvokeName is "task/fetch" or "task/submit")
                turn.InvokeResponse = TaskMessage(refusal);
            else
                turn.Answer(refusal);
        }
        return target;
    }

    private string Issue(TurnContext turn, Target target) =>
        links.Issue(turn.Activity.ChannelId ?? "", turn.Activity.From?.Id ?? "", target.PersonId, turn.Activity.Conversation?.Id ?? "",
            target.View.Report.Id, target.Entry.Id);

    /// <summary>A link works only in a turn of the person who pressed the button, in the conversation they pressed it in.</summary>
    private static bool IsPresser(TurnContext turn, EditorTicket ticket) =>
        ticket.ChannelId == turn.Activity.ChannelId && ticket.ChannelUserId == turn.Activity.From?.Id
        && ticket.ConversationId == turn.Activity.Conversation?.Id && ticket.PersonId == turn.User.PersonId;

    /// <summary>The reply's card in the web chat: the same page, for a browser that did not open it beside the chat.</summary>
    internal static JsonObject OpenCard(string url) => new()
    {
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(new JsonObject
        {
            ["type"] = "TextBlock", ["wrap"] = true, ["isSubtle"] = true,
            ["text"] = "Trình soạn thảo tự lưu nháp vài giây một lần; nội dung chỉ vào báo cáo khi đồng chí bấm «Lưu vào báo cáo».",
        }),
        ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = EditorTexts.ButtonTitle, ["url"] = url }),
    };

    // Task module responses: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/task-modules/task-modules-bots
    private static InvokeResponse TaskPage(string title, string url) => InvokeResponse.Raw(new JsonObject
    {
        ["task"] = new JsonObject
        {
            ["type"] = "continue",
            ["value"] = new JsonObject
            {
                ["title"] = ReportText.Shorten(title, 120), ["height"] = "large", ["width"] = "large", ["url"] = url, ["fallbackUrl"] = url,
            },
        },
    });

    private static InvokeResponse TaskMessage(string text) =>
        InvokeResponse.Raw(new JsonObject { ["task"] = new JsonObject { ["type"] = "message", ["value"] = text } });

    private static JsonObject PageAnswer(string outcome, string message) => new() { ["outcome"] = outcome, ["message"] = message };

    private static string? Field(JsonObject data, string name) => data[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static Guid? Guid(JsonObject data, string name) => System.Guid.TryParse(Field(data, name), out var id) ? id : null;

    private static int Int(JsonObject data, string name) => data[name] is JsonValue v
        ? v.TryGetValue<int>(out var n) ? n : int.TryParse(Field(data, name), System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0
        : 0;
}
