using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Protocol.Connector;

/// <summary>What a failed Connector response says about itself.</summary>
internal sealed record ConnectorError(string? Code, string? SubCode, string? Message)
{
    private const int MaxDepth = 5;
    private const int MaxMessageLength = 500;

    /// <summary>
    /// Reads the error shapes the Connector is documented to return:
    /// <list type="bullet">
    /// <item>the Bot Connector ErrorResponse <c>{"error":{"code","message","innerHttpError":{"statusCode","body"}}}</c>
    /// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#errorresponse-object);</item>
    /// <item>Teams' blocked-bot answer <c>{"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",\"details\":…}"}</c>,
    /// whose message is itself JSON
    /// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages#understand-who-blocked-muted-or-uninstalled-a-bot).</item>
    /// </list>
    /// A <c>subCode</c> is looked for wherever it is nested, because its envelope differs between these shapes.
    /// Anything unparseable becomes the (truncated) message, so nothing the service said is lost from logs.
    /// </summary>
    public static ConnectorError Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ConnectorError(null, null, null);
        }

        if (TryParseObject(body) is not { } root)
        {
            return new ConnectorError(null, null, Truncate(body.Trim()));
        }

        var envelope = root["error"] as JsonObject ?? root;
        var code = Text(envelope["code"]) ?? Text(envelope["errorCode"]);
        var message = Text(envelope["message"]);
        var subCode = FindSubCode(root, 0);

        // The embedded JSON message carries a readable "details" field; prefer it over a raw JSON blob.
        if (message is not null && TryParseObject(message) is { } embedded)
        {
            message = Text(embedded["details"]) ?? Text(embedded["message"]) ?? message;
        }

        return new ConnectorError(code, subCode, message is null ? null : Truncate(message));
    }

    private static string? FindSubCode(JsonNode? node, int depth)
    {
        if (depth > MaxDepth || node is null)
        {
            return null;
        }

        switch (node)
        {
            case JsonObject obj:
                if (Text(obj["subCode"]) is { Length: > 0 } subCode)
                {
                    return subCode;
                }

                foreach (var (_, child) in obj)
                {
                    if (FindSubCode(child, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;

            case JsonArray array:
                foreach (var item in array)
                {
                    if (FindSubCode(item, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;

            case JsonValue value when value.TryGetValue<string>(out var text) && TryParseObject(text) is { } embedded:
                return FindSubCode(embedded, depth + 1);

            default:
                return null;
        }
    }

    private static JsonObject? TryParseObject(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    private static string Truncate(string text) =>
        text.Length <= MaxMessageLength ? text : string.Concat(text.AsSpan(0, MaxMessageLength), "…");

    /// <summary>Retry-After as a wait from <paramref name="now"/>: delta-seconds or an HTTP-date (RFC 9110, section 10.2.3).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"code={Code ?? "-"} subCode={SubCode ?? "-"} message={Message ?? "-"}");
}
