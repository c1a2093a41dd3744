using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>A unit member drafts the report in web chat over real HTTP: sections, resume, conflicts, double clicks.</summary>
public sealed class DraftingChatTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private HttpClient _http = null!;
    private DraftingChat _an = null!;
    private DraftingChat _chi = null!;
    private DraftingSeed _seed = null!;

    public async Task InitializeAsync()
    {
        _http = _app.CreateHttpClient();
        // One HTTP client per person: web chat users are told apart by their cookie.
        _an = await DraftingChat.OpenAsync(_app);
        _chi = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        _seed = await DraftingSeed.CreateAsync(db, [(_an.Client.UserId, "Nguyễn Văn An"), (_chi.Client.UserId, "Trần Thị Chi")], DraftingSeed.HaTinh);
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Soan_bao_cao_shows_the_outline_with_its_structure_and_progress()
    {
        var replies = await _an.SayAsync("soan bao cao");

        var card = Texts(replies);
        Assert.Contains("Chi bộ Phòng Tài chính - Kế hoạch", card);
        Assert.Contains("Đã soạn 0/", card);
        Assert.Contains("KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH", card);
        Assert.Contains("Nguyên nhân chủ quan", card);
        Assert.Contains("Phụ lục chỉ tiêu", card);
        await using var db = _app.OpenStore();
        var report = await db.Reports.SingleAsync();
        Assert.Equal(_seed.Unit.Id, report.UnitId);
    }

    [Fact]
    public async Task A_saved_section_is_stored_with_a_revision_and_the_next_section_opens()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        var first = InputValue(_an.Card!, "text");
        Assert.Equal("", first);
        var heading = _an.Card!.ToJsonString();

        var replies = await _an.PressAsync("Lưu và tiếp tục", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn." });

        Assert.Contains("Đã lưu mục", Texts(replies));
        Assert.NotEqual(heading, _an.Card!.ToJsonString());
        Assert.Contains("Mục 2/", Texts(replies));
        await using var db = _app.OpenStore();
        var draft = await db.SectionDrafts.SingleAsync();
        Assert.Equal("Chi bộ có 25 đảng viên, sinh hoạt đều đặn.", draft.Text);
        Assert.Equal(1, draft.Version);
        Assert.Equal("Nguyễn Văn An", draft.UpdatedByName);
        var revision = await db.SectionRevisions.SingleAsync();
        Assert.Equal("Nguyễn Văn An", revision.AuthorName);
        Assert.Equal(ReportStatus.Drafting, (await db.Reports.SingleAsync()).Status);
    }

    [Fact]
    public async Task Another_member_on_another_device_resumes_where_the_unit_left_off_with_the_text_kept()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu và tiếp tục", new { text = "Đoạn một." });
        await _an.PressAsync("Lưu", new { text = "Đoạn hai của mục thứ hai." });

        var replies = await _chi.SayAsync("Soạn báo cáo");

        Assert.Contains("Tiếp tục soạn báo cáo", Texts(replies));
        Assert.Equal("Đoạn hai của mục thứ hai.", InputValue(_chi.Card!, "text"));
        Assert.Contains("Nguyễn Văn An", Texts(replies));
    }

    [Fact]
    public async Task A_refused_indicator_form_comes_back_with_what_was_typed()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.SayAsync("nhập chỉ tiêu");

        var refused = await _an.PressAsync("Lưu chỉ tiêu", new { name = "Thu ngân sách trên địa bàn", unitOfMeasure = "tỷ đồng", target = "120", result = "abc", estimate = "130,5" });

        Assert.Contains("Số liệu «abc» ở ô «Kết quả đến thời điểm sơ kết» chưa đúng", Texts(refused));
        var form = _an.Card!;
        Assert.Equal("Thu ngân sách trên địa bàn", InputValue(form, "name"));
        Assert.Equal("tỷ đồng", InputValue(form, "unitOfMeasure"));
        Assert.Equal("120", InputValue(form, "target"));
        Assert.Equal("abc", InputValue(form, "result"));
        Assert.Equal("130,5", InputValue(form, "estimate"));
        await using (var db = _app.OpenStore())
            Assert.Equal(0, await db.IndicatorRows.CountAsync());

        // Corrected and saved: the next form is empty again.
        await _an.PressAsync("Lưu chỉ tiêu", new { name = "Thu ngân sách trên địa bàn", unitOfMeasure = "tỷ đồng", target = "120", result = "98,2", estimate = "130,5" });
        Assert.Equal("", InputValue(_an.Card!, "name"));
        await using var check = _app.OpenStore();
        Assert.Equal(98.2m, (await check.IndicatorRows.SingleAsync()).Result);
    }

    [Fact]
    public void A_conflict_with_the_users_own_other_save_does_not_blame_another_member()
    {
        var person = Guid.NewGuid();
        var own = new SectionDraft { UpdatedByPersonId = person, UpdatedByName = "Nguyễn Văn An", UpdatedAtUtc = new DateTime(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc) };

        var self = SoKet.Bot.Drafting.DraftingTexts.Conflict("1. Về kinh tế", own, "Bản đang gõ.", person);
        var other = SoKet.Bot.Drafting.DraftingTexts.Conflict("1. Về kinh tế", own, "Bản đang gõ.", Guid.NewGuid());

        Assert.Equal("Mục này vừa được lưu từ thao tác khác", self.Title);
        Assert.DoesNotContain("đồng chí khác", self.Title + self.Text);
        Assert.Contains("09:00 ngày 07/12/2026", self.Text);
        Assert.EndsWith("Bản đang gõ.", self.Text);
        Assert.Equal("Mục này vừa được đồng chí khác lưu", other.Title);
        Assert.Contains("đồng chí Nguyễn Văn An đã lưu mục «1. Về kinh tế»", other.Text);
    }

    [Fact]
    public async Task Two_members_saving_the_same_version_the_second_gets_a_notice_and_nothing_is_overwritten()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _chi.SayAsync("soạn báo cáo");
        Assert.NotNull(FindAction(_chi.Card!, "Lưu"));

        await _an.PressAsync("Lưu", new { text = "Bản của đồng chí An." });
        var refused = await _chi.PressAsync("Lưu", new { text = "Bản của đồng chí Chi." });

        var said = Texts(refused);
        Assert.Contains("vừa được đồng chí khác lưu", said);
        Assert.Contains("Nguyễn Văn An", said);
        Assert.Contains("Bản của đồng chí Chi.", said);
        Assert.Equal("Bản của đồng chí An.", InputValue(_chi.Card!, "text"));
        await using var db = _app.OpenStore();
        var draft = await db.SectionDrafts.SingleAsync();
        Assert.Equal("Bản của đồng chí An.", draft.Text);
        Assert.Equal(1, await db.SectionRevisions.CountAsync());
        var refusal = await db.AuditEntries.SingleAsync(a => a.Action == "section.save-refused");
        Assert.Equal("Trần Thị Chi", refusal.Actor);
        Assert.Contains("Bản của đồng chí Chi.", refusal.Details);

        // Saving again from the refreshed card (the newer version) goes through.
        await _chi.PressAsync("Lưu", new { text = "Bản của đồng chí An, đồng chí Chi bổ sung." });
        await using var after = _app.OpenStore();
        Assert.Equal(2, (await after.SectionDrafts.SingleAsync()).Version);
        Assert.Equal(2, await after.SectionRevisions.CountAsync());
    }

    [Fact]
    public async Task A_double_clicked_save_changes_nothing_twice()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        var card = _an.Card!;

        await _an.PressAsync("Lưu và tiếp tục", new { text = "Nội dung." }, card);
        var second = await _an.PressAsync("Lưu và tiếp tục", new { text = "Nội dung." }, card);

        Assert.Contains("đã được xử lý", Texts(second));
        await using var db = _app.OpenStore();
        Assert.Equal(1, await db.SectionRevisions.CountAsync());
        Assert.Equal(1, (await db.SectionDrafts.SingleAsync()).Version);
    }

    [Fact]
    public async Task A_typed_paragraph_joins_the_open_section_the_next_one_opens_and_help_leaves_the_flow_where_it_was()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        var first = await _an.SayAsync("Đảng bộ đã lãnh đạo hoàn thành các chỉ tiêu chủ yếu của năm.");
        var help = await _an.SayAsync("trợ giúp");
        await _an.SayAsync("Công tác kiểm tra giám sát được tăng cường trong toàn Đảng bộ.");

        // One answer per paragraph: the next section's card, headed by what was saved, with an undo.
        var next = Assert.Single(first.SelectMany(a => a.Attachments ?? [])).Content!.ToJsonString(SoKet.Bot.Protocol.ProtocolJson.Options);
        Assert.Contains("Đã lưu nội dung mục «", next);
        Assert.Contains("Hoàn tác", next);
        // Help answers with its card only; the flow stays where it was, so the next paragraph joins the second section.
        var card = Assert.Single(help.SelectMany(a => a.Attachments ?? []));
        Assert.Contains("Hướng dẫn sử dụng", card.Content!.ToJsonString(SoKet.Bot.Protocol.ProtocolJson.Options));
        await using var db = _app.OpenStore();
        var drafts = await db.SectionDrafts.OrderBy(d => d.UpdatedAtUtc).Select(d => d.Text).ToListAsync();
        Assert.Equal(["Đảng bộ đã lãnh đạo hoàn thành các chỉ tiêu chủ yếu của năm.", "Công tác kiểm tra giám sát được tăng cường trong toàn Đảng bộ."], drafts);
    }

    [Fact]
    public async Task Soan_tiep_muc_opens_the_section_named_not_the_one_last_worked_on_and_it_becomes_the_one_to_resume()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn." });

        var fourth = await _an.SayAsync("soạn tiếp mục IV");

        Assert.Contains("IV. Đánh giá việc thực hiện các nhiệm vụ trọng tâm", Texts(fourth));
        Assert.DoesNotContain("Chi bộ có 25 đảng viên", Texts(fourth));
        Assert.DoesNotContain("Không tìm thấy", Texts(fourth));
        Assert.Equal("", InputValue(_an.Card!, "text"));

        // Nested numbers as the outline writes them: "2.2." under "II.", under "1." (C.II.1.2.2).
        var nested = await _an.SayAsync("soan tiep muc II.1.2.2");
        Assert.Contains("2.2. Nguyên nhân chủ quan", Texts(nested));

        // The outline has two writable "2." (under C.I and under Phần 2, II): the user chooses.
        var asked = await _an.SayAsync("soan tiep muc 2");
        Assert.Contains("Đề cương có 2 mục 2.", Texts(asked));
        Assert.Equal(2, Titles(_an.Card!).Count(t => t.StartsWith("2. ", StringComparison.Ordinal)));
        var chosen = await _an.PressAsync("2. Về phát triển kinh tế - xã hội");
        Assert.Contains("2. Về phát triển kinh tế - xã hội", Texts(chosen));
        Assert.NotNull(FindAction(_an.Card!, "Lưu và tiếp tục"));

        // The section opened by its number is where the unit left off.
        var resumed = await _an.SayAsync("soạn báo cáo");
        Assert.Contains("Tiếp tục soạn báo cáo", Texts(resumed));
        Assert.Contains("«2. Về phát triển kinh tế - xã hội»", Texts(resumed));
        await using var db = _app.OpenStore();
        var report = await db.Reports.SingleAsync();
        Assert.Equal("Về phát triển kinh tế - xã hội", _seed.Campaign.Sections.Single(s => s.Id == report.LastSectionId).Heading);
    }

    [Fact]
    public async Task Soan_tiep_muc_II_without_diacritics_opens_it_and_a_repeated_number_asks_which()
    {
        var second = await _an.SayAsync("soan tiep muc II");
        Assert.Contains("II. Lãnh đạo phát triển kinh tế - xã hội", Texts(second));
        Assert.NotNull(FindAction(_an.Card!, "Lưu và tiếp tục"));

        // B and C both have a "III.": nothing is opened until the user says which.
        var asked = await _an.SayAsync("soạn tiếp mục III");
        Assert.Equal(["III. Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại (thuộc «B. KẾT QUẢ ĐẠT ĐƯỢC»)",
            "III. BÀI HỌC KINH NGHIỆM (thuộc «C. HẠN CHẾ, NGUYÊN NHÂN, BÀI HỌC KINH NGHIỆM»)"], Titles(_an.Card!));
        Assert.Contains("Đề cương có 2 mục III", Texts(asked));
        var lessons = await _an.PressAsync("III. BÀI HỌC KINH NGHIỆM");

        Assert.Contains("III. BÀI HỌC KINH NGHIỆM", Texts(lessons));
        Assert.NotNull(FindAction(_an.Card!, "Lưu và tiếp tục"));
        var typed = await _an.SayAsync("Bài học về phát huy vai trò người đứng đầu trong lãnh đạo, chỉ đạo thực hiện nhiệm vụ.");
        Assert.Contains("Đã lưu nội dung mục «III. BÀI HỌC KINH NGHIỆM»", Texts(typed));
    }

    [Fact]
    public async Task A_number_the_outline_does_not_have_says_so_in_one_line_and_opens_the_section_left_off()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");
        await _an.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn." });

        var replies = await _an.SayAsync("soạn tiếp mục IX");

        var said = replies.Where(r => !HasCard(r)).Select(r => r.Text).ToList();
        Assert.Equal(["Không tìm thấy mục IX trong đề cương; mở mục đang soạn dở «A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH»."], said);
        Assert.Equal("Chi bộ có 25 đảng viên, sinh hoạt đều đặn.", InputValue(_an.Card!, "text"));
    }

    [Fact]
    public async Task An_admin_who_is_no_member_gets_a_polite_explanation()
    {
        var office = await DraftingChat.OpenAsync(_app);

        var replies = await office.SayAsync("viết báo cáo");

        Assert.Contains("văn phòng cấp ủy", Texts(replies));
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.Reports.CountAsync());
    }
}
