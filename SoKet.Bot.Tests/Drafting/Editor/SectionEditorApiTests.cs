using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Drafting;
using SoKet.Bot.People;
using SoKet.Bot.Drafting.Editor;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SoKet.Bot.Tests.Drafting.Editor;

/// <summary>
/// The section editor over real HTTP in local mode, where this machine's browser is the local operator: the link from
/// the section card, the page and its API, autosave, the save with its version check, and every refusal.
/// </summary>
[Trait("Category", "Store")]
public sealed class SectionEditorApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private EditorWorld _world = null!;

    public async Task InitializeAsync() => _world = await EditorWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task The_card_button_opens_a_page_bound_to_the_section_with_the_units_text()
    {
        var me = await _world.MyChatAsync();
        var section = me.Card!;
        var url = await EditorWorld.OpenEditorAsync(me, section);

        using var page = await _world.Http.GetAsync(url);
        var loaded = await _world.JsonAsync(HttpMethod.Get, "section", EditorWorld.TokenOf(url));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Lưu vào báo cáo", await page.Content.ReadAsStringAsync());
        Assert.Equal(FindText(section, "title"), loaded["title"]!.GetValue<string>());
        Assert.Equal(DraftingCards.MaxSectionChars, loaded["maxLength"]!.GetValue<int>());
        Assert.Null(loaded["current"]);
        Assert.Null(loaded["draft"]);
    }

    [Fact]
    public async Task An_autosaved_draft_is_kept_on_the_server_restored_on_the_next_load_and_never_enters_the_report()
    {
        var me = await _world.MyChatAsync();
        var token = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, me.Card!));
        var text = "Chi bộ có 25 đảng viên, 3 tổ đảng.\n\nSinh hoạt chi bộ định kỳ đúng quy định, nội dung thiết thực.";

        var timer = Stopwatch.StartNew();
        var saved = await _world.JsonAsync(HttpMethod.Put, "draft", token, new { text, basedOnVersion = 0 });
        output.WriteLine($"autosave round trip: {timer.Elapsed.TotalMilliseconds:F1} ms");
        var reopened = await _world.JsonAsync(HttpMethod.Get, "section", saved["token"]!.GetValue<string>());

        Assert.Matches(@"^\d\d:\d\d$", saved["savedAt"]!.GetValue<string>());
        Assert.Equal(text, reopened["draft"]!["text"]!.GetValue<string>());
        Assert.Equal(0, reopened["draft"]!["basedOnVersion"]!.GetValue<int>());
        await using var db = _world.App.OpenStore();
        Assert.Empty(await db.SectionDrafts.ToListAsync());
    }

    /// <summary>
    /// A shared computer: the page kept its unsaved copy under the report and section only, so a colleague who opened the
    /// same section there was shown the first person's text and autosaved it as theirs. The copy's name is now the
    /// person's own: the same for every link of theirs, another for a colleague, and it names no one.
    /// </summary>
    [Fact]
    public async Task The_name_of_the_browsers_copy_is_the_persons_own_and_names_no_one()
    {
        var me = await _world.MyChatAsync();
        var card = me.Card!;
        var first = await _world.JsonAsync(HttpMethod.Get, "section", EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, card)));
        var second = await _world.JsonAsync(HttpMethod.Get, "section", EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, card)));
        var ticket = _world.App.GetService<EditorLinks>().Read(first["token"]!.GetValue<string>())!;
        await using var db = _world.App.OpenStore();
        var colleague = await db.People.SingleAsync(p => p.ChannelUserId == EditorWorld.ColleagueId);
        var mine = await db.People.SingleAsync(p => p.Id == ticket.PersonId);

        var key = first["storageKey"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(key));
        Assert.Equal(key, second["storageKey"]!.GetValue<string>());
        var keys = _world.App.GetService<EditorStorageKeys>();
        Assert.NotEqual(key, await keys.ForAsync(colleague.Id, ticket.ReportId, ticket.SectionId, default));
        Assert.NotEqual(key, await keys.ForAsync(mine.Id, ticket.ReportId, _world.Seed.Campaign.Sections.First(s => s.Id != ticket.SectionId).Id, default));
        foreach (var secret in new[] { mine.Id.ToString(), mine.Id.ToString("N"), mine.DisplayName, ticket.ChannelUserId }.OfType<string>().Where(s => s.Length > 0))
            Assert.DoesNotContain(secret, key, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Save_puts_the_text_in_the_report_and_the_chat_gets_the_sections_card_with_it()
    {
        var me = await _world.MyChatAsync();
        var token = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, me.Card!));
        var text = string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"Đoạn {i}: công tác xây dựng Đảng về chính trị, tư tưởng được chú trọng, đảng viên chấp hành nghiêm chỉ thị, nghị quyết."));
        await _world.JsonAsync(HttpMethod.Put, "draft", token, new { text, basedOnVersion = 0 });

        var timer = Stopwatch.StartNew();
        var answer = await _world.JsonAsync(HttpMethod.Post, "save", token, new { text, version = 0, requestId = Guid.NewGuid() });
        output.WriteLine($"save round trip (turn, card into the chat): {timer.Elapsed.TotalMilliseconds:F1} ms, {text.Length} characters");

        Assert.Equal("saved", answer["outcome"]!.GetValue<string>());
        Assert.Equal(1, answer["version"]!.GetValue<int>());
        // As Web Chat shows it: the section card the editor was opened from is closed in place, the new one follows it.
        await me.Client.PollAsync();
        var card = DraftingChat.LastCard(me.Client.Transcript)!;
        Assert.Equal(text, DraftingChat.InputValue(card, "text"));
        Assert.Contains("từ trình soạn thảo", card.ToJsonString(ProtocolJson.Options));
        await using var db = _world.App.OpenStore();
        Assert.Equal(text, (await db.SectionDrafts.SingleAsync()).Text);
        Assert.Null((await db.EditorDrafts.SingleAsync()).Text);
        // The card's own buttons still work after the editor's save: its flow token is the current one.
        await me.PressAsync("Lưu", new { text = text + "\n\nBổ sung trên thẻ." }, card);
        Assert.Equal(2, (await (await OpenStoreAsync()).SectionDrafts.SingleAsync()).Version);
    }

    [Fact]
    public async Task A_save_from_an_older_version_is_refused_with_both_texts_and_the_users_text_is_kept()
    {
        var me = await _world.MyChatAsync();
        var token = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, me.Card!));
        var colleague = await _world.ColleagueChatAsync();
        await colleague.PressAsync("Lưu", new { text = "Nội dung đồng chí Bình đã lưu trên thẻ." });
        var mine = "Nội dung tôi soạn trong trình soạn thảo, dài hơn và chi tiết hơn.";

        var answer = await _world.JsonAsync(HttpMethod.Post, "save", token, new { text = mine, version = 0, requestId = Guid.NewGuid() });

        Assert.Equal("conflict", answer["outcome"]!.GetValue<string>());
        Assert.Equal("Nội dung đồng chí Bình đã lưu trên thẻ.", answer["current"]!["text"]!.GetValue<string>());
        Assert.Equal("Trần Thị Bình", answer["current"]!["by"]!.GetValue<string>());
        Assert.Contains("chưa được lưu", answer["message"]!.GetValue<string>());
        await using (var db = _world.App.OpenStore())
        {
            Assert.Equal("Nội dung đồng chí Bình đã lưu trên thẻ.", (await db.SectionDrafts.SingleAsync()).Text);
            Assert.Equal(mine, (await db.EditorDrafts.SingleAsync()).Text);
            Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "section.save-refused");
        }
        var reopened = await _world.JsonAsync(HttpMethod.Get, "section", answer["token"]!.GetValue<string>());
        Assert.Equal(mine, reopened["draft"]!["text"]!.GetValue<string>());
        Assert.Equal(1, reopened["current"]!["version"]!.GetValue<int>());

        // «Giữ nội dung của tôi»: saved on the version the person has now seen.
        var kept = await _world.JsonAsync(HttpMethod.Post, "save", token, new { text = mine, version = 1, requestId = Guid.NewGuid() });
        Assert.Equal("saved", kept["outcome"]!.GetValue<string>());
        Assert.Equal(mine, (await (await OpenStoreAsync()).SectionDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task A_retried_save_request_is_answered_without_saving_twice()
    {
        var me = await _world.MyChatAsync();
        var token = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, me.Card!));
        var request = new { text = "Một lần lưu.", version = 0, requestId = Guid.NewGuid() };

        var first = await _world.JsonAsync(HttpMethod.Post, "save", token, request);
        var again = await _world.JsonAsync(HttpMethod.Post, "save", token, request);

        Assert.Equal("saved", first["outcome"]!.GetValue<string>());
        Assert.Equal("duplicate", again["outcome"]!.GetValue<string>());
        Assert.Equal(1, await (await OpenStoreAsync()).SectionRevisions.CountAsync());
    }

    [Fact]
    public async Task Missing_forged_expired_foreign_and_other_peoples_links_open_nothing_and_change_nothing()
    {
        var me = await _world.MyChatAsync();
        var token = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, me.Card!));
        await _world.JsonAsync(HttpMethod.Put, "draft", token, new { text = "Bản nháp của tôi.", basedOnVersion = 0 });
        var colleague = await _world.ColleagueChatAsync();
        var theirs = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(colleague, colleague.Card!));
        var links = _world.App.GetService<EditorLinks>();
        var ticket = links.Read(token)!;
        var indicatorSection = _world.Seed.Campaign.Sections.First(s => s.Kind == SoKet.Bot.Campaigns.Import.SectionKind.IndicatorTable).Id;
        var refused = new Dictionary<string, string?>
        {
            ["no link"] = null,
            ["forged"] = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..],
            ["made up"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            ["expired"] = links.Protect(ticket with { ExpiresUnix = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds() }),
            ["another unit's report"] = links.Protect(ticket with { ReportId = _world.StrangerReportId }),
            ["a section of no report"] = links.Protect(ticket with { SectionId = Guid.NewGuid() }),
            ["the indicator table"] = links.Protect(ticket with { SectionId = indicatorSection }),
            ["a colleague's link, in my session"] = theirs,
            ["my link, for another person"] = links.Protect(ticket with { ChannelUserId = EditorWorld.StrangerId }),
        };
        var before = await _world.SnapshotAsync();

        foreach (var (name, link) in refused)
        {
            using var section = await _world.SendAsync(HttpMethod.Get, "section", link);
            using var draft = await _world.SendAsync(HttpMethod.Put, "draft", link, new { text = "Ghi đè!", basedOnVersion = 0 });
            using var save = await _world.SendAsync(HttpMethod.Post, "save", link, new { text = "Ghi đè!", version = 0, requestId = Guid.NewGuid() });
            using var page = await _world.Http.GetAsync("/editor?t=" + Uri.EscapeDataString(link ?? ""));
            foreach (var response in new[] { section, draft, save, page })
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath} answered {(int)response.StatusCode}");
                Assert.Contains("không dùng được", System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync()));
            }
        }

        Assert.Equal(before, await _world.SnapshotAsync());
        Assert.Empty(await (await OpenStoreAsync()).SectionDrafts.ToListAsync());
    }

    [Fact]
    public async Task Card_data_naming_another_units_report_opens_no_editor()
    {
        var me = await _world.MyChatAsync();
        var button = DraftingChat.FindAction(me.Card!, EditorTexts.ButtonTitle)!["data"]!.DeepClone().AsObject();
        button["reportId"] = _world.StrangerReportId.ToString();

        var replies = await me.SubmitAsync(button);

        Assert.Contains(EditorTexts.NotYours, DraftingChat.Texts(replies));
        Assert.DoesNotContain(replies, r => r.ChannelData?[SectionEditorChat.OpenSignal] is not null);
    }

    [Fact]
    public async Task Text_longer_than_the_card_takes_is_refused_and_nothing_is_stored()
    {
        var me = await _world.MyChatAsync();
        var token = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, me.Card!));
        var tooLong = new string('đ', DraftingCards.MaxSectionChars + 1);

        using var draft = await _world.SendAsync(HttpMethod.Put, "draft", token, new { text = tooLong, basedOnVersion = 0 });
        var save = await _world.JsonAsync(HttpMethod.Post, "save", token, new { text = tooLong, version = 0, requestId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
        Assert.Equal("tooLong", save["outcome"]!.GetValue<string>());
        Assert.Contains("20.000 ký tự", save["message"]!.GetValue<string>());
        await using var db = _world.App.OpenStore();
        Assert.Empty(await db.SectionDrafts.ToListAsync());
        Assert.Empty(await db.EditorDrafts.Where(d => d.Text != null).ToListAsync());
    }

    [Fact]
    public async Task Decomposed_text_that_fits_once_composed_is_autosaved_and_saved_whole()
    {
        var me = await _world.MyChatAsync();
        var token = EditorWorld.TokenOf(await EditorWorld.OpenEditorAsync(me, me.Card!));
        // 19,000 letters as the report stores them (NFC), 57,000 UTF-16 units as macOS or a PDF may paste them (NFD: e and two marks).
        var composed = new string('ế', 19_000);
        var decomposed = composed.Normalize(System.Text.NormalizationForm.FormD);
        Assert.True(decomposed.Length > DraftingCards.MaxSectionChars);

        var draft = await _world.JsonAsync(HttpMethod.Put, "draft", token, new { text = decomposed, basedOnVersion = 0 });
        var save = await _world.JsonAsync(HttpMethod.Post, "save", draft["token"]!.GetValue<string>(), new { text = decomposed, version = 0, requestId = Guid.NewGuid() });

        Assert.Equal("saved", save["outcome"]!.GetValue<string>());
        await using var db = _world.App.OpenStore();
        Assert.Equal(composed, (await db.SectionDrafts.SingleAsync()).Text);
    }

    [Fact]
    public async Task With_sign_in_a_browser_without_a_session_gets_nothing_from_a_valid_link()
    {
        var app = new BotApp();
        app.Settings["SignIn:Provider"] = "LocalAccounts";
        await using var world = await EditorWorld.CreateAsync(app);
        await using var db = app.OpenStore();
        var person = await db.People.SingleAsync(p => p.ChannelUserId == EditorWorld.ColleagueId);
        var report = new Report { Id = Guid.NewGuid(), CampaignId = world.Seed.Campaign.Id, UnitId = world.Seed.Unit.Id, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        var sectionId = world.Seed.Campaign.Sections.First(s => s.Kind == SoKet.Bot.Campaigns.Import.SectionKind.FreeText && !world.Seed.Campaign.Sections.Any(c => c.ParentId == s.Id)).Id;
        var link = app.GetService<EditorLinks>().Issue(ChannelIds.WebChat, EditorWorld.ColleagueId, person.Id, "conversation-1", report.Id, sectionId);

        using var page = await world.Http.GetAsync("/editor?t=" + Uri.EscapeDataString(link));
        using var section = await world.SendAsync(HttpMethod.Get, "section", link);
        using var draft = await world.SendAsync(HttpMethod.Put, "draft", link, new { text = "Ghi đè!", basedOnVersion = 0 });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, section.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, draft.StatusCode);
        Assert.Contains("không dùng được", await page.Content.ReadAsStringAsync());
        Assert.Empty(await db.EditorDrafts.ToListAsync());
    }

    private async Task<SoKet.Bot.Data.SoKetDbContext> OpenStoreAsync()
    {
        await Task.CompletedTask;
        return _world.App.OpenStore();
    }

    private static string FindText(JsonObject card, string _) =>
        card["body"]!.AsArray().OfType<JsonObject>().First(b => b["style"]?.GetValue<string>() == "heading")["text"]!.GetValue<string>();
}
