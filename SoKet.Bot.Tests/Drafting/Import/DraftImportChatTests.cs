using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Data;
using SoKet.Bot.Drafting.Import;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Adversarial;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Drafting.Import;

/// <summary>
/// "Start from a Word draft" in the web chat, over real HTTP: a unit member sends their .docx (or pastes the text), sees
/// what went where, and only «Điền vào báo cáo» writes it — one revision per section, once, never over a colleague's
/// text without the card saying so; ids from cards are the caller's own or nothing happens.
/// </summary>
[Trait("Category", "Store")]
public sealed class DraftImportChatTests : IAsyncLifetime
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private readonly BotApp _app = new();
    private DraftingChat _an = null!;
    private DraftingChat _chi = null!;
    private DraftingChat _binh = null!;
    private DraftingSeed _seed = null!;
    private Unit _school = null!;

    public async Task InitializeAsync()
    {
        _an = await DraftingChat.OpenAsync(_app);
        _chi = await DraftingChat.OpenAsync(_app);
        _binh = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        _seed = await DraftingSeed.CreateAsync(db, [(_an.Client.UserId, "Nguyễn Văn An"), (_chi.Client.UserId, "Trần Thị Chi")], DraftingSeed.HaTinh);
        // Bình drafts for two other units of the same campaign.
        var binh = new Person { Id = Guid.NewGuid(), DisplayName = "Lê Văn Bình", ChannelId = ChannelIds.WebChat, ChannelUserId = _binh.Client.UserId, CreatedAtUtc = DateTime.UtcNow };
        db.People.Add(binh);
        _school = AddUnit(db, "Chi bộ Trường Tiểu học Cẩm Quan", binh);
        AddUnit(db, "Chi bộ Trạm Y tế xã Cẩm Quan", binh);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The unit's seventeen text sections, in the outline's order.</summary>
    private IReadOnlyList<OutlineEntry> TextSections =>
        ReportOutline.For(_seed.Campaign.Sections, _seed.Unit).Where(e => e.IsWritable && !e.IsIndicatorTable).ToList();

    private static string Sample(int index) => string.Join("\n\n", DraftSamples.Sections[index]);

    [Fact]
    public async Task A_docx_is_shown_split_and_filled_only_on_confirmation_with_one_revision_per_section()
    {
        var replies = await UploadAsync(_an, "du-thao-cam-quan.docx", DraftDocx.Build(DraftSamples.WrittenToTheOutline()));

        var card = LastCard(replies)!;
        var said = Texts(replies);
        Assert.Contains("Dự thảo «du-thao-cam-quan.docx»: 17 mục sẽ được điền", said);
        Assert.Contains("Theo đề mục «I. Lãnh đạo công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị» của dự thảo · 4 đoạn", said);
        Assert.Contains("«Xã Cẩm Quan có diện tích tự nhiên 2.315 ha", said);
        Assert.Contains("Phần cuối văn bản (nơi nhận, chữ ký)", said);
        Assert.Contains("chỉ là đề mục lớn", said);
        Assert.DoesNotContain("sẽ thay nội dung đã có", said);
        await using (var db = _app.OpenStore())
        {
            Assert.Equal(0, await db.SectionDrafts.CountAsync());
            Assert.Equal(1, await db.StoredFiles.CountAsync(f => f.Kind == StoredFileKind.Kept));
        }

        var filled = await _an.PressAsync("Điền vào báo cáo", card: card);

        Assert.Contains("Đã điền 17 mục từ dự thảo «du-thao-cam-quan.docx»", Texts(filled));
        await using (var db = _app.OpenStore())
        {
            var drafts = await db.SectionDrafts.ToListAsync();
            Assert.Equal(17, drafts.Count);
            for (var i = 0; i < TextSections.Count; i++)
            {
                var draft = Assert.Single(drafts, d => d.SectionId == TextSections[i].Id);
                Assert.Equal(Sample(i), draft.Text);
                Assert.Equal(DraftSource.Imported, draft.Source);
                Assert.Equal(1, draft.Version);
                Assert.Equal("Nguyễn Văn An", draft.UpdatedByName);
            }
            Assert.Equal(17, await db.SectionRevisions.CountAsync(r => r.Source == DraftSource.Imported && r.AuthorName == "Nguyễn Văn An"));
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "report.draft-imported");
            Assert.Equal("«du-thao-cam-quan.docx»: điền 17 mục, giữ nguyên 0 mục", audit.Details);
            Assert.Equal(ReportStatus.Drafting, (await db.Reports.SingleAsync()).Status);
        }

        // The same card pressed again: the first press filled the report, nothing is written twice.
        var again = await _an.PressAsync("Điền vào báo cáo", card: card);
        Assert.Contains(TurnTexts.AlreadyHandled, Texts(again));
        await using var after = _app.OpenStore();
        Assert.Equal(17, await after.SectionRevisions.CountAsync());
    }

    [Fact]
    public async Task A_double_click_sent_twice_at_once_applies_once()
    {
        var card = LastCard(await UploadAsync(_an, "du-thao.docx", DraftDocx.Build(DraftSamples.WrittenToTheOutline())))!;
        var data = FindAction(card, "Điền vào báo cáo")!["data"]!;

        await Task.WhenAll(_an.Client.SendAsync(null, data.DeepClone()), _an.Client.SendAsync(null, data.DeepClone()));

        var said = Texts((await _an.Client.PollAsync()).Where(a => a.From?.Role == "bot"));
        Assert.Contains("Đã điền 17 mục", said);
        await using var db = _app.OpenStore();
        Assert.Equal(17, await db.SectionRevisions.CountAsync());
        Assert.Equal(17, await db.SectionDrafts.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "report.draft-imported"));
    }

    [Fact]
    public async Task Sections_already_written_are_marked_and_kept_appended_or_replaced_only_as_the_card_offers()
    {
        // Chi has written the first three sections by hand.
        await _chi.SayAsync("soạn báo cáo");
        await _chi.PressAsync("Soạn tiếp");
        await _chi.PressAsync("Lưu và tiếp tục", new { text = "Đồng chí Chi viết phần đặc điểm." });
        await _chi.PressAsync("Lưu và tiếp tục", new { text = "Đồng chí Chi viết phần xây dựng Đảng." });
        await _chi.PressAsync("Lưu", new { text = "Đồng chí Chi viết phần kinh tế." });
        var sections = TextSections;

        var replies = await UploadAsync(_an, "du-thao.docx", DraftDocx.Build(DraftSamples.WrittenToTheOutline()));

        var card = LastCard(replies)!;
        var said = Texts(replies);
        Assert.Equal(3, said.Split("sẽ thay nội dung đã có").Length - 1);
        Assert.Contains("đồng chí Trần Thị Chi lưu lúc", said);
        foreach (var section in sections.Take(3))
            Assert.Contains(DraftImportCards.ModeInput(section.Id), card.ToJsonString());

        var filled = await _an.PressAsync("Điền vào báo cáo", new Dictionary<string, string>
        {
            [DraftImportCards.ModeInput(sections[0].Id)] = DraftImportCards.Append,
            [DraftImportCards.ModeInput(sections[1].Id)] = DraftImportCards.Skip,
            // The third keeps the card's default, which the card said: its text is replaced.
        }, card);

        var result = Texts(filled);
        Assert.Contains("Đã điền 16 mục", result);
        Assert.Contains("Nối vào sau nội dung đã có", result);
        Assert.Contains("Thay nội dung đã có", result);
        Assert.Contains("1 mục giữ nguyên", result);
        await using var db = _app.OpenStore();
        var drafts = await db.SectionDrafts.ToDictionaryAsync(d => d.SectionId);
        Assert.Equal("Đồng chí Chi viết phần đặc điểm.\n\n" + Sample(0), drafts[sections[0].Id].Text);
        Assert.Equal(2, drafts[sections[0].Id].Version);
        Assert.Equal("Đồng chí Chi viết phần xây dựng Đảng.", drafts[sections[1].Id].Text);
        Assert.Equal(1, drafts[sections[1].Id].Version);
        Assert.Equal(Sample(2), drafts[sections[2].Id].Text);
        // Chi's text is still in the history of the replaced section.
        Assert.Contains(await db.SectionRevisions.Where(r => r.DraftId == drafts[sections[2].Id].Id).Select(r => r.Text).ToListAsync(), t => t == "Đồng chí Chi viết phần kinh tế.");
    }

    [Fact]
    public async Task A_section_a_colleague_saves_after_the_card_was_shown_is_not_written_over()
    {
        var first = LastCard(await UploadAsync(_an, "du-thao.docx", DraftDocx.Build(DraftSamples.WrittenToTheOutline())))!;
        Assert.DoesNotContain("sẽ thay nội dung đã có", first.ToJsonString(ProtocolJson.Options));
        await _chi.SayAsync("soạn báo cáo");
        await _chi.PressAsync("Soạn tiếp");
        await _chi.PressAsync("Lưu", new { text = "Đồng chí Chi vừa lưu mục này." });

        var refused = await _an.PressAsync("Điền vào báo cáo", card: first);

        var said = Texts(refused);
        Assert.Contains("vừa được cập nhật: «A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH»", said);
        Assert.Contains("Chưa có gì được điền", said);
        Assert.Contains("sẽ thay nội dung đã có", said);
        await using (var db = _app.OpenStore())
        {
            Assert.Equal("Đồng chí Chi vừa lưu mục này.", (await db.SectionDrafts.SingleAsync()).Text);
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "report.draft-imported"));
        }

        // On the card shown again, the user keeps the colleague's text.
        await _an.PressAsync("Điền vào báo cáo", new Dictionary<string, string> { [DraftImportCards.ModeInput(TextSections[0].Id)] = DraftImportCards.Skip });
        await using var after = _app.OpenStore();
        Assert.Equal(17, await after.SectionDrafts.CountAsync());
        Assert.Equal("Đồng chí Chi vừa lưu mục này.", (await after.SectionDrafts.SingleAsync(d => d.SectionId == TextSections[0].Id)).Text);
    }

    [Fact]
    public async Task Ids_of_another_user_or_unit_on_a_card_are_refused_and_change_nothing()
    {
        var anCard = LastCard(await UploadAsync(_an, "du-thao.docx", DraftDocx.Build(DraftSamples.WrittenToTheOutline())))!;
        var anImport = FindAction(anCard, "Điền vào báo cáo")!["data"]!["importId"]!.GetValue<string>();
        // Bình drafts for two units: his file is kept while he picks one.
        var choose = LastCard(await UploadAsync(_binh, "du-thao-truong.docx", DraftDocx.Build(DraftSamples.WrittenToTheOutline())))!;
        var pick = FindAction(choose, "Chi bộ Trường Tiểu học Cẩm Quan")!["data"]!.DeepClone().AsObject();

        // A unit that is not his (An's), on his own live card.
        var before = await SnapshotAsync();
        var foreignUnit = pick.DeepClone().AsObject();
        foreignUnit["unitId"] = _seed.Unit.Id.ToString();
        Assert.Contains(DraftImportTexts.UnitNotYours, Texts(await _binh.SubmitAsync(foreignUnit)));
        (await SnapshotAsync()).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);

        // His own unit: his split is shown; then his «Điền vào báo cáo» carrying An's staged import.
        var binhCard = LastCard(await _binh.SubmitAsync(pick))!;
        Assert.Contains("Chi bộ Trường Tiểu học Cẩm Quan", binhCard.ToJsonString(ProtocolJson.Options));
        var forged = FindAction(binhCard, "Điền vào báo cáo")!["data"]!.DeepClone().AsObject();
        forged["importId"] = anImport;
        before = await SnapshotAsync();
        Assert.Contains(DraftImportTexts.NothingPending, Texts(await _binh.SubmitAsync(forged)));
        (await SnapshotAsync()).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);

        // An's own card with an id that is nobody's.
        var unknown = FindAction(anCard, "Điền vào báo cáo")!["data"]!.DeepClone().AsObject();
        unknown["importId"] = "00000000000000000000000000000000";
        Assert.Contains(DraftImportTexts.NothingPending, Texts(await _an.SubmitAsync(unknown)));
        (await SnapshotAsync()).AssertUnchangedSince(before, StoreSnapshot.TurnBookkeeping);

        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionDrafts.CountAsync());
        Assert.Null(await db.Reports.FirstOrDefaultAsync(r => r.UnitId != _school.Id && r.UnitId != _seed.Unit.Id));
    }

    [Fact]
    public async Task A_draft_pasted_after_nhap_du_thao_is_split_and_filled()
    {
        var asked = await _an.SayAsync("nhập dự thảo");
        Assert.Contains("dán toàn văn dự thảo", Texts(asked));

        var shown = await _an.SayAsync(DraftSamples.Pasted());
        Assert.Contains("Dự thảo dán vào cuộc trò chuyện: 5 mục sẽ được điền", Texts(shown));

        await _an.PressAsync("Điền vào báo cáo");
        await using var db = _app.OpenStore();
        var drafts = await db.SectionDrafts.ToDictionaryAsync(d => d.SectionId, d => d.Text);
        Assert.Equal(5, drafts.Count);
        foreach (var index in new[] { 0, 1, 2, 3, 12 })
            Assert.Equal(Sample(index), drafts[TextSections[index].Id]);
    }

    [Fact]
    public async Task A_whole_draft_pasted_into_an_open_section_is_offered_for_import_instead_of_filling_that_section()
    {
        await _an.SayAsync("soạn báo cáo");
        await _an.PressAsync("Soạn tiếp");

        var replies = await _an.SayAsync(DraftSamples.Pasted());

        Assert.Contains("5 mục sẽ được điền", Texts(replies));
        Assert.NotNull(FindAction(LastCard(replies)!, "Điền vào báo cáo"));
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionDrafts.CountAsync());

        // A single paragraph typed there still joins the section, as before.
        await _an.SayAsync("hủy");
        await _an.SayAsync("soạn báo cáo");
        await _an.SayAsync("Xã có 9 thôn, 2.146 hộ; tình hình chính trị ổn định, nhân dân đồng thuận với chủ trương của Đảng ủy.");
        await using var after = _app.OpenStore();
        Assert.Equal(1, await after.SectionDrafts.CountAsync());
    }

    [Fact]
    public async Task A_document_that_matches_nothing_is_refused_kindly_and_nothing_is_written()
    {
        var before = await SnapshotAsync();
        var minutes = DraftDocx.Build(
        [
            "*BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 5/2023*",
            "1. Thành phần tham dự", "Có mặt 23/25 đảng viên.",
            "2. Nội dung sinh hoạt", "Quán triệt Chỉ thị về phòng, chống thiên tai.",
        ]);

        var replies = await UploadAsync(_an, "bien-ban.docx", minutes);

        var said = Texts(replies);
        Assert.StartsWith("Tôi chưa xếp được phần nào của «bien-ban.docx» vào đề cương báo cáo, nên không có gì được điền và báo cáo không thay đổi.", said);
        Assert.Contains("«1. Thành phần tham dự»", said);
        Assert.Contains("«A. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH»", said);
        Assert.Null(LastCard(replies));
        // The upload itself is kept by the web chat (as any file sent); nothing else changes: no report started, nothing staged.
        (await SnapshotAsync()).AssertUnchangedSince(before, [.. StoreSnapshot.TurnBookkeeping, "StoredFiles"]);
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.StoredFiles.CountAsync(f => f.Kind == StoredFileKind.Kept));
    }

    [Fact]
    public async Task The_plan_sent_by_a_member_is_named_for_what_it_is_and_a_bomb_is_refused_unopened()
    {
        var plan = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", DraftingSeed.HaTinh));
        var before = await SnapshotAsync();

        var planReply = Texts(await UploadAsync(_an, "ke-hoach-150.txt", plan, "text/plain"));
        var bombReply = Texts(await UploadAsync(_an, "du-thao.docx", DocxLimitsBomb()));

        Assert.StartsWith("Tệp này có vẻ là kế hoạch sơ kết", planReply);
        Assert.StartsWith("Tệp «du-thao.docx» khi giải nén có nội dung vượt quá giới hạn", bombReply);
        (await SnapshotAsync()).AssertUnchangedSince(before, [.. StoreSnapshot.TurnBookkeeping, "StoredFiles"]);
    }

    [Fact]
    public async Task A_bomb_whose_document_part_is_not_named_xml_is_refused_unopened_and_nothing_is_stored()
    {
        // The document part is "word/document.dat", found by the SDK through the package's relationships and content types.
        var bomb = SoKet.Bot.Tests.Campaigns.Import.DocxLimitsTests.DocxWithDocumentPart(
            SoKet.Bot.Tests.Campaigns.Import.DocxLimitsTests.SixtyFourMegabytes, "word/document.dat");
        var before = await SnapshotAsync();

        var reply = Texts(await UploadAsync(_an, "du-thao.docx", bomb));

        Assert.StartsWith("Tệp «du-thao.docx» khi giải nén có nội dung vượt quá giới hạn", reply);
        (await SnapshotAsync()).AssertUnchangedSince(before, [.. StoreSnapshot.TurnBookkeeping, "StoredFiles"]);
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.SectionDrafts.CountAsync());
    }

    [Fact]
    public async Task Office_staff_are_asked_whether_a_docx_is_a_plan_or_their_units_draft_and_office_staff_alone_get_the_plan_importer()
    {
        // Văn phòng staff who also draft for the unit.
        var both = await DraftingChat.OpenAsync(_app);
        var office = await DraftingChat.OpenAsync(_app);
        await using (var db = _app.OpenStore())
        {
            var person = await DraftingSeed.AddOfficeAsync(db, both.Client.UserId);
            db.UnitMembers.Add(new UnitMember { UnitId = _seed.Unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
            await DraftingSeed.AddOfficeAsync(db, office.Client.UserId);
            await db.SaveChangesAsync();
        }
        var docx = DraftDocx.Build(DraftSamples.WrittenToTheOutline());

        var asked = await UploadAsync(both, "tai-lieu.docx", docx);
        Assert.Contains("tệp này là gì?", Texts(asked));
        var asPlan = await both.PressAsync("Kế hoạch (tạo đợt sơ kết)", card: LastCard(asked));
        Assert.Contains("Kết quả đọc kế hoạch", string.Join("\n", asPlan.Select(a => a.Summary)));

        var askedAgain = await UploadAsync(both, "tai-lieu.docx", docx);
        var asDraft = await both.PressAsync("Dự thảo báo cáo của đơn vị", card: LastCard(askedAgain));
        Assert.Contains("17 mục sẽ được điền", Texts(asDraft));

        // Office staff who draft for no unit: the plan importer reads it, as before.
        var plain = await UploadAsync(office, "ke-hoach.docx", docx);
        Assert.Contains("Kết quả đọc kế hoạch", string.Join("\n", plain.Select(a => a.Summary)));
        await using var after = _app.OpenStore();
        Assert.Equal(2, await after.PendingPlanImports.CountAsync());
        Assert.Equal(0, await after.SectionDrafts.CountAsync());
    }

    private static byte[] DocxLimitsBomb() => SoKet.Bot.Tests.Campaigns.Import.DocxLimitsTests.DocxWithDocumentPart(1L << 30);

    private static async Task<IReadOnlyList<Activity>> UploadAsync(DraftingChat chat, string name, byte[] content, string contentType = DocxType)
    {
        // New messages only: a card the upload closed in place (same id, sent again) is not one of the answers.
        var known = chat.Client.Transcript.Select(a => a.Id).ToHashSet();
        using var response = await chat.Client.UploadAsync(name, content, contentType);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = (await chat.Client.PollAsync()).Where(a => a.From?.Role == "bot" && a.Type == ActivityTypes.Message && !known.Contains(a.Id)).ToList();
        Assert.True(replies.Count > 0, $"The bot did not answer the file «{name}».");
        return replies;
    }

    private async Task<StoreSnapshot> SnapshotAsync()
    {
        await using var db = _app.OpenStore();
        return await StoreSnapshot.TakeAsync(db);
    }

    private Unit AddUnit(SoKetDbContext db, string name, Person member)
    {
        var unit = new Unit
        {
            Id = Guid.NewGuid(), CampaignId = _seed.Campaign.Id, Name = name, GroupId = _seed.Unit.GroupId, CreatedAtUtc = DateTime.UtcNow,
        };
        unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = member.Id, Role = MemberRole.Drafter });
        db.Units.Add(unit);
        return unit;
    }
}
