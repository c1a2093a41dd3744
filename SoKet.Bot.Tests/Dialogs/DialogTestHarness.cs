using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Dialogs;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Tests.Dialogs;

/// <summary>
/// Drives the dialog engine turn by turn without HTTP, the way TurnProcessor does: each turn gets a
/// fresh DI scope and a TurnContext whose State is parsed from the JSON string the previous turn
/// left, so every turn also proves the stack survives serialization.
/// </summary>
public sealed class DialogTestHarness : IDisposable
{
    private readonly Action<IServiceCollection> _configure;
    private ServiceProvider _services;
    private int _activitySequence;

    public DialogTestHarness(Action<IServiceCollection> configure)
    {
        _configure = configure;
        _services = Build();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The conversation state as the store holds it between turns.</summary>
    public string StateJson { get; set; } = "{}";

    public JsonObject State => JsonNode.Parse(StateJson)!.AsObject();

    public JsonArray? StoredStack => State["dialogStack"] as JsonArray;

    /// <summary>The activity a command handler would start a dialog from, then starts it.</summary>
    public Task<TurnReplies> StartAsync(string dialogId, object? options = null) =>
        RunAsync(Message("bắt đầu"), async (turn, runner, ct) =>
        {
            await runner.StartAsync(turn, dialogId, options, ct);
            return true;
        });

    /// <summary>The user types <paramref name="text"/>.</summary>
    public Task<TurnReplies> SendAsync(string text) => ContinueAsync(Message(text));

    /// <summary>The user clicks an Action.Submit button: a message whose value is its data and inputs.</summary>
    public Task<TurnReplies> SubmitAsync(object data)
    {
        var activity = Message(null);
        activity.Value = ToNode(data);
        return ContinueAsync(activity);
    }

    /// <summary>The user clicks an Action.Execute button (Teams universal actions): an adaptiveCard/action invoke.</summary>
    public Task<TurnReplies> ExecuteAsync(object data, string verb = "submit")
    {
        var activity = Message(null);
        activity.Type = ActivityTypes.Invoke;
        activity.Name = "adaptiveCard/action";
        activity.Value = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = ToNode(data) },
            ["trigger"] = "manual",
        };
        return ContinueAsync(activity);
    }

    /// <summary>A new process: new container, new dialog instances; only the stored state string carries over.</summary>
    public void Restart()
    {
        _services.Dispose();
        _services = Build();
    }

    public void Dispose() => _services.Dispose();

    private Task<TurnReplies> ContinueAsync(Activity activity) =>
        RunAsync(activity, (turn, runner, ct) => runner.TryContinueAsync(turn, ct));

    private async Task<TurnReplies> RunAsync(Activity activity, Func<TurnContext, DialogRunner, CancellationToken, Task<bool>> handle)
    {
        await using var scope = _services.CreateAsyncScope();
        var outbound = new RecordingOutbound();
        var turn = new TurnContext(activity, null, JsonNode.Parse(StateJson)!.AsObject(), outbound);
        var handled = await handle(turn, scope.ServiceProvider.GetRequiredService<DialogRunner>(), CancellationToken.None);
        StateJson = turn.State.ToJsonString();
        return new TurnReplies(handled, turn.Outgoing.ToList(), turn.InvokeResponse);
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddDialogs();
        _configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private Activity Message(string? text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"activity-{++_activitySequence}",
        ChannelId = ChannelIds.WebChat,
        Conversation = new ConversationAccount { Id = "conversation-1" },
        From = new ChannelAccount { Id = "user-1", Name = "Nguyễn Văn An" },
        Recipient = new ChannelAccount { Id = "bot", Name = "Trợ lý sơ kết" },
        Text = text,
    };

    // Like the wire: every delivery is its own copy, so a test can send the same data twice.
    private static JsonNode? ToNode(object data) => data is JsonNode node ? node.DeepClone() : JsonSerializer.SerializeToNode(data, ProtocolJson.Options);

    private sealed class RecordingOutbound : IOutboundSender
    {
        public List<Activity> Sent { get; } = [];

        public Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
        {
            Sent.Add(activity);
            return Task.FromResult<string?>(null);
        }
    }
}

/// <summary>What the bot answered in one turn.</summary>
public sealed record TurnReplies(bool Handled, IReadOnlyList<Activity> Activities, InvokeResponse? InvokeResponse)
{
    public IReadOnlyList<string> Texts => Activities.Where(a => a.Text is not null).Select(a => a.Text!).ToList();

    public IReadOnlyList<JsonObject> Cards =>
        Activities.SelectMany(a => a.Attachments ?? []).Select(a => a.Content).OfType<JsonObject>().ToList();

    /// <summary>The data of the card button titled <paramref name="title"/>, as the client would submit it.</summary>
    public JsonObject ButtonData(string title)
    {
        var action = Cards.SelectMany(c => c["actions"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .Single(a => a["title"]?.GetValue<string>() == title);
        return action["data"]!.DeepClone().AsObject();
    }
}
