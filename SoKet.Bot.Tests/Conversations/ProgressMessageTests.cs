using System.Text;
using System.Text.Json;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Conversations;

/// <summary>
/// A long operation in a turn (here the consolidation, made "long" by showing progress at once) posts a progress
/// message and edits it in place to its final words; the result still arrives as the turn's reply.
/// </summary>
public sealed class ProgressMessageTests : IDisposable
{
    private readonly BotApp _app = new();

    public ProgressMessageTests()
    {
        _app.Settings["Progress:ShowAfter"] = "00:00:00";
        _app.Settings["Progress:UpdateEvery"] = "00:00:00";
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task In_web_chat_the_progress_message_is_replaced_by_its_final_version_and_the_file_follows()
    {
        var chat = new DirectLineClient(_app.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        await using (var db = _app.OpenStore())
        {
            await DraftingSeed.CreateAsync(db, [("someone-else", "Nguyễn Văn An")], DraftingSeed.HaTinh);
            await DraftingSeed.AddOfficeAsync(db, chat.UserId);
        }

        await chat.SendAsync("tổng hợp báo cáo");
        var replies = await chat.ReadBotActivitiesAsync(2);
        chat.Rewind();
        var everything = (await chat.PollAsync()).Where(a => a.From?.Role == "bot").ToList();

        var progress = Assert.Single(everything, a => a.Text?.StartsWith("Đang tổng hợp báo cáo", StringComparison.Ordinal) == true);
        Assert.Equal("Đang tổng hợp báo cáo: đã xử lý xong 1/1 đơn vị.", progress.Text);
        Assert.Contains(replies, r => r.Attachments?.Any(a => a.Name?.EndsWith(".docx", StringComparison.Ordinal) == true) == true);
    }

    [Fact]
    public async Task In_teams_the_progress_message_is_edited_through_the_connector()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var http = _app.CreateHttpClient();
        var ask = TeamsActivities.Message(connector.ServiceUrl, "tổng hợp báo cáo");
        await using (var db = _app.OpenStore())
        {
            await DraftingSeed.CreateAsync(db, [("someone-else", "Nguyễn Văn An")], DraftingSeed.HaTinh);
            db.People.Add(new Person { Id = Guid.NewGuid(), DisplayName = "Văn phòng Tỉnh ủy", ChannelId = ChannelIds.Teams, ChannelUserId = ask.From!.Id, IsAdmin = true });
            await db.SaveChangesAsync();
        }

        await http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(ask, ProtocolJson.Options), Encoding.UTF8, "application/json"));
        var update = await connector.WaitForRequestAsync(r => r.Operation == ConnectorOperation.UpdateActivity, TimeSpan.FromSeconds(15));

        var posted = Assert.Single(connector.Requests, r => r.Operation is ConnectorOperation.ReplyToActivity or ConnectorOperation.SendToConversation
            && r.Activity?.Text?.StartsWith("Đang tổng hợp báo cáo", StringComparison.Ordinal) == true);
        Assert.Equal("Đang tổng hợp báo cáo: đã xử lý 1/1 đơn vị…", posted.Activity!.Text);
        Assert.Equal("Đang tổng hợp báo cáo: đã xử lý xong 1/1 đơn vị.", update.Activity!.Text);
        Assert.Equal(ask.Conversation!.Id, update.ConversationId);
        Assert.False(string.IsNullOrEmpty(update.ActivityId));
    }
}
