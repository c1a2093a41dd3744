using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>
/// Typing freely with a section open: everyday words move the flow and never become report text, a paragraph is
/// saved (and can be taken back), a short line is asked about first — in the web chat and in Teams.
/// </summary>
public sealed class TypedTextTests : IAsyncLifetime
{
    private const string Paragraph = "Chi bộ đã quán triệt nghị quyết đến toàn thể đảng viên, tổ chức học tập nghiêm túc.";
    private readonly BotApp _app = new();
    private DraftingChat _an = null!;

    public async Task InitializeAsync()
    {
        _an = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        await DraftingSeed.CreateAsync(db, [(_an.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("tiep tuc")]
    [InlineData("Tiếp tục")]
    [InlineData("tiếp")]
    [InlineData("mục sau")]
    [InlineData("xong")]
    [InlineData("lưu")]
    [InlineData("quay lai")]
    [InlineData("thoát")]
    public async Task Everyday_words_in_a_section_view_are_commands_and_save_nothing(string typed)
    {
        var replies = await _an.SayAsync(typed);

        Assert.NotEmpty(replies);
        Assert.DoesNotContain("Thêm đoạn này vào mục", Texts(replies));
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionRevisions.CountAsync());
        Assert.DoesNotContain(await db.SectionDrafts.Select(d => d.Text).ToListAsync(), t => t.Length > 0);
    }

    [Fact]
    public async Task A_paragraph_is_saved_said_so_and_can_be_undone()
    {
        var saved = await _an.SayAsync(Paragraph);

        Assert.Contains("Đã lưu nội dung mục «A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH»", Texts(saved));
        await using (var db = _app.OpenStore())
            Assert.Equal(Paragraph, (await db.SectionDrafts.SingleAsync()).Text);

        var undone = await _an.PressAsync("Hoàn tác");

        Assert.Contains("Đã hoàn tác lần lưu vừa rồi", Texts(undone));
        await using var check = _app.OpenStore();
        Assert.Equal("", (await check.SectionDrafts.SingleAsync()).Text);
        // The history keeps both: what was typed and what the undo restored.
        Assert.Equal([Paragraph, ""], await check.SectionRevisions.OrderBy(r => r.Version).Select(r => r.Text).ToListAsync());
    }

    [Fact]
    public async Task A_second_paragraph_typed_into_a_written_section_is_appended_and_says_so()
    {
        await _an.PressAsync("Lưu", new { text = "Đoạn đầu do đồng chí An soạn trên thẻ." });
        var appended = await _an.SayAsync(Paragraph);

        Assert.Contains("Đã nối thêm đoạn vào cuối mục", Texts(appended));
        await using var db = _app.OpenStore();
        Assert.Equal("Đoạn đầu do đồng chí An soạn trên thẻ.\n\n" + Paragraph, (await db.SectionDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task A_short_line_is_asked_about_and_saved_only_after_them()
    {
        var asked = await _an.SayAsync("Đã hoàn thành tốt");

        Assert.Contains("Thêm đoạn này vào mục «A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH»?", Texts(asked));
        await using (var db = _app.OpenStore())
            Assert.Equal(0, await db.SectionRevisions.CountAsync());

        await _an.PressAsync("Thêm");

        await using var check = _app.OpenStore();
        Assert.Equal("Đã hoàn thành tốt", (await check.SectionDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task A_short_line_refused_with_Khong_changes_nothing()
    {
        await _an.SayAsync("ok anh");
        var refused = await _an.PressAsync("Không");

        Assert.Contains("Đã bỏ qua đoạn vừa gõ", Texts(refused));
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionRevisions.CountAsync());
    }

    [Fact]
    public async Task In_Teams_tiep_tuc_saves_nothing_and_a_paragraph_is_saved()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var http = _app.CreateHttpClient();
        await using (var db = _app.OpenStore())
        {
            var unit = await db.Units.FirstAsync();
            var person = new Person { Id = Guid.NewGuid(), Email = "chi.tt@hatinh.dcs.vn", DisplayName = "Trần Thị Chi", CreatedAtUtc = DateTime.UtcNow };
            db.People.Add(person);
            db.UnitMembers.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
            await db.SaveChangesAsync();
        }
        var open = TeamsActivities.Message(connector.ServiceUrl, "soạn báo cáo");
        connector.AddMember(open.From!.Id!, "Trần Thị Chi", "chi.tt@hatinh.dcs.vn");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, open)).StatusCode);
        await connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == open.Id, TimeSpan.FromSeconds(10));

        async Task SayAsync(string text)
        {
            var message = TeamsActivities.Message(connector.ServiceUrl, text, open.Conversation!.Id);
            message.From = open.From;
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, message)).StatusCode);
            await connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == message.Id, TimeSpan.FromSeconds(10));
        }

        await SayAsync("Soạn tiếp");
        await SayAsync("tiep tuc");
        await using (var db = _app.OpenStore())
            Assert.Equal(0, await db.SectionRevisions.CountAsync());
        await SayAsync(Paragraph);
        await using var check = _app.OpenStore();
        Assert.Equal([Paragraph], await check.SectionDrafts.Select(d => d.Text).ToListAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, Activity activity) =>
        http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
}
