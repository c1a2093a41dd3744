using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Campaigns.Demo;

/// <summary>`--demo`: a newcomer in the browser is at once a member of a demo unit and can try every flow.</summary>
public sealed class DemoWebChatTests : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_web_chat_user_belongs_to_the_demo_unit_and_gets_its_deadline()
    {
        _app.Settings["Demo:Enabled"] = "true";
        var chat = new DirectLineClient(_app.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);

        await chat.SendAsync("han nop bao cao khi nao");
        var deadline = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        await chat.SendAsync("soạn báo cáo");
        var drafting = Assert.Single(await chat.ReadBotActivitiesAsync(1));

        Assert.Contains("30/06/2023", deadline.Text);
        var card = drafting.Attachments![0].Content!.ToJsonString(SoKet.Bot.Protocol.ProtocolJson.Options);
        Assert.Contains("Chi bộ Phòng Tài chính - Kế hoạch thành phố", card);
        Assert.Contains("125-KH/ThU", card);
    }
}
