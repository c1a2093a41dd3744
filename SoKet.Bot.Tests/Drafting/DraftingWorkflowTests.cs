using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Drafting;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>Indicator table, whole draft, leader review and submission, over web chat with real HTTP.</summary>
public sealed class DraftingWorkflowTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private DraftingChat _an = null!;
    private DraftingChat _leader = null!;
    private DraftingChat _office = null!;
    private DraftingSeed _seed = null!;

    public async Task InitializeAsync()
    {
        _an = await DraftingChat.OpenAsync(_app);
        _leader = await DraftingChat.OpenAsync(_app);
        _office = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        _seed = await DraftingSeed.CreateAsync(db, [(_an.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh, leaderUserId: _leader.Client.UserId);
        await DraftingSeed.AddOfficeAsync(db, _office.Client.UserId);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Indicator_rows_are_judged_and_shown_back_and_can_be_edited_and_deleted()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Phụ lục chỉ tiêu");

        await _an.PressAsync("Lưu chỉ tiêu", new { name = "Kết nạp đảng viên mới", unitOfMeasure = "đảng viên", target = "1.000", result = "600", estimate = "1.234,5", lowerIsBetter = "false" });
        var table = await _an.PressAsync("Lưu chỉ tiêu", new { name = "Tỷ lệ hộ nghèo", unitOfMeasure = "", target = "4,2%", result = "4,5%", estimate = "", lowerIsBetter = "true" });

        var shown = Texts(table);
        Assert.Contains("1. Kết nạp đảng viên mới", shown);
        Assert.Contains("Dự ước cả năm: 1.234,5 đảng viên", shown);
        Assert.Contains("Vượt (123,5% so với chỉ tiêu)", shown);
        Assert.Contains("2. Tỷ lệ hộ nghèo", shown);
        Assert.Contains("Không đạt", shown);
        await using (var db = _app.OpenStore())
        {
            var rows = await db.IndicatorRows.OrderBy(r => r.Order).ToListAsync();
            Assert.Equal([1234.5m, null], rows.Select(r => r.FullYearEstimate));
            Assert.Equal("%", rows[1].UnitOfMeasure);
            Assert.True(rows[1].LowerIsBetter);
        }

        var bad = await _an.PressAsync("Lưu chỉ tiêu", new { name = "Thu ngân sách", target = "12,,5" });
        Assert.Contains("Số liệu «12,,5»", Texts(bad));

        var sửa = Actions(_an.Card!).Where(a => a["title"]?.GetValue<string>() == "Sửa").ToList();
        await _an.PressAsync("Sửa", card: new System.Text.Json.Nodes.JsonObject { ["actions"] = new System.Text.Json.Nodes.JsonArray(sửa[1].DeepClone()) });
        Assert.Equal("4,5", InputValue(_an.Card!, "result"));
        var edited = await _an.PressAsync("Lưu chỉ tiêu", new { name = "Tỷ lệ hộ nghèo", unitOfMeasure = "%", target = "4,2", result = "4,5", estimate = "3,9", lowerIsBetter = "true" });
        Assert.Contains("Vượt", Texts(edited).Split("Tỷ lệ hộ nghèo")[1]);

        var xóa = Actions(_an.Card!).Where(a => a["title"]?.GetValue<string>() == "Xóa").ToList();
        await _an.PressAsync("Xóa", card: new System.Text.Json.Nodes.JsonObject { ["actions"] = new System.Text.Json.Nodes.JsonArray(xóa[0].DeepClone()) });
        await using var after = _app.OpenStore();
        var left = Assert.Single(await after.IndicatorRows.ToListAsync());
        Assert.Equal("Tỷ lệ hộ nghèo", left.Name);
        Assert.Equal(3.9m, left.FullYearEstimate);
        Assert.Equal(2, left.Version);
    }

    [Fact]
    public async Task Sua_chi_tieu_so_2_opens_the_table_with_the_second_row_in_the_form_from_anywhere()
    {
        await _an.SayAsync("nhập chỉ tiêu");
        await _an.PressAsync("Lưu chỉ tiêu", new { name = "Kết nạp đảng viên mới", unitOfMeasure = "đảng viên", target = "60", result = "21", estimate = "28", lowerIsBetter = "false" });
        await _an.PressAsync("Lưu chỉ tiêu", new { name = "Tỷ lệ hộ nghèo", unitOfMeasure = "%", target = "1,5", result = "2,1", estimate = "1,8", lowerIsBetter = "true" });
        await _an.PressAsync("Lưu chỉ tiêu", new { name = "Thu ngân sách nhà nước trên địa bàn", unitOfMeasure = "triệu đồng", target = "12.500", result = "6.130", estimate = "11.250,5", lowerIsBetter = "false" });
        await _an.SayAsync("hủy");

        // Outside drafting: the table, with row 2 (as the table numbers it) in the form, its stored figures filled in.
        var second = await _an.SayAsync("sửa chỉ tiêu số 2");

        Assert.DoesNotContain("Tôi chưa hiểu", Texts(second));
        Assert.Contains("Sửa chỉ tiêu «Tỷ lệ hộ nghèo»", Texts(second));
        Assert.Equal("Tỷ lệ hộ nghèo", InputValue(_an.Card!, "name"));
        Assert.Equal("%", InputValue(_an.Card!, "unitOfMeasure"));
        Assert.Equal("1,5", InputValue(_an.Card!, "target"));
        Assert.Equal("2,1", InputValue(_an.Card!, "result"));
        Assert.Equal("1,8", InputValue(_an.Card!, "estimate"));
        Assert.Equal("true", InputValue(_an.Card!, "lowerIsBetter"));
        // The form saves that row, as the «Sửa» button's does.
        await _an.PressAsync("Lưu chỉ tiêu", new { name = "Tỷ lệ hộ nghèo", unitOfMeasure = "%", target = "1,5", result = "2,1", estimate = "1,4", lowerIsBetter = "true" });
        await using (var db = _app.OpenStore())
        {
            var rows = await db.IndicatorRows.OrderBy(r => r.Order).ToListAsync();
            Assert.Equal(3, rows.Count);
            Assert.Equal(1.4m, rows[1].FullYearEstimate);
            Assert.Equal(2, rows[1].Version);
        }

        // Inside an open section, without diacritics: a command, never text for the section.
        await _an.SayAsync("soạn tiếp mục IV");
        var third = await _an.SayAsync("sua chi tieu 3");
        Assert.DoesNotContain("Thêm đoạn này", Texts(third));
        Assert.Equal("Thu ngân sách nhà nước trên địa bàn", InputValue(_an.Card!, "name"));
        Assert.Equal("11.250,5", InputValue(_an.Card!, "estimate"));

        // A number the table does not have: the table, with one line saying so, and the empty form.
        var none = await _an.SayAsync("sửa chỉ tiêu số 9");
        Assert.Equal(["Bảng chỉ tiêu của đơn vị không có chỉ tiêu số 9 (hiện có 3 chỉ tiêu); đồng chí bấm «Sửa» ở chỉ tiêu cần sửa."],
            none.Where(r => !HasCard(r)).Select(r => r.Text));
        Assert.Contains("Thêm chỉ tiêu", Texts(none));
        Assert.Equal("", InputValue(_an.Card!, "name"));
        var zero = await _an.SayAsync("sửa chỉ tiêu số 0");
        Assert.Contains("không có chỉ tiêu số 0", Texts(zero));
        await using var after = _app.OpenStore();
        Assert.Equal(0, await after.SectionDrafts.CountAsync());
    }

    [Fact]
    public async Task The_whole_draft_is_split_under_the_Teams_limit_in_reading_order_with_missing_sections_named()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        // About 18,000 characters: under the 20,000 a section may hold, over what one Teams message carries.
        var longText = string.Join("\n\n", Enumerable.Range(1, 30).Select(i => $"Đoạn {i}: " + new string('ậ', 600)));
        await _an.PressAsync("Lưu và tiếp tục", new { text = longText });
        await _an.PressAsync("Lưu", new { text = "Công tác xây dựng Đảng đạt kết quả tốt." });

        var messages = await _an.SayAsync("xem toàn bộ");

        Assert.True(messages.Count >= 2, $"a long draft takes several messages, got {messages.Count}");
        foreach (var message in messages)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(message, SoKet.Bot.Protocol.ProtocolJson.Options);
            Assert.True(json.Length * 2 <= 28 * 1024, $"a message of {json.Length * 2} bytes (UTF-16)");
        }
        var all = string.Join("\n", messages.Select(m => m.Text));
        Assert.True(all.IndexOf("KHÁI QUÁT", StringComparison.Ordinal) < all.IndexOf("Đoạn 30", StringComparison.Ordinal));
        Assert.True(all.IndexOf("Đoạn 30", StringComparison.Ordinal) < all.IndexOf("Công tác xây dựng Đảng đạt", StringComparison.Ordinal));
        Assert.Contains("Các mục chưa có nội dung", all);
        Assert.Contains("Nguyên nhân chủ quan", all.Split("Các mục chưa có nội dung")[1]);
    }

    [Fact]
    public async Task The_leader_gets_the_draft_returns_it_with_comments_and_the_unit_sees_them_on_the_section()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên." });
        var sent = await _an.SayAsync("gửi xin ý kiến");
        Assert.Contains("Đã gửi dự thảo báo cáo tới đồng chí Lò Văn Bình", Texts(sent));

        var request = await _leader.Client.ReadBotActivitiesAsync(1);
        var card = LastCard(request)!;
        Assert.Contains("Chi bộ có 25 đảng viên.", card.ToJsonString(SoKet.Bot.Protocol.ProtocolJson.Options));
        var inputId = card.ToJsonString().Split("\"id\":\"comment_")[1].Split('"')[0];
        var returned = await _leader.PressAsync("Trả lại", new Dictionary<string, string> { ["comment_" + inputId] = "Bổ sung số đảng viên mới kết nạp.", ["general"] = "" }, card);
        Assert.Contains("Đã trả lại dự thảo", Texts(returned));
        var twice = await _leader.PressAsync("Đồng ý", new Dictionary<string, string> { ["general"] = "" }, card);
        Assert.Contains("đã được xử lý", Texts(twice));

        var notice = await _an.Client.ReadBotActivitiesAsync(1);
        Assert.Contains("đã trả lại dự thảo", Texts(notice));
        Assert.Contains("Bổ sung số đảng viên mới kết nạp.", Texts(notice));
        var reopened = await _an.SayAsync("soạn báo cáo");
        Assert.Contains("Ý kiến của đồng chí Lò Văn Bình: Bổ sung số đảng viên mới kết nạp.", Texts(reopened));
        await using var db = _app.OpenStore();
        Assert.Equal(ReportStatus.Returned, (await db.Reports.SingleAsync()).Status);
        Assert.Single(await db.ReviewComments.ToListAsync());
    }

    [Fact]
    public async Task Comments_of_a_round_already_dealt_with_are_not_shown_as_the_leaders_current_opinion()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên." });
        await _an.SayAsync("gửi xin ý kiến");
        var first = LastCard(await _leader.Client.ReadBotActivitiesAsync(1))!;
        var inputId = first.ToJsonString().Split("\"id\":\"comment_")[1].Split('"')[0];
        await _leader.PressAsync("Trả lại", new Dictionary<string, string> { ["comment_" + inputId] = "Bổ sung số đảng viên mới kết nạp.", ["general"] = "" }, first);
        await _an.Client.ReadBotActivitiesAsync(1);
        Assert.Contains("Ý kiến của đồng chí Lò Văn Bình: Bổ sung số đảng viên mới kết nạp.", Texts(await _an.SayAsync("soạn báo cáo")));

        // «soạn báo cáo» reopened the commented section.
        await _an.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên, kết nạp mới 3 đảng viên." });
        await _an.SayAsync("gửi xin ý kiến");
        var second = LastCard(await _leader.Client.ReadBotActivitiesAsync(1))!;
        Assert.Contains("Đã ghi nhận đồng ý dự thảo", Texts(await _leader.PressAsync("Đồng ý", new Dictionary<string, string> { ["general"] = "" }, second)));
        await _an.Client.ReadBotActivitiesAsync(1);

        var reopened = await _an.SayAsync("soạn báo cáo");
        Assert.DoesNotContain("Bổ sung số đảng viên mới kết nạp.", Texts(reopened));
        await using var db = _app.OpenStore();
        Assert.Single(await db.ReviewComments.ToListAsync());
    }

    [Fact]
    public async Task A_draft_changed_after_it_was_sent_is_not_approved_from_the_card_showing_the_old_text()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên." });
        await _an.SayAsync("gửi xin ý kiến");
        var old = LastCard(await _leader.Client.ReadBotActivitiesAsync(1))!;

        // The unit changes the draft while it waits for comments; the leader's card still shows the text sent.
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Lưu", new { text = "Chi bộ có 40 đảng viên." });
        var stale = await _leader.PressAsync("Đồng ý", new Dictionary<string, string> { ["general"] = "" }, old);

        Assert.Contains("đã được đơn vị chỉnh sửa sau khi gửi", Texts(stale));
        await using (var db = _app.OpenStore())
        {
            Assert.Equal(ReportStatus.InReview, (await db.Reports.SingleAsync()).Status);
            Assert.Empty(await db.AuditEntries.Where(a => a.Action == "report.approved").ToListAsync());
        }

        // Sent again, the leader gets the new text; the old card still cannot approve it, the new one does.
        Assert.Contains("Đã gửi dự thảo báo cáo tới đồng chí Lò Văn Bình", Texts(await _an.SayAsync("gửi xin ý kiến")));
        var fresh = LastCard(await _leader.Client.ReadBotActivitiesAsync(1))!;
        Assert.Contains("Chi bộ có 40 đảng viên.", fresh.ToJsonString(SoKet.Bot.Protocol.ProtocolJson.Options));
        // A second «gửi xin ý kiến» with nothing changed is still a double click, not a new request.
        Assert.Contains("đang chờ ý kiến", Texts(await _an.SayAsync("gửi xin ý kiến")));
        Assert.Contains("đã được đơn vị chỉnh sửa sau khi gửi", Texts(await _leader.PressAsync("Đồng ý", new Dictionary<string, string> { ["general"] = "" }, old)));
        Assert.Contains("Đã ghi nhận đồng ý dự thảo", Texts(await _leader.PressAsync("Đồng ý", new Dictionary<string, string> { ["general"] = "" }, fresh)));
        await using var after = _app.OpenStore();
        Assert.Equal(2, await after.AuditEntries.CountAsync(a => a.Action == "report.sent-for-review"));
    }

    [Fact]
    public async Task A_leader_who_never_talked_to_the_bot_is_named_and_nothing_fails()
    {
        await using (var db = _app.OpenStore())
        {
            var leader = await db.People.SingleAsync(p => p.Id == _seed.Leader.Id);
            leader.ChannelUserId = "never-talked";
            await db.SaveChangesAsync();
        }
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu", new { text = "Nội dung." });

        await _an.PressAsync("Mục khác");
        var answer = await _an.PressAsync("Gửi xin ý kiến");

        Assert.Contains("chưa trò chuyện với Trợ lý sơ kết", Texts(answer));
        await using var after = _app.OpenStore();
        Assert.Equal(ReportStatus.InReview, (await after.Reports.SingleAsync()).Status);
    }

    [Fact]
    public async Task Submitting_asks_for_confirmation_records_who_and_when_late_against_the_group_deadline_and_tells_the_office()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu", new { text = "Nội dung đã soạn." });

        var confirm = await _an.SayAsync("nộp báo cáo");
        Assert.Contains("Xác nhận nộp báo cáo", Texts(confirm));
        Assert.Contains("Các mục chưa có nội dung", Texts(confirm));
        var done = await _an.PressAsync("Xác nhận nộp");

        Assert.Contains("Đã nộp báo cáo sơ kết", Texts(done));
        Assert.Contains("muộn", Texts(done));
        await using var db = _app.OpenStore();
        var report = await db.Reports.SingleAsync();
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal("Nguyễn Văn An", report.SubmittedByName);
        Assert.True(report.SubmittedLate);
        Assert.NotNull(report.SubmittedAtUtc);
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "report.submitted").ToListAsync());
        var office = await _office.Client.ReadBotActivitiesAsync(1);
        Assert.Contains("Chi bộ Phòng Tài chính - Kế hoạch đã nộp báo cáo sơ kết theo 150-KH/TU", Texts(office));

        var again = await _an.SayAsync("soạn báo cáo");
        Assert.Contains("Đã nộp lúc", Texts(again));
        var section = await _an.PressAsync("Mở");
        Assert.Contains("Báo cáo đã nộp, chỉ xem, không sửa.", Texts(section));
        Assert.Null(FindAction(_an.Card!, "Lưu"));
    }
}
