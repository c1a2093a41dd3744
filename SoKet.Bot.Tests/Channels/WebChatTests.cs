using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Channels;

/// <summary>The built-in web chat channel over real HTTP, through the Direct Line subset Web Chat uses.</summary>
[Trait("Category", "Store")]
public sealed class WebChatTests : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task New_conversation_is_greeted_in_Vietnamese()
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();

        var greeting = Assert.Single(await client.ReadBotActivitiesAsync(1));
        Assert.Contains("Trợ lý sơ kết", greeting.Text);
        Assert.Contains("trợ giúp", greeting.Text);
    }

    [Theory]
    [InlineData("trợ giúp")]
    [InlineData("tro giup")]
    [InlineData("Xin chào")]
    [InlineData("TRỢ GIÚP!")]
    public async Task Help_phrases_answer_with_the_help_card(string text)
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();
        await client.ReadBotActivitiesAsync(1);

        await client.SendAsync(text);

        var reply = Assert.Single(await client.ReadBotActivitiesAsync(1));
        AssertHelpCard(reply);
    }

    [Fact]
    public async Task Decomposed_unicode_is_understood()
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();
        await client.ReadBotActivitiesAsync(1);

        await client.SendAsync("trợ giúp".Normalize(NormalizationForm.FormD));

        AssertHelpCard(Assert.Single(await client.ReadBotActivitiesAsync(1)));
    }

    [Fact]
    public async Task User_message_is_echoed_with_its_client_activity_id_before_the_reply()
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();
        await client.ReadBotActivitiesAsync(1);

        var id = await client.SendAsync("tro giup", clientActivityId: "client-1");
        await client.ReadBotActivitiesAsync(1);

        client.Rewind();
        var all = (await client.PollAsync()).ToList();
        var echo = all.Single(a => a.Id == id);
        Assert.Equal("user", echo.From?.Role);
        Assert.Equal("client-1", echo.ChannelData?["clientActivityID"]?.GetValue<string>());
        var replyIndex = all.FindIndex(a => a.ReplyToId == id);
        Assert.True(replyIndex > all.IndexOf(echo), "the reply must come after the echo");
    }

    [Fact]
    public async Task A_resent_message_is_handled_once()
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();
        await client.ReadBotActivitiesAsync(1);

        var first = await client.SendAsync("tro giup", clientActivityId: "same");
        var second = await client.SendAsync("tro giup", clientActivityId: "same");

        Assert.Equal(first, second);
        var replies = await client.ReadBotActivitiesAsync(2, TimeSpan.FromSeconds(2));
        Assert.Single(replies);
    }

    [Fact]
    public async Task Another_users_token_cannot_read_or_write_the_conversation()
    {
        var alice = new DirectLineClient(_app.CreateHttpClient());
        await alice.StartAsync();
        var bob = new DirectLineClient(_app.CreateHttpClient());
        await bob.StartAsync();

        using var http = _app.CreateHttpClient();
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bob.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(read)).StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", alice.Token[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task Bad_payloads_are_refused_and_leave_no_trace()
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();
        await client.ReadBotActivitiesAsync(1);
        var before = await CountActivitiesAsync();

        var malformed = await client.PostRawAsync(new StringContent("{\"type\":\"message\",\"text\":", Encoding.UTF8, "application/json"));
        var empty = await client.PostRawAsync(new StringContent("", Encoding.UTF8, "application/json"));
        var huge = await client.PostRawAsync(JsonContent.Create(new JsonObject { ["type"] = "message", ["text"] = new string('a', 1024 * 1024) }));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("JSON", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(before, await CountActivitiesAsync());
    }

    [Fact]
    public async Task Unknown_text_gets_a_polite_vietnamese_answer()
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();
        await client.ReadBotActivitiesAsync(1);

        await client.SendAsync("asdf qwerty");

        var reply = Assert.Single(await client.ReadBotActivitiesAsync(1));
        Assert.Contains("chưa hiểu", reply.Text);
        Assert.Contains("asdf qwerty", reply.Text);
        Assert.Contains(reply.SuggestedActions!.Actions, a => a.Title == "Trợ giúp");
    }

    internal static void AssertHelpCard(Activity reply)
    {
        var attachment = Assert.Single(reply.Attachments ?? []);
        Assert.Equal(Attachment.AdaptiveCardContentType, attachment.ContentType);
        Assert.Equal("AdaptiveCard", attachment.Content?["type"]?.GetValue<string>());
        Assert.Equal("1.5", attachment.Content?["version"]?.GetValue<string>());
        Assert.Contains("soạn báo cáo", attachment.Content!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<int> CountActivitiesAsync()
    {
        await using var db = _app.OpenStore();
        return await db.WebChatActivities.CountAsync();
    }
}
