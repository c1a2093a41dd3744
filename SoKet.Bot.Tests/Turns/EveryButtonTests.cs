using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Help;
using SoKet.Bot.Reports;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Turns;

/// <summary>
/// Every button of every card of the main flows is pressed, each on a freshly shown card, by the person the card is
/// for: none may answer "Tôi chưa hiểu", "không còn được hỗ trợ" or "đã được xử lý". (The start-up check proves every
/// button names a route; this proves pressing it does what a user expects of a live card.)
/// </summary>
public sealed class EveryButtonTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private DraftingChat _member = null!;
    private DraftingChat _office = null!;
    private DraftingChat _leader = null!;

    public async Task InitializeAsync()
    {
        // Only the office is an admin: the member sees the member's help card.
        _app.Settings["People:LocalWebChatUsersAreAdmins"] = "false";
        _member = await DraftingChat.OpenAsync(_app);
        _office = await DraftingChat.OpenAsync(_app);
        _leader = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        await DraftingSeed.CreateAsync(db, [(_member.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh, leaderUserId: _leader.Client.UserId);
        await DraftingSeed.AddOfficeAsync(db, _office.Client.UserId);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_button_of_the_help_card_works_for_a_member_and_for_the_office()
    {
        var memberButtons = await PressEveryButtonAsync(_member, () => _member.SayAsync("trợ giúp"));
        var officeButtons = await PressEveryButtonAsync(_office, () => _office.SayAsync("trợ giúp"));

        Assert.Equal(["Soạn báo cáo", "Nhập chỉ tiêu", "Gợi ý dự thảo", "Xem hạn nộp"], memberButtons);
        Assert.Equal([.. memberButtons, "Xem tình hình", "Đôn đốc", "Tổng hợp báo cáo"], officeButtons);
    }

    [Fact]
    public async Task A_leader_who_is_not_office_staff_is_offered_the_status_and_not_the_offices_other_commands()
    {
        var leaderButtons = await PressEveryButtonAsync(_leader, () => _leader.SayAsync("trợ giúp"));

        Assert.Equal(["Soạn báo cáo", "Nhập chỉ tiêu", "Gợi ý dự thảo", "Xem hạn nộp", "Xem tình hình"], leaderButtons);
    }

    [Fact]
    public async Task Every_example_of_the_help_card_is_understood_and_none_becomes_text_of_an_open_section()
    {
        await _member.SayAsync("soạn báo cáo");
        await _member.PressAsync("Soạn tiếp");
        var member = HelpCard.Create(isAdmin: false);
        var office = HelpCard.Create(isAdmin: true);

        foreach (var example in member.Commands.SelectMany(c => c.Examples))
        {
            // Each example typed where a paragraph would join the report: an open section.
            var opened = await _member.SayAsync("soạn báo cáo");
            Assert.NotNull(FindAction(LastCard(opened)!, "Lưu và tiếp tục"));
            var said = Texts(await _member.SayAsync(example));
            Assert.False(said.Contains("Tôi chưa hiểu", StringComparison.Ordinal), $"«{example}» was not understood: {said}");
            Assert.False(said.Contains("Thêm đoạn này", StringComparison.Ordinal), $"«{example}» was offered as text of the section: {said}");
            Assert.False(said.Contains("Không tìm thấy", StringComparison.Ordinal), $"«{example}» names what the demo outline lacks: {said}");
        }
        foreach (var example in office.Commands.Concat(office.AdminCommands).SelectMany(c => c.Examples))
        {
            var said = Texts(await _office.SayAsync(example));
            Assert.False(said.Contains("Tôi chưa hiểu", StringComparison.Ordinal), $"«{example}» was not understood by the office: {said}");
        }

        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionDrafts.CountAsync());
    }

    [Fact]
    public async Task Every_button_of_the_overview_section_indicator_and_submit_cards_works()
    {
        await _member.SayAsync("soạn báo cáo");
        await _member.PressAsync("Soạn tiếp");
        await _member.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn." });
        await _member.SayAsync("phụ lục chỉ tiêu");
        await _member.PressAsync("Lưu chỉ tiêu", new { name = "Kết nạp đảng viên mới", unitOfMeasure = "đảng viên", target = "5", result = "4", estimate = "6" });

        var overview = await PressEveryButtonAsync(_member, () => _member.SayAsync("mục lục"));
        var section = await PressEveryButtonAsync(_member, async () =>
        {
            // The first section of the outline (the overview's first «Mở»), whatever the unit worked on last.
            var outline = LastCard(await _member.SayAsync("mục lục"))!;
            return await _member.SubmitAsync(FindAction(outline, "Mở")!["data"]!.DeepClone());
        }, inputs: new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn; 100% đảng viên học tập nghị quyết." });
        var row = new { name = "Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ", unitOfMeasure = "%", target = "90", result = "92", estimate = "92" };
        var indicators = await PressEveryButtonAsync(_member, async () =>
        {
            // «Xóa» deleted the row: the table is shown again with one, so every press finds the same buttons.
            var shown = await _member.SayAsync("phụ lục chỉ tiêu");
            if (FindAction(LastCard(shown)!, "Xóa") is not null)
                return shown;
            var added = await _member.PressAsync("Lưu chỉ tiêu", row);
            return FindAction(LastCard(added)!, "Xóa") is not null ? added : throw new InvalidOperationException("Adding a row failed: " + Texts(added));
        }, inputs: row);
        // The overview's «Gửi xin ý kiến» left the draft with the leader, so the card offers «Vẫn nộp, không chờ ý kiến»
        // instead of «Xác nhận nộp» (SubmissionRulesTests covers both); it goes last: once submitted, no submission card.
        var submit = await PressEveryButtonAsync(_member, () => _member.SayAsync("nộp báo cáo"), lastTitle: "Vẫn nộp, không chờ ý kiến");

        Assert.Contains("Xem toàn bộ", overview);
        Assert.Contains("Gửi xin ý kiến", overview);
        Assert.Contains("Lưu và tiếp tục", section);
        Assert.Contains("Sửa", indicators);
        Assert.Contains("Xóa", indicators);
        Assert.Equal(["Chưa nộp", "Vẫn nộp, không chờ ý kiến"], submit);
    }

    [Fact]
    public async Task Every_button_of_the_leaders_review_card_works()
    {
        await _member.SayAsync("soạn báo cáo");
        await _member.PressAsync("Soạn tiếp");
        await _member.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn." });

        var review = await PressEveryButtonAsync(_leader, async () =>
        {
            // Each press answers one round of review: the member sends the draft again for the next button.
            await _member.SayAsync("gửi xin ý kiến");
            return await _leader.Client.ReadBotActivitiesAsync(1, TimeSpan.FromSeconds(10)) is var received && LastCard(received) is { } card
                ? received
                : throw new InvalidOperationException("The leader received no review card.");
        });

        Assert.Equal(["Đồng ý", "Trả lại"], review);
    }

    [Fact]
    public async Task Every_button_of_the_status_card_works_for_the_office()
    {
        await _member.SayAsync("soạn báo cáo");

        var status = await PressEveryButtonAsync(_office, () => _office.SayAsync("tình hình nộp báo cáo"));

        Assert.Contains("Xuất CSV", status);
    }

    /// <summary>Shows the card with <paramref name="show"/> before each press (buttons of a live card, never a stale one) and presses each of its buttons once.</summary>
    private static async Task<List<string>> PressEveryButtonAsync(
        DraftingChat chat, Func<Task<IReadOnlyList<Activity>>> show, object? inputs = null, string? lastTitle = null)
    {
        var first = LastCard(await show()) ?? throw new InvalidOperationException("No card was shown.");
        var buttons = Actions(first).OrderBy(b => b["title"]?.GetValue<string>() == lastTitle ? 1 : 0).ToList();
        var titles = new List<string>();
        for (var i = 0; i < buttons.Count; i++)
        {
            // The same button on the freshly shown card: same title, same occurrence among buttons of that title
            // (a table may have grown a row meanwhile, so positions are not compared).
            var wanted = Kind(buttons[i]);
            var occurrence = buttons.Take(i).Count(b => Kind(b) == wanted);
            var card = i == 0 ? first : LastCard(await show())!;
            var button = Actions(card).Where(b => Kind(b) == wanted).ElementAtOrDefault(occurrence)
                ?? throw new InvalidOperationException($"The card shown again has no button «{wanted}»: {string.Join(", ", Titles(card))}");
            var title = button["title"]?.GetValue<string>() ?? "";
            var data = (button["data"]?.DeepClone() as JsonObject) ?? [];
            if (inputs is not null)
                foreach (var (key, value) in System.Text.Json.JsonSerializer.SerializeToNode(inputs)!.AsObject())
                    data.TryAdd(key, value?.DeepClone());
            var replies = await chat.SubmitAsync(data);
            var said = Texts(replies);
            Assert.False(said.Contains("Tôi chưa hiểu", StringComparison.Ordinal), $"«{title}» was not understood: {said}");
            Assert.False(said.Contains("không còn được hỗ trợ", StringComparison.Ordinal), $"«{title}» leads nowhere: {said}");
            Assert.False(said.Contains("đã được xử lý.", StringComparison.Ordinal), $"«{title}» on a fresh card was taken as stale: {said}");
            Assert.False(said.Contains("không còn hiệu lực", StringComparison.Ordinal), $"«{title}» on a fresh card belongs to an ended flow: {said}");
            titles.Add(title);
        }
        return titles;
    }

    /// <summary>A button's title without what follows a colon ("Soạn tiếp: <the section>" names where the unit left off).</summary>
    private static string Kind(JsonObject button) => (button["title"]?.GetValue<string>() ?? "").Split(':')[0];
}
