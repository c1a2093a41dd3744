using SoKet.Bot.Reports;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Issue #13 over real HTTP: an anonymous web chat user sends the largest message the channel accepts
/// (Channels:MaxActivityBytes, 256 KB of JSON) made of glued syllables. The bot answers as it answers any text it
/// does not understand; a drafter's long text is still saved whole; a larger body is refused with a clear message.
/// How long the turn takes is measured outside the suite (see the closing note), never asserted here.
/// </summary>
[Trait("Category", "Store")]
public sealed class GluedSyllableFloodWebChatTests : IDisposable
{
    private const int MaxActivityBytes = 256 * 1024;

    // Room for the rest of the activity's JSON (type, from, locale, channelData), so the body stays under the limit.
    private const int LargestText = MaxActivityBytes - 1024;

    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    private static string Glued(int length) =>
        new StringBuilder(length + 6).Insert(0, "hannop", length / 6 + 1).ToString(0, length);

    [Fact]
    public async Task A_message_of_glued_syllables_gets_the_usual_polite_answer()
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();
        await client.ReadBotActivitiesAsync(1);

        await client.SendAsync(Glued(LargestText));

        var reply = Assert.Single(await client.ReadBotActivitiesAsync(1));
        Assert.Contains("Tôi chưa hiểu yêu cầu «hannophannop", reply.Text);
        Assert.Contains("…»", reply.Text);
        Assert.True(reply.Text!.Length < 300, "the message is quoted by its beginning only");
        Assert.Contains(reply.SuggestedActions!.Actions, a => a.Title == "Trợ giúp");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_a_clear_vietnamese_message()
    {
        var client = new DirectLineClient(_app.CreateHttpClient());
        await client.StartAsync();
        await client.ReadBotActivitiesAsync(1);

        using var response = await client.PostRawAsync(JsonContent.Create(new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = client.UserId, ["role"] = "user" },
            ["text"] = Glued(MaxActivityBytes),
        }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("PayloadTooLarge", error["code"]!.GetValue<string>());
        Assert.Equal("Nội dung gửi lên vượt quá giới hạn 256 KB.", error["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("glued")]
    [InlineData("prose")]
    public async Task Text_typed_into_an_open_section_beyond_a_sections_limit_is_refused_and_nothing_is_stored(string kind)
    {
        var drafter = await DraftingChat.OpenAsync(_app);
        await using (var db = _app.OpenStore())
            await DraftingSeed.CreateAsync(db, [(drafter.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        await drafter.SayAsync("soạn báo cáo");
        await drafter.PressAsync("Soạn tiếp");
        // Typed without diacritics, as many users do: every character is one byte of the body.
        var text = kind == "glued"
            ? Glued(LargestText)
            : new StringBuilder().Insert(0, "Chi bo da lanh dao hoan thanh cac chi tieu chu yeu cua nam, khi nao cung vay. ", LargestText / 80).ToString().TrimEnd();

        var replies = await drafter.SayAsync(text);

        // A section holds at most what its card and the editor take (ReportService.MaxSectionChars): the answer says so
        // and the section keeps what it had; the paste itself stays in the chat above the answer.
        Assert.Contains("dài quá 20.000 ký tự", DraftingChat.Texts(replies));
        await using var store = _app.OpenStore();
        Assert.Equal(0, await store.SectionRevisions.CountAsync());
        Assert.DoesNotContain(await store.SectionDrafts.Select(d => d.Text).ToListAsync(), t => t.Length > 0);
    }
}
