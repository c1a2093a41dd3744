using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Security;
using SoKet.Bot.Text;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>
/// The section editor's page and its API. Every request carries the link (header X-SoKet-Editor, or ?t= for the page)
/// and must come from the person it was issued to: in the web chat, the browser's own session
/// (<see cref="IWebChatIdentity"/>: the signed-in person, the local operator in local mode); in a Teams dialog, which
/// has no SoKet session, the page that first opened the link (it was handed a key then). The report and section are
/// resolved through <see cref="OwnedIds"/> for that person on every request. Anything else is 403 with a Vietnamese
/// message and changes nothing.
/// </summary>
/// <remarks>
/// This feature reads the web chat's identity interface from Channels: the page must be bound to the very session the
/// chat runs on, and nothing in Turns describes a browser session.
/// </remarks>
public static class EditorEndpoints
{
    public const string TokenHeader = "X-SoKet-Editor";
    public const string KeyHeader = "X-SoKet-Editor-Key";

    /// <summary>A request body above this is refused unread: 20,000 characters of Vietnamese in JSON stay well below it.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSectionEditor(this IEndpointRouteBuilder app)
    {
        app.MapGet(EditorAddress.PagePath, PageAsync);
        var api = app.MapGroup("/api/editor").DisableAntiforgery();
        api.MapGet("/section", SectionAsync);
        api.MapPut("/draft", DraftAsync);
        api.MapPost("/save", SaveAsync);
        return app;
    }

