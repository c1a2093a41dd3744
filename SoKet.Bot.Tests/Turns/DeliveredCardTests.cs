using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Turns;

/// <summary>
/// The message id of a delivered card is not written in a transaction of its own: the conversation's next turn stores
/// it with everything else it writes, or the batch writer stores it a moment later. Either way the next card closes it.
/// </summary>
[Trait("Category", "Store")]
public sealed class DeliveredCardTests : IDisposable
{
    private readonly List<BotApp> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps)
            app.Dispose();
    }

    [Fact]
    public async Task Without_the_batch_writer_the_next_turn_stores_the_id_and_closes_the_card()
    {
        var (app, an) = await StartAsync(withWriter: false);
        var overview = Assert.Single(await an.SayAsync("soạn báo cáo"), HasCard);
        var (version, live) = await StoredStateAsync(app, an);
        Assert.Null(live["id"]);

        // Web Chat's press carries no replyToId: only the id taken from the waiting ones lets the next card close it.
        await an.PressAsync("Soạn tiếp");

        var closed = CardOf(an.Client.Transcript.Single(a => a.Id == overview.Id));
        Assert.Empty(Actions(closed));
        Assert.Contains("Đã chọn: ", closed.ToJsonString(ProtocolJson.Options));
        // One write of the state for the press, nothing in between.
        Assert.Equal(version + 1, (await StoredStateAsync(app, an)).Version);
    }

    [Fact]
    public async Task An_id_no_turn_takes_is_stored_a_moment_later_by_the_batch_writer()
    {
        var (app, an) = await StartAsync(withWriter: true);
        var overview = Assert.Single(await an.SayAsync("soạn báo cáo"), HasCard);

        JsonNode live;
        var waited = TimeSpan.Zero;
        while ((live = (await StoredStateAsync(app, an)).Card)["id"] is null && waited < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            waited += TimeSpan.FromMilliseconds(50);
        }
        Assert.Equal(overview.Id, live["id"]?.GetValue<string>());
        Assert.Null(live["replaces"]);
    }

    private async Task<(BotApp App, DraftingChat Chat)> StartAsync(bool withWriter)
    {
        var app = Track(new BotApp());
        if (!withWriter)
        {
            app.TestServices = services =>
            {
                var writer = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DeliveredCardWriter));
                services.Remove(writer);
            };
        }
        var chat = await DraftingChat.OpenAsync(app);
        await using var db = app.OpenStore();
        await DraftingSeed.CreateAsync(db, [(chat.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        return (app, chat);
    }

    private BotApp Track(BotApp app)
    {
        _apps.Add(app);
        return app;
    }

    /// <summary>The conversation's stored state: its version and its live card.</summary>
    private static async Task<(int Version, JsonNode Card)> StoredStateAsync(BotApp app, DraftingChat chat)
    {
        await using var db = app.OpenStore();
        var row = await db.ConversationStates.AsNoTracking().SingleAsync(s => s.Key.EndsWith(chat.Client.ConversationId));
        return (row.Version, JsonNode.Parse(row.Json)!["card"]!);
    }
}

/// <summary>The bot stops while an id is still waiting, and starts again on the same SQLite file.</summary>
public sealed class DeliveredCardRestartTests
{
    [Fact]
    public async Task A_stopping_bot_stores_the_ids_still_waiting()
    {
        var first = new BotApp { KeepDataOnDispose = true };
        // The writer waits longer than the test: only the host's stop can write the id.
        first.Settings["DeliveredCards:WriteDelay"] = "00:05:00";
        var an = await DraftingChat.OpenAsync(first);
        await using (var seed = first.OpenStore())
            await DraftingSeed.CreateAsync(seed, [(an.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        var overview = Assert.Single(await an.SayAsync("soạn báo cáo"), HasCard);
        // Stopped within the writer's wait: the host's stop writes what is waiting.
        first.Dispose();

        using var second = new BotApp(first.DataDirectory);
        await using var db = second.OpenStore();
        var state = JsonNode.Parse((await db.ConversationStates.SingleAsync(s => s.Key.EndsWith(an.Client.ConversationId))).Json)!;
        Assert.Equal(overview.Id, state["card"]?["id"]?.GetValue<string>());
    }
}
