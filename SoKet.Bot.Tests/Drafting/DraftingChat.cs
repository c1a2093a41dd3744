using System.Text.Json.Nodes;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>A drafter in web chat: sends text or presses card buttons and reads the bot's answers to that turn.</summary>
public sealed class DraftingChat(DirectLineClient client)
{
    public DirectLineClient Client { get; } = client;

    /// <summary>The last card the bot sent, whose buttons the drafter presses.</summary>
    public JsonObject? Card { get; private set; }

    /// <summary>A drafter of their own (not the local operator): a web chat user id the test links to a person.</summary>
    public static async Task<DraftingChat> OpenAsync(BotApp app)
    {
        var client = await app.OpenWebChatAsync();
        await client.PollAsync();
        return new DraftingChat(client);
    }

    public static async Task<DraftingChat> OpenAsync(HttpClient http)
    {
        var client = new DirectLineClient(http);
        await client.StartAsync();
        await client.PollAsync();
        return new DraftingChat(client);
    }

    public async Task<IReadOnlyList<Activity>> SayAsync(string text) => Remember(await TurnAsync(text, null));

    /// <summary>Presses the card's button titled <paramref name="title"/>, with the card's inputs set to <paramref name="inputs"/>.</summary>
    public async Task<IReadOnlyList<Activity>> PressAsync(string title, object? inputs = null, JsonObject? card = null)
    {
        var action = FindAction(card ?? Card ?? throw new InvalidOperationException("No card to press."), title)
            ?? throw new InvalidOperationException($"No button «{title}» on the card: {string.Join(", ", Titles(card ?? Card!))}");
        var data = (action["data"]?.DeepClone() as JsonObject) ?? [];
        if (inputs is not null)
            foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(inputs)!.AsObject())
                data[key] = value?.DeepClone();
        return Remember(await TurnAsync(null, data));
    }

    /// <summary>Submits a button's data as it is (for buttons that share a title, like the outline's "Mở").</summary>
    public async Task<IReadOnlyList<Activity>> SubmitAsync(JsonNode value) => Remember(await TurnAsync(null, value));

    /// <summary>The turn's new bot messages; an earlier message the turn replaced (a card closed) is not one of them.</summary>
    public async Task<IReadOnlyList<Activity>> TurnAsync(string? text, JsonNode? value)
    {
        var known = Client.Transcript.Select(a => a.Id).ToHashSet();
        var id = await Client.SendAsync(text, value);
        var replies = new List<Activity>();
        foreach (var activity in await Client.PollAsync())
            if (activity.From?.Role == "bot" && activity.Type == ActivityTypes.Message && !known.Contains(activity.Id))
                replies.Add(activity);
        Assert.True(replies.Count > 0, $"The bot did not answer «{text ?? value?.ToJsonString()}» (activity {id}).");
        return replies;
    }

    public static string Texts(IEnumerable<Activity> replies) =>
        string.Join("\n", replies.Select(r => ShownText.Unescape(r.Text ?? "")).Concat(replies.SelectMany(r => r.Attachments ?? []).Select(a => ShownText.Of(a.Content)?.ToJsonString(ProtocolJson.Options) ?? "")));

    public static JsonObject? LastCard(IEnumerable<Activity> replies) =>
        replies.SelectMany(r => r.Attachments ?? []).Where(a => a.ContentType == "application/vnd.microsoft.card.adaptive").Select(a => a.Content as JsonObject).LastOrDefault();

    /// <summary>Whether the message carries an Adaptive Card.</summary>
    public static bool HasCard(Activity activity) => activity.Attachments?.Any(a => a.ContentType == Attachment.AdaptiveCardContentType) == true;

    /// <summary>The Adaptive Card of a message that carries one.</summary>
    public static JsonNode CardOf(Activity activity) => activity.Attachments!.Single(a => a.ContentType == Attachment.AdaptiveCardContentType).Content!;

    public static IEnumerable<string> Titles(JsonNode card) => Actions(card).Select(a => a["title"]?.GetValue<string>() ?? "");

    public static JsonObject? FindAction(JsonNode card, string title) =>
        Actions(card).FirstOrDefault(a => a["title"]?.GetValue<string>() == title) ??
        Actions(card).FirstOrDefault(a => a["title"]?.GetValue<string>().StartsWith(title, StringComparison.Ordinal) == true);

    /// <summary>Every Action.Submit/Execute of a card, including select actions and action sets.</summary>
    public static IEnumerable<JsonObject> Actions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() is "Action.Submit" or "Action.Execute")
                    yield return obj;
                foreach (var (_, child) in obj)
                    foreach (var a in Actions(child))
                        yield return a;
                break;
            case JsonArray array:
                foreach (var child in array)
                    foreach (var a in Actions(child))
                        yield return a;
                break;
        }
    }

    /// <summary>The value of the card input with this id.</summary>
    public static string? InputValue(JsonNode card, string id) => Find(card, o => o["id"]?.GetValue<string>() == id)?["value"]?.ToString();

    private static JsonObject? Find(JsonNode? node, Func<JsonObject, bool> match) => node switch
    {
        JsonObject o when match(o) => o,
        JsonObject o => o.Select(p => Find(p.Value, match)).FirstOrDefault(x => x is not null),
        JsonArray a => a.Select(n => Find(n, match)).FirstOrDefault(x => x is not null),
        _ => null,
    };

    private IReadOnlyList<Activity> Remember(IReadOnlyList<Activity> replies)
    {
        if (LastCard(replies) is { } card)
            Card = card;
        return replies;
    }
}
