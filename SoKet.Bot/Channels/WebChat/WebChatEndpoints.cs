using SoKet.Bot.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using HeaderUtilities = Microsoft.Net.Http.Headers.HeaderUtilities;
using MediaTypeHeaderValue = Microsoft.Net.Http.Headers.MediaTypeHeaderValue;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol;
using SoKet.Bot.Security;
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
        string conversationId, HttpContext http, WebChatTokens tokens, WebChatStore store, TurnProcessor processor, UserRateLimiter limits,
        IOptions<WebChatOptions> options, IOptions<ChannelOptions> channelOptions, CancellationToken ct)
    {
        var token = await tokens.ValidateAsync(http.Request.Headers.Authorization, ct);
        if (token is null || token.ConversationId != conversationId)
            return ChannelErrors.Unauthorized();

        var maxBytes = channelOptions.Value.MaxActivityBytes;
        var (status, posted) = await RequestBody.ReadActivityAsync(http.Request, maxBytes, ct);
        if (status != BodyStatus.Ok)
            return RequestBody.Refusal(status, maxBytes);
        // Checked before anything is stored: a refused activity leaves no echo and no processed id.
        if (ActivityValidation.CheckWebChatActivity(posted!) is { } problem)
            return ChannelErrors.InvalidActivity(problem);
        if (await ThrottleAsync(limits.TryTurn(UserRateLimiter.Key(ChannelIds.WebChat, token.UserId)), conversationId, token.UserId, limits, store, ct) is { } held)
            return held;

        return await AcceptAsync(conversationId, token.UserId, posted!, null, store, processor, options.Value, ct);
    }

    /// <summary>
    /// Direct Line's upload: a multipart form with the message template in part "activity" and one part "file" per
    /// attachment (what DirectLineJS sends for Web Chat's paperclip button). Read as a stream, part by part: the
    /// activity part is held to Channels:MaxActivityBytes, each file to Channels:MaxUploadFileBytes (a larger one is
    /// counted, not kept, so the bot can say why it was refused), the request to their sum, the user to a daily quota.
    /// Nothing is stored unless the whole request is accepted.
    /// </summary>
    private static async Task<IResult> UploadAsync(
        string conversationId, HttpContext http, WebChatTokens tokens, WebChatStore store, WebChatFiles files, TurnProcessor processor,
        UserRateLimiter limits, TimeProvider clock, IOptions<WebChatOptions> options, IOptions<ChannelOptions> channelOptions, CancellationToken ct)
    {
        var token = await tokens.ValidateAsync(http.Request.Headers.Authorization, ct);
        if (token is null || token.ConversationId != conversationId)
            return ChannelErrors.Unauthorized();
        var limitsOf = channelOptions.Value;
        var userKey = UserRateLimiter.Key(ChannelIds.WebChat, token.UserId);
        if (await ThrottleAsync(limits.TryUpload(userKey) ?? limits.TryTurn(userKey), conversationId, token.UserId, limits, store, ct) is { } held)
            return held;

        var maxRequest = limitsOf.MaxUploadRequestBytes;
        if (http.Request.ContentLength > maxRequest)
            return ChannelErrors.TooLarge((int)Math.Min(int.MaxValue, maxRequest));
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = maxRequest;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return ChannelErrors.Error(StatusCodes.Status400BadRequest, "BadRequest", "Yêu cầu tải tệp phải ở dạng multipart/form-data.");
        }

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var used = await files.UploadedBytesSinceAsync(token.UserId, since, ct);
        if (used >= limitsOf.UploadQuotaBytesPerDay)
            return await QuotaExceededAsync(conversationId, token.UserId, limitsOf, limits, store, ct);

        Activity? posted = null;
        var received = new List<(string Name, string? ContentType, byte[]? Content, long Size)>();
        long kept = 0;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
                var fileName = HeaderUtilities.RemoveQuotes(disposition?.FileNameStar.HasValue == true ? disposition.FileNameStar : disposition?.FileName ?? default).Value;
                if (name == "activity")
                {
                    if (posted is not null)
                        return ChannelErrors.Error(StatusCodes.Status400BadRequest, "BadRequest", "Yêu cầu tải tệp có nhiều hơn một phần «activity».");
                    var (status, activity) = await RequestBody.ReadActivityAsync(section.Body, null, limitsOf.MaxActivityBytes, ct);
                    if (status != BodyStatus.Ok)
                        return RequestBody.Refusal(status, limitsOf.MaxActivityBytes);
                    posted = activity;
                }
                else if (fileName is not null)
                {
                    if (received.Count == limitsOf.MaxUploadFilesPerRequest)
                        return ChannelErrors.Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"Mỗi lần chỉ gửi được tối đa {limitsOf.MaxUploadFilesPerRequest} tệp.");
                    var (content, size) = await ReadPartAsync(section.Body, limitsOf.MaxUploadFileBytes, ct);
                    kept += content?.LongLength ?? 0;
                    if (used + kept > limitsOf.UploadQuotaBytesPerDay)
                        return await QuotaExceededAsync(conversationId, token.UserId, limitsOf, limits, store, ct);
                    received.Add((fileName, section.ContentType, content, size));
                }
                else
                {
                    // Another form field: read past it (bounded by the request limit), keep nothing.
                    await ReadPartAsync(section.Body, 0, ct);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ChannelErrors.TooLarge((int)Math.Min(int.MaxValue, maxRequest));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ChannelErrors.Error(StatusCodes.Status400BadRequest, "BadRequest", "Không đọc được tệp tải lên.");
        }

        if (received.Count == 0)
            return ChannelErrors.Error(StatusCodes.Status400BadRequest, "BadRequest", "Không có tệp nào được tải lên.");
        posted ??= new Activity { Type = ActivityTypes.Message };
        if (ActivityValidation.CheckWebChatActivity(posted) is { } problem)
            return ChannelErrors.InvalidActivity(problem);

        var attachments = new List<Attachment>();
        foreach (var (name, contentType, content, size) in received)
        {
            // Staged: saved with the user's echo, in one transaction, by AcceptAsync.
            var stored = files.Stage(conversationId, token.UserId, StoredFileKind.Upload, name, contentType, content, size);
            attachments.Add(await files.ToAttachmentAsync(stored, ct));
        }
        return await AcceptAsync(conversationId, token.UserId, posted, attachments, store, processor, options.Value, ct);
    }

    /// <summary>A part's bytes up to <paramref name="max"/>; beyond it the rest is counted, not kept (content null).</summary>
    private static async Task<(byte[]? Content, long Size)> ReadPartAsync(Stream body, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            size += read;
            if (size <= max)
                buffer.Write(chunk, 0, read);
        }
        return (size <= max ? buffer.ToArray() : null, size);
    }

    private static async Task<IResult> QuotaExceededAsync(
        string conversationId, string userId, ChannelOptions limitsOf, UserRateLimiter limits, WebChatStore store, CancellationToken ct)
    {
        var quota = limitsOf.UploadQuotaBytesPerDay;
        var size = FileSizes.Format(quota);
        var text = $"Đồng chí đã tải lên tới giới hạn {size} trong 24 giờ. Vui lòng chờ rồi gửi lại, hoặc liên hệ văn phòng cấp ủy.";
        if (limits.ShouldNotify(UserRateLimiter.Key(ChannelIds.WebChat, userId) + "|quota"))
            await store.AppendBotMessageAsync(conversationId, userId, text, ct);
        return ChannelErrors.Error(StatusCodes.Status429TooManyRequests, "UploadQuotaExceeded", text);
    }

    /// <summary>A held-back user gets 429 with Retry-After, and once per interval a message in the chat saying to wait.</summary>
    private static async Task<IResult?> ThrottleAsync(
        UserRateLimiter.Refusal? refusal, string conversationId, string userId, UserRateLimiter limits, WebChatStore store, CancellationToken ct)
    {
        if (refusal is null)
            return null;
        if (limits.ShouldNotify(UserRateLimiter.Key(ChannelIds.WebChat, userId)))
            await store.AppendBotMessageAsync(conversationId, userId, refusal.Text, ct);
        return RateLimitAnswers.Result(refusal.RetryAfter);
    }

    private static async Task<IResult> DownloadAsync(
        string fileId, string? exp, string? sig, HttpContext http, IWebChatIdentity identity, WebChatFiles files, CancellationToken ct)
    {
        // exp is read here, not bound as a number: a binding failure would answer an empty 400 before this handler,
        // where a link with a mangled expiry gets the same answer as any other bad link.
        long? expires = long.TryParse(exp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var file = expires is null ? null : await files.FindAsync(fileId, ct);
        // The browser's signed-in web chat user (the local operator in local mode): a link works only for them.
        var (session, _) = await identity.IdentifyAsync(http, ct);
        var browserUser = session?.UserId;
        // One answer for a forged, expired, unknown or someone else's link: the caller learns nothing about which.
        if (file is null || !await files.MayDownloadAsync(file, expires!.Value, sig, browserUser, ct))
            return ChannelErrors.Error(StatusCodes.Status403Forbidden, "LinkExpired", "Đường dẫn tải tệp không hợp lệ, đã hết hạn hoặc không dành cho đồng chí. Đồng chí vui lòng yêu cầu xuất lại tệp.");
        if (file.Content is null)
            return ChannelErrors.Error(StatusCodes.Status404NotFound, "NotFound", "Không tìm thấy tệp.");
        http.Response.Headers.ContentSecurityPolicy = Security.SecurityHeadersMiddleware.DownloadPolicy;
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(file.Content, WebChatFiles.DownloadContentType(file.Name), file.Name);
    }

    private static async Task<IResult> AcceptAsync(
        string conversationId, string userId, Activity posted, List<Attachment>? uploaded, WebChatStore store, TurnProcessor processor,
        WebChatOptions options, CancellationToken ct)
    {
        var clientActivityId = ActivityValidation.ClientActivityId(posted);
        if (clientActivityId is not null && await store.FindByClientActivityIdAsync(conversationId, clientActivityId, ct) is { } already)
            return Results.Json(new JsonObject { ["id"] = already.ActivityId });

        // The server decides who is speaking and where; the client only supplies content (checked by ActivityValidation).
        var activity = NewInbound(conversationId, userId, options);
        activity.Type = ActivityTypes.Message;
        activity.Text = posted.Text;
        activity.TextFormat = posted.TextFormat is "plain" or "markdown" or "xml" ? posted.TextFormat : null;
        activity.Value = posted.Value;
        activity.Attachments = uploaded;
        activity.Entities = posted.Entities;
        activity.ChannelData = clientActivityId is null ? null : new JsonObject { ["clientActivityID"] = clientActivityId };
        activity.Locale = ActivityValidation.Locale(posted.Locale);
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
