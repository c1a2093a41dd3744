using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SoKet.Bench.Turns;

/// <summary>
/// A Bot Connector on loopback: accepts the bot's replies, keeps each conversation's last card and, when
/// asked to, every activity it received per conversation.
/// </summary>
internal sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _record;
    private readonly ConcurrentDictionary<string, JsonObject> _cards = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _activities = new();

    private LoopbackConnector(WebApplication app, string serviceUrl, bool record)
    {
        _app = app;
        ServiceUrl = serviceUrl;
        _record = record;
    }

    public string ServiceUrl { get; }

    public JsonObject? LastCard(string conversationId) => _cards.GetValueOrDefault(conversationId);

    /// <summary>The activities received for the conversation since the last call (recording connectors only).</summary>
    public List<JsonObject> TakeActivities(string conversationId)
    {
        var taken = new List<JsonObject>();
        if (_activities.TryGetValue(conversationId, out var queue))
            while (queue.TryDequeue(out var activity))
                taken.Add(activity);
        return taken;
    }

    public static async Task<LoopbackConnector> StartAsync(bool record = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = BotProcess.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var connector = new LoopbackConnector(app, $"http://127.0.0.1:{port}/", record);
        app.MapPost("/v3/conversations/{**rest}", async (HttpContext context) =>
        {
            var activity = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            var conversation = activity?["conversation"]?["id"]?.GetValue<string>();
            if (conversation is not null && activity?["attachments"]?[0]?["content"] is JsonObject card)
                connector._cards[conversation] = card;
            if (connector._record && conversation is not null && activity is not null)
                connector._activities.GetOrAdd(conversation, _ => new ConcurrentQueue<JsonObject>()).Enqueue(activity);
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
