using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// A fake Bot Connector service (what Teams runs at a serviceUrl) on a real Kestrel socket at http://127.0.0.1:{port}.
/// Point an activity's <c>serviceUrl</c> at <see cref="ServiceUrl"/>; every request is recorded exactly as it arrived,
/// answered like the Connector does (ids included), or with a response the test scripted.
/// </summary>
/// <example>
/// <code>
/// await using var connector = await LoopbackConnector.StartAsync();
/// connector.RespondToNext(2, ScriptedResponse.TooManyRequests(TimeSpan.FromSeconds(1)));
/// // ... make the bot send something to connector.ServiceUrl ...
/// var reply = await connector.WaitForActivityAsync(r => r.Activity!.Text == "Xin chào", TimeSpan.FromSeconds(10));
/// </code>
/// </example>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Queue<ScriptedResponse> nextResponses = new();
    private readonly Dictionary<string, ScriptedResponse> conversationResponses = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnectorOperation, ScriptedResponse> operationResponses = [];
    private readonly Dictionary<string, string> personalConversations = new(StringComparer.Ordinal);
    private readonly List<(Func<RecordedRequest, bool> Predicate, TaskCompletionSource<RecordedRequest> Completion)> waiters = [];
    private long lastActivityId = 1_700_000_000_000;

    private LoopbackConnector(WebApplication app)
    {
        this.app = app;
        app.Run(HandleAsync);
    }

    /// <summary>Base URL to use as an activity's serviceUrl, with a trailing slash like Teams' (e.g. http://127.0.0.1:41234/).</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Starts the server on a free loopback port.</summary>
    private readonly Dictionary<string, JsonNode> members = new(StringComparer.Ordinal);

    /// <summary>Makes GET .../members/{userId} answer like Teams does, with the user's e-mail and UPN.</summary>
    public void AddMember(string userId, string name, string email, string? aadObjectId = null)
    {
        lock (gate)
        {
            members[userId] = new JsonObject
            {
                ["id"] = userId,
                ["name"] = name,
                ["aadObjectId"] = aadObjectId,
                ["email"] = email,
                ["userPrincipalName"] = email,
            };
        }
    }

    public static async Task<LoopbackConnector> StartAsync()
    {
        var connector = new LoopbackConnector(LoopbackHost.CreateBuilder().Build());
        await connector.app.StartAsync();
        connector.ServiceUrl = LoopbackHost.Address(connector.app) + "/";
        return connector;
    }

    /// <summary>The next <paramref name="count"/> requests (for conversations without their own script) get <paramref name="response"/>.</summary>
    public void RespondToNext(int count, ScriptedResponse response)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                nextResponses.Enqueue(response);
            }
        }
    }

    /// <summary>Every request addressed to <paramref name="conversationId"/> (decoded id) gets <paramref name="response"/>; <c>null</c> removes the script.</summary>
    public void RespondToConversation(string conversationId, ScriptedResponse? response)
    {
        lock (gate)
        {
            if (response is null)
            {
                conversationResponses.Remove(conversationId);
            }
            else
            {
                conversationResponses[conversationId] = response;
            }
        }
    }

    /// <summary>Every request of <paramref name="operation"/> (e.g. every UpdateActivity) gets <paramref name="response"/>; <c>null</c> removes the script.</summary>
    public void RespondToOperation(ConnectorOperation operation, ScriptedResponse? response)
    {
        lock (gate)
        {
            if (response is null)
            {
                operationResponses.Remove(operation);
            }
            else
            {
                operationResponses[operation] = response;
            }
        }
    }

    /// <summary>
    /// The first request carrying an activity (send, reply, update, or create with an initial activity) that matches
    /// <paramref name="predicate"/>, including ones already received. Throws <see cref="TimeoutException"/> listing what did arrive.
    /// </summary>
    public Task<RecordedRequest> WaitForActivityAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WaitForRequestAsync(r => r.Activity is not null && predicate(r), timeout);
    }

    /// <summary>The first request of any kind that matches <paramref name="predicate"/>, including ones already received.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var completion = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (predicate, completion);
        lock (gate)
        {
            var existing = requests.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            waiters.Add(waiter);
        }

        try
        {
            return await completion.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            var seen = string.Join(Environment.NewLine, Requests.Select(r => $"  {r}"));
            throw new TimeoutException($"No matching Connector request within {timeout}. Received:{Environment.NewLine}{(seen.Length == 0 ? "  (none)" : seen)}");
        }
        finally
        {
            lock (gate)
            {
                waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var (operation, conversationId, activityId) = ParseRoute(context.Request.Method, rawTarget);

        Activity? activity = null;
        ConversationParameters? parameters = null;
        var bodyIsValid = true;
        try
        {
            if (operation is ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity or ConnectorOperation.UpdateActivity)
            {
                activity = JsonSerializer.Deserialize<Activity>(body, ProtocolJson.Options);
            }
            else if (operation is ConnectorOperation.CreateConversation)
            {
                parameters = JsonSerializer.Deserialize<ConversationParameters>(body, ProtocolJson.Options);
                activity = parameters?.Activity;
            }
        }
        catch (JsonException)
        {
            bodyIsValid = false;
        }

        ScriptedResponse response;
        RecordedRequest recorded;
        lock (gate)
        {
            response = Script(conversationId) ?? operationResponses.GetValueOrDefault(operation) ?? Default(operation, conversationId, activityId, parameters, bodyIsValid);
            recorded = new RecordedRequest
            {
                Method = context.Request.Method,
                RawTarget = rawTarget,
                Operation = operation,
                ConversationId = conversationId,
                ActivityId = activityId,
                Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                Body = body,
                Activity = activity,
                Parameters = parameters,
                ResponseStatusCode = response.AbortConnection ? 0 : response.StatusCode,
                ResponseBody = response.AbortConnection ? null : response.Body,
                ReceivedAt = DateTimeOffset.UtcNow,
            };
            requests.Add(recorded);
            foreach (var (predicate, completion) in waiters)
            {
                try
                {
                    if (predicate(recorded))
                    {
                        completion.TrySetResult(recorded);
                    }
                }
                catch (Exception ex)
                {
                    completion.TrySetException(ex);
                }
            }
        }

        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up waiting
            }
        }

        if (response.AbortConnection)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.StatusCode;
        if (response.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = response.RetryAfter;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    // Called under the lock.
    private ScriptedResponse? Script(string? conversationId)
    {
        if (conversationId is not null && conversationResponses.TryGetValue(conversationId, out var forConversation))
        {
            return forConversation;
        }

        return nextResponses.TryDequeue(out var next) ? next : null;
    }

    // Called under the lock. Mirrors the Connector's success answers: {id} for activities,
    // {id, activityId, serviceUrl} for a created conversation, and the same 1:1 chat again for the same user.
    private ScriptedResponse Default(ConnectorOperation operation, string? conversationId, string? activityId, ConversationParameters? parameters, bool bodyIsValid)
    {
        if (!bodyIsValid)
        {
            return ScriptedResponse.Error(400, "BadArgument", "The request body is not valid JSON.");
        }

        switch (operation)
        {
            case ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity:
                return ScriptedResponse.Json(200, new JsonObject { ["id"] = NextActivityId() });
            case ConnectorOperation.UpdateActivity:
                return ScriptedResponse.Json(200, new JsonObject { ["id"] = activityId });
            case ConnectorOperation.DeleteActivity:
                return ScriptedResponse.Status(200);
            case ConnectorOperation.GetMember:
                return members.TryGetValue(activityId ?? "", out var known)
                    ? ScriptedResponse.Json(200, known.DeepClone())
                    : ScriptedResponse.Error(404, "MemberNotFoundInConversation", "The member was not found.");
            case ConnectorOperation.CreateConversation:
                var member = parameters?.Members?.FirstOrDefault()?.Id ?? "";
                if (!personalConversations.TryGetValue(member, out var created))
                {
                    created = "a:loopback-" + (personalConversations.Count + 1).ToString(CultureInfo.InvariantCulture);
                    personalConversations[member] = created;
                }

                var answer = new JsonObject { ["id"] = created, ["serviceUrl"] = ServiceUrl };
                if (parameters?.Activity is not null)
                {
                    answer["activityId"] = NextActivityId();
                }

                return ScriptedResponse.Json(201, answer);
            default:
                return ScriptedResponse.Error(404, "NotFound", $"LoopbackConnector does not implement this route (conversation '{conversationId}').");
        }
    }

    private string NextActivityId() => (++lastActivityId).ToString(CultureInfo.InvariantCulture);

    // Parsed from the raw target rather than by routing, so an escaped '/' (%2F) inside an id stays inside that id.
    // Anything before "/v3/conversations" is the serviceUrl's own path (Teams uses e.g. /amer/).
    private static (ConnectorOperation Operation, string? ConversationId, string? ActivityId) ParseRoute(string method, string rawTarget)
    {
        var path = rawTarget.Split('?', 2)[0];
        var segments = path.Split('/');
        var start = Array.FindIndex(segments, s => s == "v3");
        if (start < 0 || start + 1 >= segments.Length || segments[start + 1] != "conversations")
        {
            return (ConnectorOperation.Unknown, null, null);
        }

        var rest = segments[(start + 2)..].Select(Uri.UnescapeDataString).ToArray();
        return (method, rest) switch
        {
            ("POST", []) => (ConnectorOperation.CreateConversation, null, null),
            ("POST", [var c, "activities"]) => (ConnectorOperation.SendToConversation, c, null),
            ("POST", [var c, "activities", var a]) => (ConnectorOperation.ReplyToActivity, c, a),
            ("PUT", [var c, "activities", var a]) => (ConnectorOperation.UpdateActivity, c, a),
            ("DELETE", [var c, "activities", var a]) => (ConnectorOperation.DeleteActivity, c, a),
            ("GET", [var c, "members", var m]) => (ConnectorOperation.GetMember, c, m),
            (_, [var c, ..]) => (ConnectorOperation.Unknown, c, null),
            _ => (ConnectorOperation.Unknown, null, null),
        };
    }
}

