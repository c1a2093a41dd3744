using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Tests.Infrastructure;

/// <summary>
/// Talks to the bot's built-in Direct Line subset the way Microsoft Web Chat does (webSocket:false):
/// token → start conversation → post activities → poll with a watermark.
/// </summary>
public sealed class DirectLineClient(HttpClient http)
{
    private string? _token;
    private string _watermark = "";
    private readonly List<Activity> _transcript = [];

    public string ConversationId { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public string Token => _token ?? "";

    public async Task StartAsync()
    {
        var session = await http.GetFromJsonAsync<JsonObject>("/api/webchat/token");
        UserId = session!["userId"]!.GetValue<string>();
        _token = session["token"]!.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonObject>();
        ConversationId = started!["conversationId"]!.GetValue<string>();
        _token = started["token"]!.GetValue<string>();
    }

    /// <summary>
    /// Starts a conversation with a token the bot issued for <paramref name="userId"/> (see <see cref="BotApp.OpenWebChatAsync"/>):
    /// what the page does once /api/webchat/token has named the user, for tests that need several people at once.
    /// </summary>
    public async Task StartWithTokenAsync(string token, string userId)
    {
        UserId = userId;
        _token = token;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonObject>();
        ConversationId = started!["conversationId"]!.GetValue<string>();
        _token = started["token"]!.GetValue<string>();
    }

    /// <summary>An existing conversation, with a token the bot issued for it (e.g. a conversation kept across an upgrade).</summary>
    public static DirectLineClient Resume(HttpClient http, string token, string conversationId, string userId, string watermark) =>
        new(http) { _token = token, _watermark = watermark, ConversationId = conversationId, UserId = userId };

    /// <summary>The same conversation reached through another client (the bot restarted on another port).</summary>
    public DirectLineClient Through(HttpClient other) =>
        new(other) { _token = _token, _watermark = _watermark, ConversationId = ConversationId, UserId = UserId };

    public Task<HttpResponseMessage> PostRawAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return http.SendAsync(request);
    }

    public async Task<string> SendAsync(string? text, JsonNode? value = null, string? clientActivityId = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = UserId, ["role"] = "user" },
            ["text"] = text,
            ["locale"] = "vi-VN",
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
        };
        if (value is not null)
            activity["value"] = value;
        using var response = await PostRawAsync(JsonContent.Create(activity));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["id"]!.GetValue<string>();
    }

    /// <summary>Sends a file the way Web Chat's paperclip does: multipart to /upload with the message template as part "activity".</summary>
    public async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] content, string contentType = "application/octet-stream", string? text = null)
    {
        var template = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = UserId, ["role"] = "user" },
            ["text"] = text,
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = contentType, ["name"] = fileName }),
            ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
        };
        var form = new MultipartFormDataContent();
        var activityPart = new StringContent(template.ToJsonString(), System.Text.Encoding.UTF8);
        activityPart.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activityPart, "activity", "blob");
        var filePart = new ByteArrayContent(content);
        filePart.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(filePart, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/upload?userId={UserId}") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await http.SendAsync(request);
    }

    /// <summary>Posts any body to the upload endpoint, as a crafted client would.</summary>
    public Task<HttpResponseMessage> UploadRawAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/upload?userId={UserId}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return http.SendAsync(request);
    }

    /// <summary>Polls until the bot has sent at least <paramref name="count"/> new activities (not echoes).</summary>
    public async Task<IReadOnlyList<Activity>> ReadBotActivitiesAsync(int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        var collected = new List<Activity>();
        while (true)
        {
            foreach (var activity in await PollAsync())
            {
                if (activity.From?.Role == "bot" && activity.Type != ActivityTypes.Typing)
                    collected.Add(activity);
            }
            if (collected.Count >= count || DateTime.UtcNow > deadline)
                return collected;
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// What Web Chat shows of everything polled so far: each activity once, where it first appeared, in its latest
    /// version (the bot replaces an activity by sending it again under the same id).
    /// </summary>
    public IReadOnlyList<Activity> Transcript => _transcript;

    /// <summary>The next poll starts from the beginning of the conversation.</summary>
    public void Rewind() => _watermark = "";

    public async Task<IReadOnlyList<Activity>> PollAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={_watermark}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        _watermark = body!["watermark"]!.GetValue<string>();
        var activities = body["activities"]!.AsArray().Select(a => a.Deserialize<Activity>(ProtocolJson.Options)!).ToList();
        foreach (var activity in activities)
        {
            var seen = activity.Id is null ? -1 : _transcript.FindIndex(a => a.Id == activity.Id);
            if (seen < 0)
                _transcript.Add(activity);
            else
                _transcript[seen] = activity;
        }
        return activities;
    }
}
