using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SoKet.Bot.Campaigns;
using SoKet.Bot.People;
using SoKet.Bot.Reports;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Turns;

/// <summary>
/// Fewer stale cards: when the drafting flow shows its next card, the previous one is closed in place (same message id,
/// no buttons, one line saying what was chosen), in the web chat and in Teams; a failed turn closes nothing.
/// </summary>
[Trait("Category", "Store")]
public sealed class StaleCardTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const string Email = "an.nv@hatinh.dcs.vn";
    private readonly BotApp _app = new();
    private readonly FailingCommit _fault = new();
    private readonly CapturingLoggerProvider _logs = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;
    private DraftingChat _an = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _app.TestServices = services =>
        {
            services.AddSingleton<IInterceptor>(_fault);
            services.AddSingleton<ILoggerProvider>(_logs);
        };
        _http = _app.CreateHttpClient();
        _an = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        var seed = await DraftingSeed.CreateAsync(db, [(_an.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        // The same person in Teams, found by the e-mail the Connector gives for the Teams user.
        var inTeams = new Person { Id = Guid.NewGuid(), Email = Email, DisplayName = "Nguyễn Văn An" };
        db.People.Add(inTeams);
        db.UnitMembers.Add(new UnitMember { UnitId = seed.Unit.Id, PersonId = inTeams.Id, Role = MemberRole.Drafter });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Web_chat_pressing_a_button_closes_its_card_under_the_same_id_and_only_the_newest_card_has_buttons()
    {
        var overview = CardMessage(await _an.SayAsync("soạn báo cáo"));
        var resumeTitle = FindAction(_an.Card!, "Soạn tiếp")!["title"]!.GetValue<string>();
        await using (var before = _app.OpenStore())
        {
            var state = JsonNode.Parse((await before.ConversationStates.SingleAsync(s => s.Key.EndsWith(_an.Client.ConversationId))).Json)!;
            output.WriteLine($"conversation state with the outline as live card: {Encoding.UTF8.GetByteCount(state.ToJsonString())} bytes, " +
                $"of which the live card {Encoding.UTF8.GetByteCount(state["card"]!.ToJsonString())} bytes ({state["card"]!["choices"]!.AsArray().Count} buttons)");
        }
        var section = CardMessage(await _an.PressAsync("Soạn tiếp"));
        var firstSectionCard = _an.Card!;
        var next = CardMessage(await _an.PressAsync("Lưu và tiếp tục", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn." }));

        var cards = _an.Client.Transcript.Where(HasCard).ToList();
        Assert.Equal([overview.Id, section.Id, next.Id], cards.Select(c => c.Id));
        AssertClosed(cards[0], "Đã chọn: " + resumeTitle);
        AssertClosed(cards[1], "Đã chọn: Lưu và tiếp tục");
        Assert.Contains("Lưu và tiếp tục", Titles(CardOf(cards[2])));
        // Web Chat orders activities by timestamp: a closed card keeps the original's, so it stays where it was.
        Assert.Equal(overview.Timestamp, cards[0].Timestamp);
        Assert.Equal(section.Timestamp, cards[1].Timestamp);

        // A button of the closed card pressed anyway (the old card open in another client) is still refused.
        var stale = await _an.PressAsync("Lưu và tiếp tục", new { text = "Bản cũ." }, firstSectionCard);
        Assert.Contains("đã được xử lý", Texts(stale));
        await using var db = _app.OpenStore();
        Assert.Equal("Chi bộ có 25 đảng viên, sinh hoạt đều đặn.", (await db.SectionDrafts.SingleAsync()).Text);
        var live = _an.Client.Transcript.Where(HasCard).Where(c => Actions(CardOf(c)).Any()).ToList();
        Assert.Equal(next.Id, Assert.Single(live).Id);
    }

    [Fact]
    public async Task Web_chat_a_typed_command_that_shows_a_new_card_closes_the_previous_one()
    {
        var overview = CardMessage(await _an.SayAsync("soạn báo cáo"));
        var indicators = CardMessage(await _an.SayAsync("chỉ tiêu"));
        var again = CardMessage(await _an.SayAsync("soạn báo cáo"));

        var cards = _an.Client.Transcript.Where(HasCard).ToList();
        Assert.Equal([overview.Id, indicators.Id, again.Id], cards.Select(c => c.Id));
        AssertClosed(cards[0], CardLifecycle.ReplacedNote);
        Assert.Contains("Chi bộ Phòng Tài chính - Kế hoạch", CardOf(cards[0]).ToJsonString(ProtocolJson.Options));
        AssertClosed(cards[1], CardLifecycle.ReplacedNote);
        Assert.Contains("Phụ lục so sánh kết quả", CardOf(cards[1]).ToJsonString(ProtocolJson.Options));
        Assert.NotEmpty(Actions(CardOf(cards[2])));

        // A row of the outline pressed: the closed card names the row, not its select action's hidden title «Mở».
        var row = Actions(_an.Card!).Where(a => a["title"]?.GetValue<string>() == "Mở").Skip(1).First();
        var rowText = FirstText(row.Parent!);
        Assert.False(string.IsNullOrEmpty(rowText));
        await _an.SubmitAsync(row["data"]!.DeepClone());
        AssertClosed(_an.Client.Transcript.Single(a => a.Id == again.Id), "Đã chọn: " + rowText);
    }

    private static string? FirstText(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => o["text"]?.GetValue<string>(),
        JsonObject o => o.Where(p => p.Key != "selectAction").Select(p => p.Value is null ? null : FirstText(p.Value)).FirstOrDefault(t => t is not null),
        JsonArray a => a.Select(n => n is null ? null : FirstText(n)).FirstOrDefault(t => t is not null),
        _ => null,
    };

    [Fact]
    public async Task Web_chat_a_card_whose_closing_fails_to_be_stored_stays_whole()
    {
        var overview = CardMessage(await _an.SayAsync("soạn báo cáo"));
        // The closed version of the outline card fails to be stored (the disk went away between the two steps).
        _fault.FailWhenWriting("WebChatActivities", overview.Id!);

        var section = CardMessage(await _an.PressAsync("Soạn tiếp"));

        // The new card arrived; the old one was not closed, and not lost either: a page opened now still shows it,
        // buttons and all, because removing it and storing its closed version are one transaction.
        Assert.Contains("Lưu và tiếp tục", Titles(CardOf(section)));
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Closing the superseded card", StringComparison.Ordinal));
        await using var db = _app.OpenStore();
        var stored = await db.WebChatActivities.Where(a => a.ActivityId == overview.Id).Select(a => a.Json).ToListAsync();
        var kept = JsonSerializer.Deserialize<Activity>(Assert.Single(stored), ProtocolJson.Options)!;
        Assert.Equal(CardOf(overview).ToJsonString(), CardOf(kept).ToJsonString());
    }

    [Fact]
    public async Task Web_chat_a_failed_turn_closes_nothing_and_its_retry_closes_the_card()
    {
        await _an.SayAsync("soạn báo cáo");
        var section = CardMessage(await _an.PressAsync("Soạn tiếp"));
        _fault.FailAfterWriting("SectionRevisions");

        var failed = await _an.PressAsync("Lưu và tiếp tục", new { text = "Đoạn một." });

        Assert.Equal(TurnTexts.Apology, Assert.Single(failed).Text);
        var shown = _an.Client.Transcript.Single(a => a.Id == section.Id);
        Assert.Equal(CardOf(section).ToJsonString(), CardOf(shown).ToJsonString());
        Assert.Contains("Lưu và tiếp tục", Titles(CardOf(shown)));

        // The same card still works (nothing of the failed turn was stored), and now it closes.
        var saved = CardMessage(await _an.PressAsync("Lưu và tiếp tục", new { text = "Đoạn một." }));
        AssertClosed(_an.Client.Transcript.Single(a => a.Id == section.Id), "Đã chọn: Lưu và tiếp tục");
        Assert.NotEmpty(Actions(CardOf(_an.Client.Transcript.Single(a => a.Id == saved.Id))));
    }

    [Fact]
    public async Task Teams_action_submit_closes_the_pressed_card_with_an_update_of_its_id()
    {
        var open = Teams("soạn báo cáo");
        _connector.AddMember(open.From!.Id!, "Nguyễn Văn An", Email);
        var (overviewId, overview) = await SendAsync(open);
        var resume = FindAction(overview, "Soạn tiếp")!;

        var press = Teams(null, resume["data"]!.DeepClone(), replyToId: overviewId);
        var (sectionId, section) = await SendAsync(press);

        var update = Assert.Single(_connector.Requests, r => r.Operation == ConnectorOperation.UpdateActivity);
        Assert.Equal(overviewId, update.ActivityId);
        Assert.Equal(open.Conversation!.Id, update.ConversationId);
        Assert.Equal(overviewId, update.Activity!.Id);
        var closed = update.Activity.Attachments![0].Content!;
        Assert.Empty(Actions(closed));
        Assert.Contains("Đã chọn: " + resume["title"]!.GetValue<string>(), closed.ToJsonString(ProtocolJson.Options));
        // The old card is closed only once its replacement was delivered.
        var posted = _connector.Requests.ToList();
        Assert.True(posted.FindIndex(r => r.ResponseBody?.Contains(sectionId, StringComparison.Ordinal) == true) < posted.IndexOf(update));

        // The next press closes the section card the same way, naming the button.
        var save = FindAction(section, "Lưu")!["data"]!.DeepClone().AsObject();
        save["text"] = "Tình hình đơn vị ổn định.";
        await SendAsync(Teams(null, save, replyToId: sectionId));
        var second = _connector.Requests.Last(r => r.Operation == ConnectorOperation.UpdateActivity);
        Assert.Equal(sectionId, second.ActivityId);
        Assert.Empty(Actions(second.Activity!.Attachments![0].Content!));
        Assert.Contains("\"Đã chọn: Lưu\"", second.Activity.Attachments[0].Content!.ToJsonString(ProtocolJson.Options));
    }

    [Fact]
    public async Task Teams_action_execute_refreshes_the_card_in_the_invoke_response_and_a_later_typed_command_closes_that_message()
    {
        var open = Teams("soạn báo cáo");
        _connector.AddMember(open.From!.Id!, "Nguyễn Văn An", Email);
        var (overviewId, overview) = await SendAsync(open);

        var invoke = TeamsActivities.Invoke(_connector.ServiceUrl, "adaptiveCard/action", new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "drafting", ["data"] = FindAction(overview, "Soạn tiếp")!["data"]!.DeepClone() },
            ["trigger"] = "manual",
        }, open.Conversation!.Id);
        invoke.From = open.From;
        invoke.ReplyToId = overviewId;
        var response = await PostAsync(invoke);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // Teams shows the invoke's card in place of the pressed one: that message is the live card, nothing is closed.
        Assert.Equal(InvokeResponse.CardType, body["type"]!.GetValue<string>());
        Assert.Contains("Lưu và tiếp tục", Titles(body["value"]!));
        Assert.DoesNotContain(_connector.Requests, r => r.Operation == ConnectorOperation.UpdateActivity);

        var (_, indicators) = await SendAsync(Teams("chỉ tiêu", conversationOf: open));
        Assert.Contains("Lưu chỉ tiêu", Titles(indicators));
        var update = Assert.Single(_connector.Requests, r => r.Operation == ConnectorOperation.UpdateActivity);
        Assert.Equal(overviewId, update.ActivityId);
        Assert.Empty(Actions(update.Activity!.Attachments![0].Content!));
        Assert.Contains(CardLifecycle.ReplacedNote, update.Activity.Attachments[0].Content!.ToJsonString(ProtocolJson.Options));
    }

    [Fact]
    public async Task Teams_the_old_card_stays_live_until_its_replacement_is_delivered_by_the_redelivery()
    {
        var open = Teams("soạn báo cáo");
        _connector.AddMember(open.From!.Id!, "Nguyễn Văn An", Email);
        var (overviewId, overview) = await SendAsync(open);
        var press = Teams(null, FindAction(overview, "Soạn tiếp")!["data"]!.DeepClone(), replyToId: overviewId);
        // The turn is stored, but the new card's POST fails: the channel will deliver the press again.
        _connector.RespondToNext(1, ScriptedResponse.Error(500, "InternalServerError", "The Connector is down."));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(press)).StatusCode);
        Assert.DoesNotContain(_connector.Requests, r => r.Operation == ConnectorOperation.UpdateActivity);

        var (sectionId, _) = await SendAsync(press);
        var update = Assert.Single(_connector.Requests, r => r.Operation == ConnectorOperation.UpdateActivity);
        Assert.Equal(overviewId, update.ActivityId);
        Assert.Empty(Actions(update.Activity!.Attachments![0].Content!));
        Assert.Contains("Đã chọn: Soạn tiếp", update.Activity.Attachments[0].Content!.ToJsonString(ProtocolJson.Options));

        // The delivered card is the live one now: the next typed step closes it.
        await SendAsync(Teams("mục lục"));
        Assert.Equal(sectionId, _connector.Requests.Last(r => r.Operation == ConnectorOperation.UpdateActivity).ActivityId);
    }

    [Fact]
    public async Task Teams_a_card_delivered_after_a_newer_turn_was_stored_does_not_take_the_newer_cards_place()
    {
        var open = Teams("soạn báo cáo");
        _connector.AddMember(open.From!.Id!, "Nguyễn Văn An", Email);
        var (overviewId, overview) = await SendAsync(open);
        // The press's card reaches Teams slowly: while its POST hangs, the user's next step is stored and answered.
        _connector.RespondToOperation(ConnectorOperation.ReplyToActivity,
            ScriptedResponse.Json(200, new JsonObject { ["id"] = "slow-section-card" }) with { Delay = TimeSpan.FromSeconds(2) });
        var press = Teams(null, FindAction(overview, "Soạn tiếp")!["data"]!.DeepClone(), replyToId: overviewId);
        var pressing = PostAsync(press);
        await WaitUntilStoredAsync(press.Id!);
        _connector.RespondToOperation(ConnectorOperation.ReplyToActivity, null);
        var (newerId, _) = await SendAsync(Teams("mục lục"));
        Assert.Equal(HttpStatusCode.OK, (await pressing).StatusCode);

        // The newer card stays the live one: the next step closes it, and the slow card's late id was not remembered.
        var (_, indicators) = await SendAsync(Teams("chỉ tiêu"));
        Assert.Contains("Lưu chỉ tiêu", Titles(indicators));
        Assert.Equal(newerId, _connector.Requests.Last(r => r.Operation == ConnectorOperation.UpdateActivity).ActivityId);
        Assert.DoesNotContain(_connector.Requests, r => r.Operation == ConnectorOperation.UpdateActivity && r.ActivityId == "slow-section-card");
    }

    [Fact]
    public async Task Teams_an_update_the_connector_refuses_is_logged_and_the_turn_goes_on()
    {
        var open = Teams("soạn báo cáo");
        _connector.AddMember(open.From!.Id!, "Nguyễn Văn An", Email);
        var (overviewId, overview) = await SendAsync(open);
        // The user deleted the old message: Teams answers the edit with 404.
        _connector.RespondToOperation(ConnectorOperation.UpdateActivity, ScriptedResponse.Error(404, "NotFound", "The activity was not found."));

        var press = Teams(null, FindAction(overview, "Soạn tiếp")!["data"]!.DeepClone(), replyToId: overviewId);
        var (_, section) = await SendAsync(press);

        Assert.Contains("Lưu và tiếp tục", Titles(section));
        Assert.Contains(_connector.Requests, r => r.Operation == ConnectorOperation.UpdateActivity && r.ActivityId == overviewId && r.ResponseStatusCode == 404);
        Assert.Contains(_logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Closing the superseded card", StringComparison.Ordinal));
        await using var db = _app.OpenStore();
        Assert.True(await db.ProcessedActivities.AnyAsync(p => p.ActivityId == press.Id && p.PendingReplies == null));
    }

    private static Activity CardMessage(IEnumerable<Activity> replies) => Assert.Single(replies, HasCard);

    private static void AssertClosed(Activity activity, string note)
    {
        var card = CardOf(activity);
        Assert.Empty(Actions(card));
        Assert.DoesNotContain("Input.", card.ToJsonString(ProtocolJson.Options), StringComparison.Ordinal);
        Assert.Contains(note, card.ToJsonString(ProtocolJson.Options));
    }

    private Activity Teams(string? text, JsonNode? value = null, string? replyToId = null, Activity? conversationOf = null)
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, text ?? "", conversationOf?.Conversation?.Id ?? _teamsConversation);
        activity.From = _teamsUser;
        activity.Text = text;
        activity.Value = value;
        activity.ReplyToId = replyToId;
        return activity;
    }

    private readonly string _teamsConversation = "a:1" + Guid.NewGuid().ToString("N") + "@unq.gbl.spaces";
    private readonly ChannelAccount _teamsUser = new() { Id = "29:1" + Guid.NewGuid().ToString("N"), Name = "Nguyễn Văn An", AadObjectId = TeamsActivities.UserAadObjectId };

    /// <summary>Posts <paramref name="activity"/> and returns the card the bot sent for it, with the id the Connector gave that message.</summary>
    private async Task<(string Id, JsonNode Card)> SendAsync(Activity activity)
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(activity)).StatusCode);
        var sent = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == activity.Id && r.Activity?.Attachments?.Count > 0 && r.ResponseStatusCode == 200, TimeSpan.FromSeconds(10));
        return (JsonNode.Parse(sent.ResponseBody!)!["id"]!.GetValue<string>(), sent.Activity!.Attachments![0].Content!);
    }

    private async Task WaitUntilStoredAsync(string activityId)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            await using var db = _app.OpenStore();
            if (await db.ProcessedActivities.AnyAsync(p => p.ActivityId == activityId))
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Activity {activityId} was not stored within 10 s.");
    }

    private Task<HttpResponseMessage> PostAsync(Activity activity) =>
        _http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));

    /// <summary>Once armed, fails right after the command that wrote into a table ran inside the turn's transaction.</summary>
    private sealed class FailingCommit : DbCommandInterceptor
    {
        private string? _table;
        private string? _value;

        public void FailAfterWriting(string table) => _table = table;

        /// <summary>Fails the insert into <paramref name="table"/> of a row that has <paramref name="value"/> among its values.</summary>
        public void FailWhenWriting(string table, string value) => (_table, _value) = (table, value);

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        private void Check(DbCommand command)
        {
            if (_table is { } table && command.CommandText.Contains("INSERT INTO \"" + table + "\"", StringComparison.Ordinal)
                && (_value is null || command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, _value))))
            {
                _table = null;
                _value = null;
                throw new InvalidOperationException("Injected fault: the disk went away in the middle of the commit.");
            }
        }
    }
}