    /// <summary>The page shell (no report data in it): only for a valid link in the session it was issued to.</summary>
    private static async Task<IResult> PageAsync(HttpContext http, EditorRequests requests, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var context = await requests.AuthorizeAsync(http, http.Request.Query["t"], TeamsKey.NotNeeded, ct);
        var teams = http.Request.Query["host"] == "teams";
        if (context is null || (context.Ticket.ChannelId == ChannelIds.Teams) != teams)
            return Results.Content(EditorPage.Refused(EditorTexts.LinkRefused), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status403Forbidden);
        return Results.Content(EditorPage.Shell(teams), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The section, the unit's current text and version, and this person's unsaved draft if any.</summary>
    private static async Task<IResult> SectionAsync(
        HttpContext http, EditorRequests requests, EditorStorageKeys storageKeys, IOptions<EditorOptions> options, CancellationToken ct)
    {
        if (await requests.AuthorizeAsync(http, Token(http), TeamsKey.Claim, ct) is not { } context)
            return Refused();
        var (view, entry) = (context.View, context.Entry);
        var current = view.DraftOf(entry.Id);
        var pending = context.Draft is { Text: not null } d ? d : null;
        var body = new JsonObject
        {
            ["token"] = context.RenewedToken,
            ["key"] = context.NewKey,
            ["teams"] = context.Ticket.ChannelId == ChannelIds.Teams,
            ["header"] = ReportText.Header(view),
            ["title"] = entry.Title,
            ["guidance"] = entry.Section.Guidance ?? "",
            ["reportId"] = view.Report.Id.ToString(),
            ["sectionId"] = entry.Id.ToString(),
            // The page keeps its unsaved copy under this name: one person's, never shown to another on a shared computer.
            ["storageKey"] = await storageKeys.ForAsync(context.Ticket.PersonId, view.Report.Id, entry.Id, ct),
            ["current"] = Describe(current),
            ["draft"] = pending is null ? null : new JsonObject
            {
                ["text"] = pending.Text,
                ["basedOnVersion"] = pending.BasedOnVersion,
                ["savedAt"] = Clock(pending.UpdatedAtUtc),
            },
            ["readOnly"] = view.IsSubmitted,
            ["maxLength"] = DraftingCards.MaxSectionChars,
            ["autosaveMs"] = (int)options.Value.AutosaveInterval.TotalMilliseconds,
            // How often an open page asks for a renewed link while nothing is typed: well inside the link's lifetime.
            ["renewMs"] = (int)(options.Value.LinkLifetime.TotalMilliseconds / 4),
        };
        return Results.Json(body);
    }

    /// <summary>Autosave: the person's unsaved text, kept on the server (never in the report).</summary>
    private static async Task<IResult> DraftAsync(HttpContext http, EditorRequests requests, SoKetDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
            return TooLarge();
        if (await requests.AuthorizeAsync(http, Token(http), TeamsKey.Required, ct) is not { } context)
            return Refused();
        if (await ReadAsync(http, ct) is not { } posted)
            return BadRequest();
        if (String(posted["text"]) is not { } text)
            return TextNotString();
        // Measured as the report would store it (NFC): decomposed Vietnamese that fits the section is kept.
        if (ReportService.NormalizeDraft(text).Length > DraftingCards.MaxSectionChars)
            return Results.Json(Error("TooLong", EditorTexts.TooLongText()), statusCode: StatusCodes.Status400BadRequest);
        if (context.View.IsSubmitted)
            return Results.Json(Error("ReadOnly", DraftingTexts.ReadOnly), statusCode: StatusCodes.Status409Conflict);

        var draft = context.Draft ?? requests.NewDraft(context);
        draft.Text = text;
        draft.BasedOnVersion = Int(posted["basedOnVersion"]);
        draft.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        draft.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs of the same person saved at once: the other one's text is stored; this one is sent again by its page.
            return Results.Json(Error("Busy", "Bản nháp đang được lưu từ một cửa sổ khác; trình soạn thảo sẽ lưu lại ngay sau đây."), statusCode: StatusCodes.Status409Conflict);
        }
        return Results.Json(new JsonObject { ["savedAt"] = Clock(draft.UpdatedAtUtc), ["token"] = context.RenewedToken });
    }

    /// <summary>
    /// «Lưu vào báo cáo» from the web chat page: run as a turn of the person's own web chat conversation, so the save,
    /// its version check, the chat's new section card and the flow's state are stored together (and a conflict with a
    /// concurrent turn runs it again). The request id makes a retried request answer instead of saving twice.
    /// </summary>
    private static async Task<IResult> SaveAsync(
        HttpContext http, EditorRequests requests, IServiceScopeFactory scopes, UserRateLimiter limits, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
            return TooLarge();
        if (await requests.AuthorizeAsync(http, Token(http), TeamsKey.Required, ct) is not { } context)
            return Refused();
        if (context.Ticket.ChannelId != ChannelIds.WebChat)
            return Results.Json(Error("UseDialog", EditorTexts.TeamsSavesBySubmit), statusCode: StatusCodes.Status409Conflict);
        if (await ReadAsync(http, ct) is not { } posted || !Guid.TryParse(String(posted["requestId"]), out var requestId))
            return BadRequest();
        if (String(posted["text"]) is not { } text)
            return TextNotString();
        if (limits.TryTurn(UserRateLimiter.Key(ChannelIds.WebChat, context.Ticket.ChannelUserId)) is { } held)
            return RateLimitAnswers.Result(held.RetryAfter);

        var ticket = context.Ticket;
        var activity = new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = SectionEditorChat.SaveInvoke,
            Id = $"editor-{requestId:N}",
            ChannelId = ChannelIds.WebChat,
            ServiceUrl = WebChatPersonIds.BuiltInServiceUrl,
            Conversation = new ConversationAccount { Id = ticket.ConversationId, ConversationType = "personal" },
            From = new ChannelAccount { Id = ticket.ChannelUserId, Role = "user" },
            Recipient = new ChannelAccount { Id = "soket-bot", Role = "bot" },
            Timestamp = DateTimeOffset.UtcNow,
            Value = new JsonObject
            {
                ["token"] = context.RenewedToken,
                ["text"] = text,
                ["version"] = Int(posted["version"]),
            },
        };
        // A scope of its own: the turn loads the report fresh, not the instance this request checked.
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<TurnProcessor>().ProcessAsync(activity, null, ct);
        JsonObject answer = result.Outcome switch
        {
            TurnOutcome.Duplicate => new JsonObject { ["outcome"] = "duplicate", ["message"] = "Yêu cầu lưu này đã được xử lý." },
            _ when result.InvokeResponse?.Body is JsonObject body => body,
            _ => new JsonObject { ["outcome"] = "failed", ["message"] = result.InvokeResponse?.Value?.ToString() ?? "Chưa lưu được; đồng chí thử lại." },
        };
        answer["token"] = context.RenewedToken;
        return Results.Json(answer, statusCode: result.Outcome == TurnOutcome.Failed ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
    }

    private static string? Token(HttpContext http) => http.Request.Headers[TokenHeader];

    internal static JsonObject? Describe(SectionDraft? draft) => draft is null ? null : new JsonObject
    {
        ["text"] = draft.Text,
        ["version"] = draft.Version,
        ["by"] = draft.UpdatedByName,
        ["at"] = VietnamTime.Format(draft.UpdatedAtUtc),
    };

    /// <summary>The browser's web chat session (the signed-in person; the local operator in local mode) is the link's user.</summary>
    internal static async Task<bool> IsBrowserOfAsync(HttpContext http, IWebChatIdentity identity, EditorTicket ticket, CancellationToken ct)
    {
        var (session, _) = await identity.IdentifyAsync(http, ct);
        return session is not null && string.Equals(session.UserId, ticket.ChannelUserId, StringComparison.Ordinal);
    }

    internal static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Clock(DateTime utc) => VietnamTime.Local(utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The body as a JSON object whose every string and name is text (<see cref="JsonText"/>): a lone surrogate or a name
    /// given twice would otherwise throw when a field is read, after the request was authorised, as a 500.
    /// </summary>
    private static async Task<JsonObject?> ReadAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var buffer = new char[MaxBodyBytes + 1];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
            return read <= MaxBodyBytes && JsonNode.Parse(buffer.AsSpan(0, read).ToString()) is JsonObject body && JsonText.Check(body) == JsonTextProblem.None
                ? body
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>A JSON string of well-formed text; null for anything else (absent, a number, an object, a lone surrogate).</summary>
    private static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && JsonText.Check(v) == JsonTextProblem.None
            ? v.GetValue<string>()
            : null;

    private static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static IResult Refused() => Results.Json(Error("Forbidden", EditorTexts.LinkRefused), statusCode: StatusCodes.Status403Forbidden);

    private static IResult BadRequest() => Results.Json(Error("BadRequest", EditorTexts.BadRequest), statusCode: StatusCodes.Status400BadRequest);

    private static IResult TextNotString() => Results.Json(Error("BadText", EditorTexts.TextNotString), statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge() => Results.Json(Error("TooLarge", EditorTexts.TooLongText()), statusCode: StatusCodes.Status413PayloadTooLarge);
}
