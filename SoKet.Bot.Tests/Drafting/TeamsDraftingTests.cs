using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;
using SoKet.Bot.People;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>Drafting from Teams: the card's buttons as Action.Execute invokes, answered with the next card in the invoke response.</summary>
public sealed class TeamsDraftingTests : IAsyncLifetime
{
    private const string Email = "an.nv@hatinh.dcs.vn";
    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _http = _app.CreateHttpClient();
        await using var db = _app.OpenStore();
        var seed = await DraftingSeed.CreateAsync(db, [], DraftingSeed.HaTinh);
        var person = new Person { Id = Guid.NewGuid(), Email = Email, DisplayName = "Nguyễn Văn An" };
        db.People.Add(person);
        db.UnitMembers.Add(new UnitMember { UnitId = seed.Unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Action_Execute_opens_and_saves_a_section_and_answers_with_the_next_card_in_the_invoke_response()
    {
        var message = TeamsActivities.Message(_connector.ServiceUrl, "soạn báo cáo");
        _connector.AddMember(message.From!.Id!, "Nguyễn Văn An", Email);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(message)).StatusCode);
        var overview = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == message.Id && r.Activity?.Attachments?.Count > 0, TimeSpan.FromSeconds(10));
        var resume = FindAction(overview.Activity!.Attachments![0].Content!, "Soạn tiếp")!;

        var opened = await ExecuteAsync(message, resume["data"]!.AsObject());
        Assert.Equal("application/vnd.microsoft.card.adaptive", opened["type"]!.GetValue<string>());
        var section = opened["value"]!.AsObject();
        Assert.Contains("KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH", section.ToJsonString(ProtocolJson.Options));

        var save = FindAction(section, "Lưu và tiếp tục")!["data"]!.AsObject();
        save["text"] = "Tình hình đơn vị ổn định.";
        var next = await ExecuteAsync(message, save);

        Assert.Equal(200, next["statusCode"]!.GetValue<int>());
        Assert.Contains("Mục 2/", next["value"]!.ToJsonString(ProtocolJson.Options));
        var again = await ExecuteAsync(message, save);
        Assert.Equal("application/vnd.microsoft.activity.message", again["type"]!.GetValue<string>());
        await using var db = _app.OpenStore();
        Assert.Equal("Tình hình đơn vị ổn định.", (await db.SectionDrafts.SingleAsync()).Text);
        Assert.Equal(1, await db.SectionRevisions.CountAsync());
    }

    private async Task<JsonObject> ExecuteAsync(Activity after, JsonObject data)
    {
        var invoke = TeamsActivities.Invoke(_connector.ServiceUrl, "adaptiveCard/action", new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "drafting", ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        }, after.Conversation!.Id);
        invoke.From = after.From;
        var response = await PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private Task<HttpResponseMessage> PostAsync(Activity activity) =>
        _http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
}
