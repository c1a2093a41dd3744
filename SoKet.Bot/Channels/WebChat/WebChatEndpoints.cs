using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Channels.WebChat;

/// <summary>
/// The subset of Direct Line 3.0 that Microsoft Web Chat uses with webSocket:false
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-api-reference),
/// served under /v3/directline so the page passes that as createDirectLine's `domain`.
/// User messages run through the same TurnProcessor as Teams.
/// </summary>
public static class WebChatEndpoints
{
    public const string CorsPolicy = "webchat";

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<WebChatOptions>>().Value;
        if (!options.Enabled)
            return app;

        app.MapGet("/api/webchat/token", IssueUserTokenAsync);

        var directLine = app.MapGroup("/v3/directline").RequireCors(CorsPolicy).DisableAntiforgery();
        directLine.MapPost("/conversations", StartConversationAsync);
        directLine.MapPost("/tokens/refresh", RefreshTokenAsync);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        directLine.MapPost("/conversations/{conversationId}/upload", UploadAsync);
        app.MapGet(WebChatFiles.DownloadPath + "{fileId}/{name}", DownloadAsync);
        return app;
    }

    /// <summary>
    /// The page's first call: who this browser's user is (<see cref="IWebChatIdentity"/>: the local operator in local
    /// mode, else the signed-in person) and a token for them. Nobody signed in: 401 and where to sign in.
    /// </summary>
    private static async Task<IResult> IssueUserTokenAsync(HttpContext http, WebChatTokens tokens, IWebChatIdentity identity, IOptions<WebChatOptions> options, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var (session, refusal) = await identity.IdentifyAsync(http, ct);
        if (session is null)
            return Results.Json(new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = "SignInRequired", ["message"] = refusal!.Message },
                ["signInUrl"] = refusal.SignInUrl,
            }, statusCode: refusal.Status);
        var token = await tokens.IssueAsync(session.UserId, null, ct);
        return Results.Json(new JsonObject
        {
            ["token"] = token,
            ["userId"] = session.UserId,
            ["userName"] = session.DisplayName,
            ["expires_in"] = (int)options.Value.TokenLifetime.TotalSeconds,
            ["pollingInterval"] = options.Value.PollingIntervalMs,
            ["botName"] = options.Value.BotName,
            ["page"] = session.Page,
        });
    }

    private static async Task<IResult> StartConversationAsync(
        HttpContext http, WebChatTokens tokens, WebChatStore store, TurnProcessor processor, IOptions<WebChatOptions> options, CancellationToken ct)
    {
        var token = await tokens.ValidateAsync(http.Request.Headers.Authorization, ct);
        if (token is null)
            return ChannelErrors.Unauthorized();

        var conversation = token.ConversationId is { } existing
            ? await store.FindConversationAsync(existing, ct)
            : await store.CreateConversationAsync(token.UserId, ct);
        if (conversation is null || conversation.UserId != token.UserId)
            return ChannelErrors.Unauthorized();

        if (token.ConversationId is null)
        {
            // Like Direct Line, tell the bot the user joined: it captures the reference and greets.
            var joined = NewInbound(conversation.Id, token.UserId, options.Value);
            joined.Type = ActivityTypes.ConversationUpdate;
            joined.Id = $"{conversation.Id}|joined";
            joined.MembersAdded = [new ChannelAccount { Id = token.UserId }];
            await processor.ProcessAsync(joined, null, ct);
        }

        var conversationToken = await tokens.IssueAsync(token.UserId, conversation.Id, ct);
        return Results.Json(new JsonObject
        {
            ["conversationId"] = conversation.Id,
            ["token"] = conversationToken,
            ["expires_in"] = (int)options.Value.TokenLifetime.TotalSeconds,
        }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RefreshTokenAsync(HttpContext http, WebChatTokens tokens, IOptions<WebChatOptions> options, CancellationToken ct)
    {
        var token = await tokens.ValidateAsync(http.Request.Headers.Authorization, ct);
        if (token is null)
            return ChannelErrors.Unauthorized();
        return Results.Json(new JsonObject
        {
            ["conversationId"] = token.ConversationId,
            ["token"] = await tokens.IssueAsync(token.UserId, token.ConversationId, ct),
            ["expires_in"] = (int)options.Value.TokenLifetime.TotalSeconds,
        });
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId, HttpContext http, WebChatTokens tokens, WebChatStore store, TurnProcessor processor,
        IOptions<WebChatOptions> options, IOptions<ChannelOptions> channelOptions, CancellationToken ct)
    {
        var token = await tokens.ValidateAsync(http.Request.Headers.Authorization, ct);
        if (token is null || token.ConversationId != conversationId)
            return ChannelErrors.Unauthorized();

        var maxBytes = channelOptions.Value.MaxActivityBytes;
        var (status, posted) = await RequestBody.ReadActivityAsync(http.Request, maxBytes, ct);
        switch (status)
        {
            case BodyStatus.TooLarge: return ChannelErrors.TooLarge(maxBytes);
            case BodyStatus.Empty: return ChannelErrors.EmptyBody();
            case BodyStatus.Malformed: return ChannelErrors.MalformedJson();
        }

        return await AcceptAsync(conversationId, token.UserId, posted!, null, store, processor, options.Value, ct);
    }

    /// <summary>
    /// Direct Line's upload: a multipart form with the message template in part "activity" and one
    /// part "file" per attachment (what DirectLineJS sends for Web Chat's paperclip button).
    /// </summary>
    private static async Task<IResult> UploadAsync(
        string conversationId, HttpContext http, WebChatTokens tokens, WebChatStore store, WebChatFiles files, TurnProcessor processor,
        IOptions<WebChatOptions> options, CancellationToken ct)
    {
        var token = await tokens.ValidateAsync(http.Request.Headers.Authorization, ct);
        if (token is null || token.ConversationId != conversationId)
            return ChannelErrors.Unauthorized();
        if (!http.Request.HasFormContentType)
            return ChannelErrors.Error(StatusCodes.Status400BadRequest, "BadRequest", "Yêu cầu tải tệp phải ở dạng multipart/form-data.");

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return ChannelErrors.Error(StatusCodes.Status400BadRequest, "BadRequest", "Không đọc được tệp tải lên.");
        }

        var posted = new Activity { Type = ActivityTypes.Message };
        if (form.Files.GetFile("activity") is { } template)
        {
            await using var stream = template.OpenReadStream();
            try
            {
                posted = await System.Text.Json.JsonSerializer.DeserializeAsync<Activity>(stream, ProtocolJson.Options, ct) ?? posted;
            }
            catch (System.Text.Json.JsonException)
            {
                return ChannelErrors.MalformedJson();
            }
        }

        var attachments = new List<Attachment>();
        foreach (var upload in form.Files.Where(f => f.Name != "activity"))
        {
            await using var content = upload.OpenReadStream();
            var stored = await files.SaveAsync(conversationId, upload.FileName, upload.ContentType, content, ct);
            attachments.Add(await files.ToAttachmentAsync(stored, ct));
        }
        if (attachments.Count == 0)
            return ChannelErrors.Error(StatusCodes.Status400BadRequest, "BadRequest", "Không có tệp nào được tải lên.");

        return await AcceptAsync(conversationId, token.UserId, posted, attachments, store, processor, options.Value, ct);
    }

    private static async Task<IResult> DownloadAsync(string fileId, long? exp, string? sig, WebChatTokens tokens, WebChatFiles files, CancellationToken ct)
    {
        if (exp is null || !await tokens.VerifyFileAsync(fileId, exp.Value, sig, ct))
            return ChannelErrors.Error(StatusCodes.Status403Forbidden, "LinkExpired", "Đường dẫn tải tệp không hợp lệ hoặc đã hết hạn. Đồng chí vui lòng yêu cầu xuất lại tệp.");
        var file = await files.FindAsync(fileId, ct);
        if (file?.Content is null)
            return ChannelErrors.Error(StatusCodes.Status404NotFound, "NotFound", "Không tìm thấy tệp.");
        return Results.File(file.Content, file.ContentType, file.Name);
    }

    private static async Task<IResult> AcceptAsync(
        string conversationId, string userId, Activity posted, List<Attachment>? uploaded, WebChatStore store, TurnProcessor processor,
        WebChatOptions options, CancellationToken ct)
    {
        var clientActivityId = posted.ChannelData?["clientActivityID"]?.GetValue<string>();
        if (clientActivityId is not null && await store.FindByClientActivityIdAsync(conversationId, clientActivityId, ct) is { } already)
            return Results.Json(new JsonObject { ["id"] = already.ActivityId });

        // The server decides who is speaking and where; the client only supplies content.
        var activity = NewInbound(conversationId, userId, options);
        activity.Type = posted.Type;
        activity.Text = posted.Text;
        activity.TextFormat = posted.TextFormat;
        activity.Value = posted.Value;
        activity.Name = posted.Name;
        activity.Attachments = uploaded ?? posted.Attachments?.Where(a => a.ContentType == Attachment.AdaptiveCardContentType).ToList();
        activity.Entities = posted.Entities;
        activity.ChannelData = posted.ChannelData;
        activity.Locale = posted.Locale ?? "vi-VN";
        activity.From!.Name = posted.From?.Name;

        // Echo first (Web Chat shows "send failed" until it sees its own activity), then handle.
        var id = await store.AppendAsync(activity, clientActivityId, ct);
        await processor.ProcessAsync(activity, null, ct);
        return Results.Json(new JsonObject { ["id"] = id });
    }

    private static async Task<IResult> GetActivitiesAsync(
        string conversationId, string? watermark, HttpContext http, WebChatTokens tokens, WebChatStore store, IOptions<WebChatOptions> options, CancellationToken ct)
    {
        var token = await tokens.ValidateAsync(http.Request.Headers.Authorization, ct);
        if (token is null || token.ConversationId != conversationId)
            return ChannelErrors.Unauthorized();
        _ = long.TryParse(watermark, out var after);
        var (activities, next) = await store.ReadAsync(conversationId, Math.Max(0, after), options.Value.MaxActivitiesPerPoll, ct);
        return Results.Json(new JsonObject
        {
            ["activities"] = new JsonArray([.. activities]),
            // Web Chat treats an empty watermark as "none"; a number as a string is always truthy.
            ["watermark"] = next.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private static Activity NewInbound(string conversationId, string userId, WebChatOptions options) => new()
    {
        ChannelId = ChannelIds.WebChat,
        ServiceUrl = WebChatChannel.ServiceUrl,
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal" },
        From = new ChannelAccount { Id = userId, Role = "user" },
        Recipient = new ChannelAccount { Id = WebChatChannel.BotId, Name = options.BotName, Role = "bot" },
        Timestamp = DateTimeOffset.UtcNow,
    };
}
