using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Chat;
using SoKet.Bot.Drafting;
using SoKet.Bot.Drafting.Suggestions;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13, item 2: every id a card carries is resolved through the caller's own report, unit, campaign or
/// conversation (Reports/OwnedIds). Each test presses a button with another unit's (or another campaign's, or
/// another admin's) id and checks three things: the answer is exactly the answer to an id that does not exist,
/// nothing in the store changed beyond the attacker's own transcript, and nobody was messaged through the Connector.
/// </summary>
[Trait("Category", "Store")]
public sealed class ForeignIdTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;
    private AdversarialWorld _world = null!;
    private DraftingChat _drafter = null!;
    private DraftingChat _leader = null!;
    private DraftingChat _admin = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        // A deployment where web chat users are who they signed in as: local mode's "everyone is admin" is off.
        _app.Settings["People:LocalWebChatUsersAreAdmins"] = "false";
        _drafter = await DraftingChat.OpenAsync(_app);
        _leader = await DraftingChat.OpenAsync(_app);
        _admin = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        _world = await AdversarialWorld.SeedAsync(db, _drafter.Client.UserId, _leader.Client.UserId, _admin.Client.UserId, _connector.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Opening_a_section_of_another_campaigns_outline_is_answered_like_a_missing_section() =>
        await InDraftingFlowAsync(id => new JsonObject { ["action"] = DraftingFlow.Open, ["sectionId"] = id.ToString() }, _world.ForeignSectionId);

    [Fact]
    public async Task Saving_text_into_a_section_of_another_campaign_stores_nothing() =>
        await InDraftingFlowAsync(id => new JsonObject
        {
            ["action"] = DraftingFlow.Save, ["sectionId"] = id.ToString(), ["version"] = "0", ["text"] = "Nội dung chèn vào báo cáo của đơn vị khác.",
        }, _world.ForeignSectionId);

    [Fact]
    public async Task Editing_another_units_indicator_row_shows_only_the_callers_table() =>
        await InDraftingFlowAsync(id => new JsonObject { ["action"] = DraftingFlow.EditIndicator, ["rowId"] = id.ToString() }, _world.RowB.Id);

    [Fact]
    public async Task Deleting_another_units_indicator_row_deletes_nothing() =>
        await InDraftingFlowAsync(id => new JsonObject { ["action"] = DraftingFlow.DeleteIndicator, ["rowId"] = id.ToString() }, _world.RowB.Id,
            expect: DraftingTexts.IndicatorNotDeleted);

    [Fact]
    public async Task Saving_figures_over_another_units_indicator_row_changes_nothing() =>
        await InDraftingFlowAsync(id => new JsonObject
        {
            ["action"] = DraftingFlow.SaveIndicator, ["rowId"] = id.ToString(), ["version"] = "1",
            ["name"] = "Kết nạp đảng viên mới", ["unitOfMeasure"] = "đảng viên", ["target"] = "10", ["result"] = "0",
        }, _world.RowB.Id, expect: "không còn trong báo cáo");

    [Fact]
    public async Task Asking_a_suggestion_for_a_section_of_another_campaign_queues_nothing() =>
        // The suggestion button answers nothing when it queues nothing (the card on screen stays as it is).
        await InDraftingFlowAsync(id => new JsonObject { ["action"] = DraftingFlow.Suggest, ["sectionId"] = id.ToString() }, _world.ForeignSectionId,
            afterwards: () => Task.Delay(500), silent: true);

    [Theory]
    [InlineData("accept")]
    [InlineData("regenerate")]
    [InlineData("discard")]
    public async Task Suggestion_buttons_naming_another_units_draft_are_refused(string op) =>
        await AttackAsync(_drafter, id => new JsonObject
        {
            ["command"] = SuggestionCard.Command, ["draftId"] = id.ToString(), ["op"] = op, ["text"] = "Văn bản thay thế.", ["basedOn"] = "2",
        }, _world.DraftB.Id, expect: "không thuộc đơn vị của đồng chí");

    [Theory]
    [InlineData("approve")]
    [InlineData("return")]
    public async Task A_leader_cannot_decide_on_a_report_of_a_unit_they_do_not_lead(string decision) =>
        await AttackAsync(_leader, id => new JsonObject
        {
            ["command"] = ReviewCard.DecisionRoute, ["reportId"] = id.ToString(), ["decision"] = decision, ["general"] = "Đồng ý.",
            ["comment_" + _world.DraftB.SectionId.ToString("N")] = "Ý kiến giả mạo.",
        }, _world.ReportB.Id, expect: "không phải là đồng chí phụ trách đơn vị này");

    [Fact]
    public async Task Choosing_another_units_id_on_the_unit_card_opens_nothing_of_that_unit() =>
        await AttackAsync(_drafter, id => new JsonObject { ["command"] = DraftingEntry.Start, ["unitId"] = id.ToString() }, _world.UnitB.Id);

    [Fact]
    public async Task Choosing_a_section_of_another_campaigns_outline_on_the_which_section_card_opens_nothing_of_it() =>
        await InDraftingFlowAsync(id => new JsonObject { ["command"] = DraftingEntry.Start, ["sectionId"] = id.ToString() }, _world.ForeignSectionId);

    [Fact]
    public async Task Loading_units_from_a_file_kept_in_another_admins_conversation_loads_nothing() =>
        await AttackAsync(_admin, id => new JsonObject
        {
            ["command"] = UnitCsvFileCommand.LoadCommand, ["fileId"] = _world.OtherAdminsKeptFile.Id, ["campaignId"] = _world.Campaign.Id.ToString(),
        }, Guid.Empty, missing: new JsonObject
        {
            ["command"] = UnitCsvFileCommand.LoadCommand, ["fileId"] = "0123456789abcdef0123456789abcdef", ["campaignId"] = _world.Campaign.Id.ToString(),
        }, expect: "Không còn tệp danh sách đơn vị");

    [Fact]
    public async Task Loading_units_into_a_campaign_that_is_not_open_is_answered_like_a_missing_file()
    {
        // The admin's own CSV, kept while two campaigns were open, then the campaign id swapped for a closed one.
        await using (var db = _app.OpenStore())
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == _world.OtherCampaign.Id);
            campaign.Status = CampaignStatus.Closed;
            await db.SaveChangesAsync();
        }
        await _admin.Client.UploadAsync("don-vi.csv", "Tên đơn vị;Nhóm;Có chi ủy\nChi bộ thử;Cấp cơ sở;không\n"u8.ToArray(), "text/csv");
        await _admin.Client.ReadBotActivitiesAsync(1);
        await using (var db = _app.OpenStore())
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == _world.OtherCampaign.Id);
            campaign.Status = CampaignStatus.Open;
            await db.SaveChangesAsync();
        }
        await _admin.Client.UploadAsync("don-vi.csv", "Tên đơn vị;Nhóm;Có chi ủy\nChi bộ thử;Cấp cơ sở;không\n"u8.ToArray(), "text/csv");
        var choice = DraftingChat.LastCard(await _admin.Client.ReadBotActivitiesAsync(1))!;
        var keptId = DraftingChat.Actions(choice).First()["data"]!["fileId"]!.GetValue<string>();
        await using (var db = _app.OpenStore())
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == _world.OtherCampaign.Id);
            campaign.Status = CampaignStatus.Closed;
            await db.SaveChangesAsync();
        }

        await AttackAsync(_admin, id => new JsonObject
        {
            ["command"] = UnitCsvFileCommand.LoadCommand, ["fileId"] = keptId, ["campaignId"] = id.ToString(),
        }, _world.OtherCampaign.Id, expect: "Không còn tệp danh sách đơn vị");
    }

    [Theory]
    [InlineData(PlanConfirmCard.ConfirmCommand, "Không tìm thấy kế hoạch cần xác nhận")]
    [InlineData(PlanConfirmCard.DiscardCommand, "Kế hoạch này không còn chờ xác nhận")]
    public async Task Confirming_or_discarding_another_admins_plan_import_changes_nothing(string command, string expect) =>
        await AttackAsync(_admin, id => new JsonObject { ["command"] = command, ["importId"] = id.ToString() }, _world.OtherAdminsImport.Id, expect: expect);

    [Fact]
    public async Task A_leader_drilling_into_a_group_of_units_they_do_not_lead_sees_none_of_them()
    {
        var answer = await AttackAsync(_leader, id => new JsonObject { ["command"] = "tinh-hinh-nop", ["groupId"] = id.ToString() }, _world.UnitB.GroupId);

        Assert.DoesNotContain(_world.UnitB.Name, answer);
    }

    /// <summary>
    /// Presses a button of the attacker's own drafting flow (started on unit A) with a foreign id in its data. The
    /// button carries the current flow token, as a real press would.
    /// </summary>
    private async Task InDraftingFlowAsync(Func<Guid, JsonObject> data, Guid foreignId, string? expect = null, Func<Task>? afterwards = null, bool silent = false)
    {
        await _drafter.SayAsync("soạn báo cáo");
        await AttackAsync(_drafter, id =>
        {
            var value = data(id);
            value["_step"] = AdversarialWorld.Token(_drafter.Card);
            return value;
        }, foreignId, expect: expect, afterwards: afterwards, silent: silent);
    }

    /// <summary>
    /// Sends <paramref name="data"/> with <paramref name="foreignId"/>, then with an id that exists nowhere (or
    /// <paramref name="missing"/>), and returns the first answer after checking it equals the second, that the store
    /// changed only in the attacker's own transcript and that the Connector received nothing.
    /// </summary>
    private async Task<string> AttackAsync(
        DraftingChat chat, Func<Guid, JsonObject> data, Guid foreignId, JsonObject? missing = null, string? expect = null, Func<Task>? afterwards = null, bool silent = false)
    {
        // The turn runs inside the POST, replies included: one poll afterwards sees all of them.
        async Task<IReadOnlyList<Activity>> SendAsync(JsonObject value)
        {
            if (!silent)
                return await chat.SubmitAsync(value);
            await chat.Client.SendAsync(null, value);
            return [.. (await chat.Client.PollAsync()).Where(a => a.From?.Role == "bot" && a.Type == ActivityTypes.Message)];
        }

        StoreSnapshot before;
        await using (var db = _app.OpenStore())
            before = await StoreSnapshot.TakeAsync(db);

        var foreign = AdversarialWorld.Answer(await SendAsync(data(foreignId)));
        if (afterwards is not null)
            await afterwards();

        await using (var db = _app.OpenStore())
            (await StoreSnapshot.TakeAsync(db)).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);
        Assert.Empty(_connector.Requests);
        if (expect is not null)
            Assert.Contains(expect, foreign);

        var absent = AdversarialWorld.Answer(await SendAsync(missing ?? data(Guid.NewGuid())));
        Assert.Equal(absent, foreign);
        return foreign;
    }
}