/// <summary>Which Connector operation a request addressed.</summary>
public enum ConnectorOperation
{
    Unknown,
    CreateConversation,
    SendToConversation,
    ReplyToActivity,
    UpdateActivity,
    DeleteActivity,

    /// <summary>GET .../members/{id}; <see cref="RecordedRequest.ActivityId"/> holds the member id.</summary>
    GetMember,
}

/// <summary>One request as the <see cref="LoopbackConnector"/> received it.</summary>
public sealed record RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>The request target exactly as sent on the wire (path and query, percent-escapes intact), e.g. <c>/v3/conversations/a%3A1/activities</c>.</summary>
    public required string RawTarget { get; init; }

    public required ConnectorOperation Operation { get; init; }

    /// <summary>The conversation id from the path, unescaped; <c>null</c> for create.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The activity id from the path (reply-to, updated or deleted activity), unescaped.</summary>
    public string? ActivityId { get; init; }

    /// <summary>Request headers, case-insensitive; repeated headers joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The Authorization header, e.g. "Bearer eyJ…", or <c>null</c> when none was sent.</summary>
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    /// <summary>The raw request body.</summary>
    public required string Body { get; init; }

    /// <summary>The posted activity (send, reply, update; create's initial activity), parsed with the wire options.</summary>
    public Activity? Activity { get; init; }

    /// <summary>The body of a create-conversation request.</summary>
    public ConversationParameters? Parameters { get; init; }

    /// <summary>The status the loopback answered with; 0 when it dropped the connection.</summary>
    public required int ResponseStatusCode { get; init; }

    /// <summary>The body the loopback answered with (e.g. <c>{"id":"…"}</c>: the id the sent activity got); <c>null</c> for none.</summary>
    public string? ResponseBody { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public override string ToString() =>
        $"{Method} {RawTarget} -> {ResponseStatusCode}{(Activity is null ? "" : $" [{Activity.Type}] {Activity.Text}")}";
}

