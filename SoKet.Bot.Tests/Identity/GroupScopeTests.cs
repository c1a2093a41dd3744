using SoKet.Bot.People;
using SoKet.Bot.Reports;
using SoKet.Bot.Campaigns;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using static SoKet.Bot.Tests.Identity.TeamsBot;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// Asked to draft in a Teams group chat or channel (payloads shaped like Teams': the bot @mentioned, thread ids,
/// team and channel in channelData), SoKet answers there with a short notice and a button that opens the 1:1 chat;
/// nothing of the unit's report is ever posted to the group, and nothing is stored.
/// </summary>
[Trait("Category", "Store")]
public sealed class GroupScopeTests : IAsyncLifetime
{
    private const string Member = "an.nv@laichau.dcs.vn";
    private const string Secret = "Chi bộ có 25 đảng viên, bí mật nội bộ.";
    private TeamsBot _bot = null!;
    private TeamsUser _an = null!;

    public async Task InitializeAsync()
    {
        _bot = await TeamsBot.StartAsync();
        _an = _bot.User("Nguyễn Văn An", Member);
        await using var db = _bot.App.OpenStore();
        var seed = await DraftingSeed.CreateAsync(db, [(_an.Id, "Nguyễn Văn An")]);
        var person = await db.People.SingleAsync(p => p.ChannelUserId == _an.Id);
        person.ChannelId = ChannelIds.Teams;
        person.Email = Member;
        var report = new SoKet.Bot.Reports.Report { Id = Guid.NewGuid(), CampaignId = seed.Campaign.Id, UnitId = seed.Unit.Id, Status = SoKet.Bot.Reports.ReportStatus.Drafting };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        var section = seed.Campaign.Sections.OrderBy(s => s.Order).First();
        db.SectionDrafts.Add(new SoKet.Bot.Reports.SectionDraft { Id = Guid.NewGuid(), ReportId = report.Id, SectionId = section.Id, Text = Secret, Version = 1, UpdatedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string, string> Requests() => new()
    {
        { "groupChat", "soạn báo cáo" },
        { "groupChat", "xem toàn bộ" },
        { "channel", "soạn báo cáo" },
        { "channel", "xuất báo cáo" },
        { "channel", "gợi ý hạn chế" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_request_in_a_group_gets_the_notice_and_a_button_to_the_1to1_chat(string conversationType, string request)
    {
        var activity = GroupMessage(conversationType, request);
        await using var before = _bot.App.OpenStore();
        var drafts = await before.SectionDrafts.AsNoTracking().ToListAsync();

        var reply = await _bot.AskAsync(activity);

        var card = Assert.Single(reply.Attachments!).Content!.AsObject();
        Assert.Equal(TurnTexts.PersonalOnly, card["body"]![0]!["text"]!.GetValue<string>());
        var button = card["actions"]![0]!;
        Assert.Equal("Action.OpenUrl", button["type"]!.GetValue<string>());
        Assert.StartsWith($"https://teams.microsoft.com/l/chat/0/0?users=28%3A{AppId}", button["url"]!.GetValue<string>());
        await Task.Delay(300);
        var toGroup = _bot.Connector.Requests.Where(r => r.ConversationId == activity.Conversation!.Id).ToList();
        Assert.Single(toGroup);
        Assert.DoesNotContain(toGroup, r => r.Body.Contains("25 đảng viên", StringComparison.Ordinal) || r.Body.Contains("Chi bộ Phòng Tài chính", StringComparison.Ordinal));
        await using var after = _bot.App.OpenStore();
        Assert.Equal(drafts.Select(d => (d.Id, d.Text, d.Version)), (await after.SectionDrafts.AsNoTracking().ToListAsync()).Select(d => (d.Id, d.Text, d.Version)));
        // No flow was started in the group conversation (its state holds only the conversation reference).
        var state = JsonNode.Parse((await after.ConversationStates.SingleOrDefaultAsync(s => s.Key.EndsWith(activity.Conversation!.Id!)))?.Json ?? "{}")!.AsObject();
        Assert.False(state.ContainsKey("flow"));
    }

    [Fact]
    public async Task The_same_request_in_the_1to1_chat_opens_the_draft()
    {
        var reply = await _bot.SayAsync(_an, "soạn báo cáo");

        Assert.Contains("Chi bộ Phòng Tài chính - Kế hoạch", TextOf(reply));
    }

    /// <summary>A message as Teams delivers it in a group chat or a channel thread, the bot @mentioned.</summary>
    private Activity GroupMessage(string conversationType, string text)
    {
        var thread = conversationType == "channel"
            ? "19:" + Guid.NewGuid().ToString("N")[..20] + "@thread.tacv2;messageid=1700000000123"
            : "19:" + Guid.NewGuid().ToString("N") + "@thread.v2";
        var activity = _bot.Message(_an, $"<at>Trợ lý sơ kết</at> {text}\n", thread, conversationType);
        activity.Conversation!.IsGroup = true;
        activity.Entities =
        [
            new JsonObject
            {
                ["type"] = "mention", ["text"] = "<at>Trợ lý sơ kết</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "Trợ lý sơ kết" },
            },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "vi-VN", ["country"] = "VN", ["platform"] = "Web", ["timezone"] = "Asia/Bangkok" },
        ];
        if (conversationType == "channel")
        {
            var channel = thread.Split(';')[0];
            activity.ChannelData!["teamsChannelId"] = channel;
            activity.ChannelData["teamsTeamId"] = "19:team" + Guid.NewGuid().ToString("N")[..8] + "@thread.tacv2";
            activity.ChannelData["channel"] = new JsonObject { ["id"] = channel };
            activity.ChannelData["team"] = new JsonObject { ["id"] = activity.ChannelData["teamsTeamId"]!.GetValue<string>() };
        }
        return activity;
    }
}
