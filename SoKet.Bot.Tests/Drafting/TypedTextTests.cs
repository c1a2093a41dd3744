using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
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

    [Theory]
    [InlineData("Nộp báo cáo thống kê hằng quý đầy đủ, đúng hạn.", "nộp báo cáo")]
    [InlineData("Xem toàn bộ hồ sơ quyết toán trước khi trình phê duyệt.", "xem toàn bộ")]
    [InlineData("xem toan bo ho so, so sach truoc khi trinh.", "xem toàn bộ")]
    public async Task A_sentence_that_begins_with_a_command_is_asked_about_as_text_and_never_run(string sentence, string command)
    {
        var asked = await _an.SayAsync(sentence);

        Assert.Contains("Thêm đoạn này vào mục «A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH»?", Texts(asked));
        Assert.Contains($"bắt đầu bằng lệnh «{command}»", Texts(asked));
        await using (var db = _app.OpenStore())
            Assert.Equal(0, await db.SectionRevisions.CountAsync());

        await _an.PressAsync("Thêm");

        await using var check = _app.OpenStore();
        Assert.Equal(sentence, (await check.SectionDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task The_command_alone_still_runs_in_a_section_view()
    {
        var whole = await _an.SayAsync("Xem toàn bộ.");

        Assert.DoesNotContain("Thêm đoạn này vào mục", Texts(whole));
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionRevisions.CountAsync());
    }

    [Fact]
    public async Task Text_typed_on_a_card_whose_flow_was_cancelled_is_given_back_and_the_card_closed()
    {
        const string typed = "Đoạn viết dở trên thẻ trước khi hủy,\nkhông được mất.";
        var sectionCard = _an.Card!;
        var cancelled = await _an.SayAsync("hủy");
        Assert.Contains(SoKet.Bot.Turns.FlowCommands.Cancelled, Texts(cancelled));

        var refused = await _an.PressAsync("Lưu", new { text = typed }, sectionCard);

        Assert.Contains(SoKet.Bot.Turns.TurnTexts.FlowEnded, Texts(refused));
        Assert.Contains(SoKet.Bot.Turns.TypedOnCard.Intro, Texts(refused));
        Assert.Contains("Đoạn viết dở trên thẻ trước khi hủy,", Texts(refused));
        Assert.Contains("không được mất.", Texts(refused));
        await using (var db = _app.OpenStore())
            Assert.Equal(0, await db.SectionRevisions.CountAsync());
        // The cancelled flow's card was closed in place: its buttons are gone and it says why.
        Assert.Contains(_an.Client.Transcript, a => Texts([a]).Contains(SoKet.Bot.Turns.CardLifecycle.CancelledNote, StringComparison.Ordinal) && Titles(CardOf(a)).All(string.IsNullOrEmpty));
    }

    [Fact]
    public async Task Text_typed_on_an_older_card_is_given_back_when_the_press_is_refused()
    {
        var oldCard = _an.Card!;
        await _an.SayAsync("tiếp");

        var refused = await _an.PressAsync("Lưu", new { text = "Nội dung gõ trên thẻ cũ." }, oldCard);

        Assert.Contains(SoKet.Bot.Turns.TypedOnCard.Intro, Texts(refused));
        Assert.Contains("Nội dung gõ trên thẻ cũ.", Texts(refused));
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionRevisions.CountAsync());
    }

    [Fact]
    public async Task A_double_click_on_Luu_saves_once_and_the_second_press_is_not_told_it_saved_nothing()
    {
        var card = _an.Card!;
        await _an.PressAsync("Lưu", new { text = Paragraph }, card);

        var second = await _an.PressAsync("Lưu", new { text = Paragraph }, card);

        Assert.Contains(SoKet.Bot.Turns.TurnTexts.AlreadyHandled, Texts(second));
        Assert.DoesNotContain(SoKet.Bot.Turns.TypedOnCard.Intro, Texts(second));
        await using var db = _app.OpenStore();
        Assert.Equal(1, await db.SectionRevisions.CountAsync());
        Assert.Equal(Paragraph, (await db.SectionDrafts.SingleAsync(d => d.Text.Length > 0)).Text);
    }

    [Fact]
    public async Task A_second_press_of_a_saved_card_with_other_text_gets_that_text_back()
    {
        var card = _an.Card!;
        await _an.PressAsync("Lưu", new { text = Paragraph }, card);

        var second = await _an.PressAsync("Lưu", new { text = "Đoạn sửa thêm trên thẻ đã lưu." }, card);

        Assert.Contains(SoKet.Bot.Turns.TypedOnCard.Intro, Texts(second));
        Assert.Contains("Đoạn sửa thêm trên thẻ đã lưu.", Texts(second));
        await using var db = _app.OpenStore();
        Assert.Equal(1, await db.SectionRevisions.CountAsync());
    }

    [Fact]
    public async Task Saving_the_last_text_section_shows_its_notice_and_undo_on_the_indicator_card()
    {
        await _an.SayAsync("mục lục");
        var opens = Actions(_an.Card!).Where(a => a["title"]?.GetValue<string>() == "Mở").ToList();
        // The indicator table closes the outline: the section before it is the last one written as text.
        await _an.SubmitAsync(opens[^2]["data"]!.DeepClone());

        var saved = await _an.SayAsync(Paragraph);

        Assert.Contains("Phụ lục so sánh kết quả thực hiện với chỉ tiêu nghị quyết", Texts(saved));
        Assert.Contains("Đã lưu nội dung mục", Texts(LastCard(saved) is { } card ? [new Activity { Attachments = [Attachment.AdaptiveCard(card)] }] : []));
        Assert.NotNull(FindAction(_an.Card!, "Hoàn tác"));

        var undone = await _an.PressAsync("Hoàn tác");

        Assert.Contains("Đã hoàn tác lần lưu vừa rồi", Texts(undone));
        await using var db = _app.OpenStore();
        Assert.Equal("", (await db.SectionDrafts.SingleAsync()).Text);
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
    public async Task A_card_save_over_the_section_limit_is_refused_and_nothing_is_stored()
    {
        // The card's maxLength binds only an honest client: a crafted submit carries whatever it likes.
        var refused = await _an.PressAsync("Lưu", new { text = TextOfLength(ReportService.MaxSectionChars + 1) });

        Assert.Contains("Nội dung mục «A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH» dài quá 20.000 ký tự nên chưa được lưu", Texts(refused));
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionRevisions.CountAsync());
        Assert.DoesNotContain(await db.SectionDrafts.Select(d => d.Text).ToListAsync(), t => t.Length > 0);
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Details).ToListAsync(), d => d != null && d.Length > ReportService.MaxSectionChars);
    }

    [Fact]
    public async Task A_card_save_of_exactly_the_section_limit_is_stored()
    {
        var text = TextOfLength(ReportService.MaxSectionChars);

        await _an.PressAsync("Lưu", new { text });

        await using var db = _app.OpenStore();
        Assert.Equal(text, (await db.SectionDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task A_paragraph_that_would_take_the_section_over_the_limit_is_refused_and_the_section_is_unchanged()
    {
        var first = TextOfLength(ReportService.MaxSectionChars - 50);
        await _an.PressAsync("Lưu", new { text = first });

        var refused = await _an.SayAsync(Paragraph);

        Assert.Contains("Nếu nối thêm đoạn vừa gõ, mục «A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH» sẽ dài quá 20.000 ký tự", Texts(refused));
        Assert.DoesNotContain("Đã nối thêm đoạn", Texts(refused));
        await using var db = _app.OpenStore();
        Assert.Equal(first, (await db.SectionDrafts.SingleAsync()).Text);
        Assert.Equal(1, await db.SectionRevisions.CountAsync());
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

    /// <summary>Report prose of exactly <paramref name="length"/> characters, as stored (no trailing space for the store to trim).</summary>
    private static string TextOfLength(int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
            text.Append(Paragraph).Append(' ');
        text.Length = length - 1;
        return text.Append('.').ToString();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, Activity activity) =>
        http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
}