/// <summary>An answer scripted by a test.</summary>
public sealed record ScriptedResponse
{
    public required int StatusCode { get; init; }

    /// <summary>JSON body, or <c>null</c> for none.</summary>
    public string? Body { get; init; }

    /// <summary>Raw Retry-After header value: delta-seconds ("1") or an HTTP-date.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Drop the connection instead of answering (a network failure for the client).</summary>
    public bool AbortConnection { get; init; }

    /// <summary>Wait this long before answering (a slow or hung service).</summary>
    public TimeSpan Delay { get; init; }

    public static ScriptedResponse Status(int statusCode) => new() { StatusCode = statusCode };

    public static ScriptedResponse Json(int statusCode, JsonNode body) => new() { StatusCode = statusCode, Body = body.ToJsonString() };

    /// <summary>The Bot Connector error envelope <c>{"error":{"code","message"}}</c>.</summary>
    public static ScriptedResponse Error(int statusCode, string code, string message) =>
        Json(statusCode, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    /// <summary>429 Throttled, with Retry-After in whole seconds when given.</summary>
    public static ScriptedResponse TooManyRequests(TimeSpan? retryAfter = null) =>
        Error(429, "Throttled", "Too many requests.") with
        {
            RetryAfter = retryAfter is { } wait ? ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null,
        };

    /// <summary>
    /// 403 for a user who blocked or uninstalled the bot, with the body Teams documents
    /// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
    /// </summary>
    public static ScriptedResponse MessageWritesBlocked() => Json(403, new JsonObject
    {
        ["errorCode"] = 209,
        ["message"] = "{\r\n  \"subCode\": \"MessageWritesBlocked\",\r\n  \"details\": \"Thread is blocked from message writes.\",\r\n  \"errorCode\": null,\r\n  \"errorSubCode\": null\r\n}",
    });

    public static ScriptedResponse Abort() => new() { StatusCode = 0, AbortConnection = true };
}
