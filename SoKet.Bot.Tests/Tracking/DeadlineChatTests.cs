using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Tracking;

/// <summary>
/// A unit member asks about deadlines in chat (Teams and the web chat) and gets their own group's answer from the Lai
/// Châu plan: a line or two first, the plan's sentences behind «Trích kế hoạch».
/// </summary>
[Trait("Category", "Store")]
public sealed class DeadlineChatTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;
    private readonly Dictionary<string, string> _aadByGroup = [];
    private readonly Dictionary<string, string> _webUserByGroup = [];

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        // 10:00 on 28/05/2023 in Hà Nội.
        var clock = new ManualTimeProvider(new DateTimeOffset(2023, 5, 28, 3, 0, 0, TimeSpan.Zero));
        _app.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        _http = _app.CreateHttpClient();

        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", "ke-hoach-125-KH-ThU-lai-chau-2023.txt"));
        var campaign = CampaignFactory.Create(PlanImporter.Extract(text), text, "125.txt", "test", DateTime.UtcNow);
        await using var db = _app.OpenStore();
        db.Campaigns.Add(campaign);
        foreach (var group in campaign.Groups.Where(g => !g.IsIssuer))
        {
            var person = new Person { Id = Guid.NewGuid(), AadObjectId = Guid.NewGuid().ToString(), DisplayName = "Cán bộ " + group.Name };
            var webUser = new Person
            {
                Id = Guid.NewGuid(), DisplayName = "Cán bộ web " + group.Name, ChannelId = ChannelIds.WebChat, ChannelUserId = "wc-" + Guid.NewGuid().ToString("N")[..16],
            };
            var unit = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Đơn vị " + group.Name, GroupId = group.Id };
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id });
            unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = webUser.Id });
            db.People.AddRange(person, webUser);
            db.Units.Add(unit);
            _aadByGroup[group.Name] = person.AadObjectId;
            _webUserByGroup[group.Name] = webUser.ChannelUserId;
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("hạn nộp báo cáo khi nào?")]
    [InlineData("khi nao phai nop")]
    [InlineData("Hạn nộp báo cáo khi nào ạ?")]
    public async Task A_grassroots_unit_learns_its_report_deadline_and_the_days_left(string question)
    {
        var reply = await AskAsync("Cấp cơ sở", question);

        Assert.Contains("30/06/2023", reply);
        Assert.Contains("còn 33 ngày", reply);
        Assert.Contains("Trích kế hoạch", reply);
    }

    [Fact]
    public async Task In_Teams_the_answer_is_a_line_or_two_with_the_plan_s_words_behind_a_toggle()
    {
        var card = await AskCardAsync("Cấp cơ sở", "han nop bao cao khi nao");

        AssertShortAnswerWithHiddenQuote(card);
    }

    [Fact]
    public async Task In_the_web_chat_the_answer_is_a_line_or_two_with_the_plan_s_words_behind_a_toggle()
    {
        var chat = await _app.OpenWebChatAsync(_webUserByGroup["Cấp cơ sở"]);

        await chat.SendAsync("han nop bao cao khi nao");
        // A new web chat conversation is greeted first.
        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(2), a => a.Attachments is { Count: > 0 });

        AssertShortAnswerWithHiddenQuote(reply.Attachments![0].Content!.AsObject());
        Assert.StartsWith("Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn gửi báo cáo sơ kết.", reply.Summary);
    }

    /// <summary>
    /// First the date with its weekday, the days left, what is due and where it goes, in one short line; the group and
    /// plan under it; the plan's two paragraphs only behind «Trích kế hoạch» (hidden until pressed).
    /// </summary>
    private static void AssertShortAnswerWithHiddenQuote(JsonObject card)
    {
        var answer = card["body"]![0]!["items"]!.AsArray();
        var first = answer[0]!["text"]!.GetValue<string>();
        Assert.Equal("Thứ Sáu, 30/06/2023 (còn 33 ngày): hạn gửi báo cáo sơ kết. Nơi nhận: Ban Thường vụ Thành ủy (qua Văn phòng Thành ủy).", first);
        Assert.True(first.Split(' ').Length <= 25, first);
        var toggle = answer.Single(e => e!["type"]!.GetValue<string>() == "ActionSet")!["actions"]![0]!;
        Assert.Equal("Action.ToggleVisibility", toggle["type"]!.GetValue<string>());
        Assert.Equal("Trích kế hoạch", toggle["title"]!.GetValue<string>());
        var target = toggle["targetElements"]![0]!.GetValue<string>();
        var quote = answer.Single(e => e!["id"]?.GetValue<string>() == target)!;
        Assert.False(quote["isVisible"]!.GetValue<bool>());
        Assert.Contains("trước ngày 30/6/2023", quote.ToJsonString(ProtocolJson.Options), StringComparison.Ordinal);
        // Nothing of the plan's sentences is in the visible part.
        var visible = string.Join("\n", answer.Where(e => e!["type"]!.GetValue<string>() == "TextBlock").Select(e => e!["text"]!.GetValue<string>()));
        Assert.DoesNotContain("Cấp ủy, các chi bộ", visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decomposed_unicode_gets_the_same_answer()
    {
        var reply = await AskAsync("Cấp cơ sở", "hạn nộp báo cáo khi nào?".Normalize(NormalizationForm.FormD));

        Assert.Contains("30/06/2023", reply);
    }

    [Fact]
    public async Task The_people_s_council_group_gets_its_own_earlier_deadline()
    {
        var group = _aadByGroup.Keys.First(g => g.Contains("HĐND", StringComparison.Ordinal));

        var reply = await AskAsync(group, "han nop bao cao khi nao");

        Assert.Contains("25/06/2023", reply);
        Assert.DoesNotContain("30/06/2023", reply);
    }

    [Fact]
    public async Task Where_to_send_names_the_recipient_and_the_office()
    {
        var reply = await AskAsync("Cấp cơ sở", "gửi báo cáo cho ai?");

        Assert.Contains("Văn phòng Thành ủy", reply);
    }

    private async Task<string> AskAsync(string group, string text) => (await AskCardAsync(group, text)).ToJsonString(ProtocolJson.Options);

    private async Task<JsonObject> AskCardAsync(string group, string text)
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, text);
        activity.From!.AadObjectId = _aadByGroup[group];
        var response = await _http.PostAsync("/api/messages",
            new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == activity.Id, TimeSpan.FromSeconds(10));
        return reply.Activity!.Attachments![0].Content!.AsObject();
    }
}
