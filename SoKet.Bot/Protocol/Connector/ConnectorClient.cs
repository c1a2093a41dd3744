using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly.Timeout;

namespace SoKet.Bot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API over a typed HttpClient whose pipeline retries as <see cref="ConnectorResilience"/> says.
/// The base URL of every call is the conversation's serviceUrl (it differs per region and tenant, and may carry a
/// path such as /amer/), so the HttpClient has no BaseAddress.
/// </summary>
public sealed class ConnectorClient(
    HttpClient httpClient,
    IConnectorTokenProvider tokenProvider,
    TimeProvider timeProvider,
    ILogger<ConnectorClient> logger)
    : IConnectorClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    public Task<ResourceResponse> ReplyToActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var path = $"v3/conversations/{Segment(activity.Conversation?.Id, "activity.Conversation.Id")}/activities/{Segment(activity.ReplyToId, "activity.ReplyToId")}";
        return SendAsync<ResourceResponse>("ReplyToActivity", HttpMethod.Post, activity.ServiceUrl, path, activity, cancellationToken);
    }

    public Task<ResourceResponse> SendToConversationAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var path = $"v3/conversations/{Segment(activity.Conversation?.Id, "activity.Conversation.Id")}/activities";
        return SendAsync<ResourceResponse>("SendToConversation", HttpMethod.Post, activity.ServiceUrl, path, activity, cancellationToken);
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var path = $"v3/conversations/{Segment(activity.Conversation?.Id, "activity.Conversation.Id")}/activities/{Segment(activity.Id, "activity.Id")}";
        return SendAsync<ResourceResponse>("UpdateActivity", HttpMethod.Put, activity.ServiceUrl, path, activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/activities/{Segment(activityId, nameof(activityId))}";
        return SendAsync<ResourceResponse>("DeleteActivity", HttpMethod.Delete, serviceUrl, path, body: null, cancellationToken);
    }

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return SendAsync<ConversationResourceResponse>("CreateConversation", HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken);
    }

    public Task<ConversationMember> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Segment(conversationId, nameof(conversationId))}/members/{Segment(memberId, nameof(memberId))}";
        return SendAsync<ConversationMember>("GetConversationMember", HttpMethod.Get, serviceUrl, path, body: null, cancellationToken);
    }

    private async Task<T> SendAsync<T>(string operation, HttpMethod method, string? serviceUrl, string relativePath, object? body, CancellationToken cancellationToken)
        where T : class, new()
    {
        var uri = BuildUri(serviceUrl, relativePath);
        using var request = new HttpRequestMessage(method, uri);
        using var span = Telemetry.ConnectorTelemetry.StartCall(operation, request);
        if (body is not null)
        {
            // Serialized up front: a byte body has a Content-Length and can be resent by the retry handler as is.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ProtocolJson.Options));
            request.Content.Headers.ContentType = JsonContentType;
        }

        var token = await tokenProvider.GetTokenAsync(cancellationToken);
        if (token is not null)
        {
            // serviceUrl comes from inbound activities; never hand the bot's token to a cleartext non-loopback host.
            if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
            {
                throw new ArgumentException($"Refusing to send the bot's token over plain HTTP to {uri.Host}; the serviceUrl must be https.", nameof(serviceUrl));
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await SendWithinAttemptTimeoutAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        span?.SetTag("http.response.status_code", (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            throw Failure(operation, response, text);
        }

        logger.LogDebug("Bot Connector {Operation} {Path}: {Status}", operation, uri.AbsolutePath, (int)response.StatusCode);
        return Deserialize<T>(operation, text) ?? new T();
    }

    /// <summary>
    /// Callers (the reminder sender among them) know a hung attempt as <see cref="TimeoutException"/>; Polly reports it
    /// as its own <see cref="TimeoutRejectedException"/>, which is not one.
    /// </summary>
    private async Task<HttpResponseMessage> SendWithinAttemptTimeoutAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException($"The Bot Connector did not answer within {ex.Timeout}.", ex);
        }
    }

    private ConnectorException Failure(string operation, HttpResponseMessage response, string body)
    {
        var error = ConnectorError.Parse(body);
        var status = response.StatusCode;
        var message = $"Bot Connector {operation} failed with {(int)status} {error.Code ?? response.ReasonPhrase}" +
                      (error.SubCode is null ? "" : $" ({error.SubCode})") +
                      (error.Message is null ? "" : $": {error.Message}");
        var exception = new ConnectorException(status, error.Code, error.SubCode, message)
        {
            RetryAfter = status == HttpStatusCode.TooManyRequests ? ConnectorError.RetryAfter(response, timeProvider.GetUtcNow()) : null,
        };

        // A blocked recipient is an expected outcome of proactive messaging, not a fault of the bot.
        logger.Log(exception.IsRecipientBlocked ? LogLevel.Information : LogLevel.Warning,
            "Bot Connector {Operation} failed: {Status} {Error}", operation, (int)status, error);
        return exception;
    }

    private T? Deserialize<T>(string operation, string text) where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, ProtocolJson.Options);
        }
        catch (JsonException ex)
        {
            // The call succeeded; failing it now would make the caller post the same message again.
            logger.LogWarning(ex, "Bot Connector {Operation} succeeded but its response body is not the expected JSON", operation);
            return null;
        }
    }

    private static Uri BuildUri(string? serviceUrl, string relativePath)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl) ||
            !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri) ||
            (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp) ||
            baseUri.Query.Length > 0 || baseUri.Fragment.Length > 0)
        {
            throw new ArgumentException($"serviceUrl must be an absolute http(s) URL without query, got '{serviceUrl}'.", nameof(serviceUrl));
        }

        // Concatenated rather than resolved against a base Uri, so a serviceUrl path (e.g. /amer) is kept
        // whether or not it ends with a slash, and escaped ids are not re-interpreted.
        return new Uri(serviceUrl.TrimEnd('/') + "/" + relativePath, UriKind.Absolute);
    }

    /// <summary>
    /// One path segment. Teams ids contain ':', ';messageid=', '@' and sometimes '/', so every id is escaped; a bare
    /// "." or ".." would be collapsed by URI normalisation and address another resource, so those are refused.
    /// </summary>
    private static string Segment(string? id, string name)
    {
        if (string.IsNullOrEmpty(id) || id is "." or "..")
        {
            throw new ArgumentException($"{name} is required for this Connector call.", name);
        }

        return Uri.EscapeDataString(id);
    }
}
