using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Drafting.Editor;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SoKet.Bot.Tests.Browser;

/// <summary>
/// The section editor in Chromium, opened from the web chat's section card: it opens beside the chat, keeps what is
/// typed while the connection is cut and stores it when it is back, saves into the report (the chat gets the card),
/// and a conflict with a save on the card shows both texts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SectionEditorBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IDisposable
{
    private const string Offline = "Mất kết nối — nội dung được giữ trên máy này";
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Typing_through_a_cut_connection_loses_nothing_and_the_save_reaches_the_chat_card()
    {
        var (context, page) = await OpenSectionAsync();
        var editor = await OpenEditorAsync(page);
        var first = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn; công tác giáo dục chính trị, tư tưởng được chú trọng.";
        await editor.Locator("#text").FillAsync(first);
        await editor.GetByText("Đã lưu nháp lúc", new() { Exact = false }).WaitForAsync();

        await context.SetOfflineAsync(true);
        var more = "\n\nĐoạn viết khi mất kết nối: kết nạp 3 đảng viên mới, vượt chỉ tiêu đề ra.";
        await editor.Locator("#text").PressSequentiallyAsync(more);
        await editor.GetByText(Offline).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "editor-offline.png") });
        var timer = Stopwatch.StartNew();
        await context.SetOfflineAsync(false);
        await editor.GetByText("Đã lưu nháp lúc", new() { Exact = false }).WaitForAsync();
        output.WriteLine($"draft stored {timer.Elapsed.TotalMilliseconds:F0} ms after the connection came back");

        var typed = first + more;
        await using (var db = _app.OpenStore())
            Assert.Equal(typed, (await db.EditorDrafts.SingleAsync()).Text);

        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu vào báo cáo" }).ClickAsync();
        await page.Locator("#editor-panel").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        // The saved section card may arrive after other cards (the editor's link card is posted asynchronously), so
        // wait for the latest section card to show the text rather than for "the next card".
        await Assertions.Expect(SectionCard(page).Locator("textarea")).ToHaveValueAsync(typed, new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "editor-saved.png"), FullPage = true });
        await using (var db = _app.OpenStore())
        {
            Assert.Equal(typed, (await db.SectionDrafts.SingleAsync()).Text);
            Assert.Null((await db.EditorDrafts.SingleAsync()).Text);
        }
    }

    [Fact]
    public async Task A_save_on_the_card_while_the_editor_is_open_shows_both_texts_and_the_drafter_chooses()
    {
        var (_, page) = await OpenSectionAsync();
        var editor = await OpenEditorAsync(page);
        await editor.Locator("#text").FillAsync("Nội dung soạn trong trình soạn thảo, đầy đủ ba phần.");

        await SectionCard(page).Locator("textarea").FillAsync("Nội dung lưu trên thẻ trong lúc đó.");
        await SectionCard(page).GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        // The card's save must be stored before the editor saves (that is the conflict); "a new card appeared" is not
        // proof of it, since Web Chat also repeats the newest message in its live region.
        await WaitForStoredTextAsync("Nội dung lưu trên thẻ trong lúc đó.");

        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu vào báo cáo" }).ClickAsync();
        await editor.Locator("#conflict").WaitForAsync();
        Assert.Equal("Nội dung lưu trên thẻ trong lúc đó.", await editor.Locator("#conflict-current").TextContentAsync());
        Assert.Equal("Nội dung soạn trong trình soạn thảo, đầy đủ ba phần.", await editor.Locator("#conflict-mine").TextContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "editor-conflict.png") });
        await using (var db = _app.OpenStore())
            Assert.Equal("Nội dung lưu trên thẻ trong lúc đó.", (await db.SectionDrafts.SingleAsync()).Text);

        await editor.GetByRole(AriaRole.Button, new() { Name = "Giữ nội dung của tôi và lưu" }).ClickAsync();
        await Assertions.Expect(SectionCard(page).Locator("textarea"))
            .ToHaveValueAsync("Nội dung soạn trong trình soạn thảo, đầy đủ ba phần.", new() { Timeout = 15_000 });
        await using (var db = _app.OpenStore())
        {
            var draft = await db.SectionDrafts.SingleAsync();
            Assert.Equal("Nội dung soạn trong trình soạn thảo, đầy đủ ba phần.", draft.Text);
            Assert.Equal(2, draft.Version);
        }
    }

    /// <summary>
    /// A paste longer than a section takes stays whole in the editor (the browser's maxlength cut it silently at 20,000
    /// characters, so the end of a pasted report part was lost with no word), and the save is refused with the reason.
    /// Text pasted in decomposed Unicode (NFD, as macOS and some PDFs copy Vietnamese) counts as the report stores it,
    /// composed: a section that fits is saved whole.
    /// </summary>
    [Fact]
    public async Task A_paste_over_the_limit_is_kept_whole_and_refused_and_decomposed_text_that_fits_is_saved_whole()
    {
        var (_, page) = await OpenSectionAsync();
        var editor = await OpenEditorAsync(page);
        var sentence = "Chi bộ lãnh đạo đảng viên thực hiện nghiêm túc nghị quyết, kết quả nổi bật ở từng lĩnh vực được giao. ";
        var tooLong = string.Concat(Enumerable.Repeat(sentence, 20_500 / sentence.Length + 1))[..20_500].Trim();

        await editor.Locator("#text").FillAsync(tooLong);
        Assert.Equal(tooLong.Length, (await editor.Locator("#text").InputValueAsync()).Length);
        await Assertions.Expect(editor.Locator("#count")).ToContainTextAsync("dài quá 20.000 ký tự");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu vào báo cáo" }).ClickAsync();
        await Assertions.Expect(editor.Locator("#status")).ToContainTextAsync("dài quá 20.000 ký tự nên chưa được lưu");
        Assert.Equal(tooLong.Length, (await editor.Locator("#text").InputValueAsync()).Length);
        await using (var db = _app.OpenStore())
            Assert.Empty(await db.SectionDrafts.ToListAsync());

        var fits = string.Concat(Enumerable.Repeat(sentence, 19_000 / sentence.Length + 1))[..19_000].Trim();
        var decomposed = fits.Normalize(System.Text.NormalizationForm.FormD);
        Assert.True(decomposed.Length > 20_000, $"the decomposed text is {decomposed.Length} UTF-16 units");
        await editor.Locator("#text").FillAsync(decomposed);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu vào báo cáo" }).ClickAsync();
        await WaitForStoredTextAsync(fits);
    }

    /// <summary>
    /// A clerk leaves the editor open through a long meeting and comes back to it: the link (20 minutes from its last
    /// use) was renewed only by autosaves, so an untouched page was refused afterwards and nothing typed was stored or
    /// saved until the editor was opened again from the chat. The open page now renews it while nothing is typed.
    /// </summary>
    [Fact]
    public async Task An_editor_left_open_unused_longer_than_its_link_lives_still_stores_what_is_typed_afterwards()
    {
        var clock = new ManualTimeProvider();
        _app.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        var (context, page) = await OpenSectionAsync();
        await context.Clock.InstallAsync();
        var editor = await OpenEditorAsync(page);

        // Forty minutes, five at a time: the server's clock, then the page's timers.
        for (var i = 0; i < 8; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            var renewed = page.WaitForResponseAsync(r => r.Url.Contains("/api/editor/section", StringComparison.Ordinal), new() { Timeout = 10_000 });
            await page.Clock.FastForwardAsync("05:00");
            Assert.Equal(200, (await renewed).Status);
        }
        const string typed = "Nội dung soạn sau cuộc họp kéo dài.";
        await editor.Locator("#text").FillAsync(typed);
        await page.Clock.FastForwardAsync("00:06");

        await Assertions.Expect(editor.Locator("#status")).ToContainTextAsync("Đã lưu nháp lúc");
        await using var db = _app.OpenStore();
        Assert.Equal(typed, (await db.EditorDrafts.SingleAsync()).Text);
    }

    /// <summary>
    /// A shared computer: a colleague typed in this section here and left without saving (offline, or after her session
    /// ended). The page kept her copy under the report and section only and showed it to the next person with
    /// «Đã khôi phục nội dung chưa lưu trên máy này», then autosaved it as theirs. A copy that is not this person's own
    /// is never shown.
    /// </summary>
    [Fact]
    public async Task Unsaved_text_a_colleague_left_on_this_computer_is_not_shown_or_stored_as_mine()
    {
        var (_, page) = await OpenSectionAsync();
        const string hers = "Nội dung đồng chí Bình soạn dở trên máy này.";
        var loaded = page.WaitForResponseAsync(r => r.Url.Contains("/api/editor/section", StringComparison.Ordinal));
        await OpenEditorAsync(page);
        var section = await (await loaded).JsonAsync();
        var frame = EditorFrame(page);
        // Her page wrote the copy under the report and section, as the page did before.
        await frame.EvaluateAsync("([name, text]) => localStorage.setItem(name, JSON.stringify({ text, basedOnVersion: 0, pushed: false, at: Date.now() }))",
            new[] { $"soket-editor-draft:{section!.Value.GetProperty("reportId").GetString()}:{section.Value.GetProperty("sectionId").GetString()}", hers });

        var editor = await ReloadEditorAsync(page);

        Assert.Equal("", await editor.Locator("#text").InputValueAsync());
        await Assertions.Expect(editor.Locator("#notice")).Not.ToContainTextAsync("Đã khôi phục");
        await page.WaitForTimeoutAsync(6_000); // past an autosave
        await using (var db = _app.OpenStore())
            Assert.DoesNotContain(await db.EditorDrafts.Select(d => d.Text).ToListAsync(), t => t == hers);
    }

    /// <summary>
    /// The page is reloaded while «Lưu vào báo cáo» is under way: the save went through, but its answer never reached
    /// the page, so the copy on this computer was restored with the old version and the next save met the conflict
    /// screen naming the clerk herself. A copy that already is the report's text is dropped on load.
    /// </summary>
    [Fact]
    public async Task Reloading_during_a_save_that_went_through_does_not_make_the_next_save_a_conflict()
    {
        var (_, page) = await OpenSectionAsync();
        var editor = await OpenEditorAsync(page);
        const string saved = "Chi bộ hoàn thành tốt nhiệm vụ chính trị năm 2026.";
        // The save reaches the server and is stored; the page is reloaded before its answer arrives.
        await page.RouteAsync("**/api/editor/save", async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync();
        });
        await editor.Locator("#text").FillAsync(saved);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu vào báo cáo" }).ClickAsync();
        await WaitForStoredTextAsync(saved);
        await Assertions.Expect(editor.Locator("#status")).ToContainTextAsync("chưa lưu vào báo cáo");
        await page.UnrouteAllAsync();

        editor = await ReloadEditorAsync(page);
        Assert.Equal(saved, await editor.Locator("#text").InputValueAsync());
        await editor.Locator("#text").PressSequentiallyAsync(" Kết nạp 3 đảng viên mới.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu vào báo cáo" }).ClickAsync();

        await WaitForStoredTextAsync(saved + " Kết nạp 3 đảng viên mới.");
        Assert.True(await editor.Locator("#conflict").IsHiddenAsync());
    }

    /// <summary>Polls the store until the section's draft holds <paramref name="text"/> (15 s at most).</summary>
    private async Task WaitForStoredTextAsync(string text)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using (var db = _app.OpenStore())
                if ((await db.SectionDrafts.SingleOrDefaultAsync())?.Text == text)
                    return;
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), $"the section's draft never became «{text}»");
            await Task.Delay(50);
        }
    }

    /// <summary>The web chat page with the first section's card, its user a drafter of the unit.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> OpenSectionAsync()
    {
        var baseUrl = _app.Start();
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl.ToString());
        await page.GetByText("Kính chào đồng chí").First.WaitForAsync();
        await using (var db = _app.OpenStore())
        {
            var userId = (await db.WebChatConversations.SingleAsync()).UserId;
            await DraftingSeed.CreateAsync(db, [(userId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        }
        var cards = await page.Locator(".ac-adaptiveCard").CountAsync();
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("soạn báo cáo");
        await sendBox.PressAsync("Enter");
        await page.Locator(".ac-adaptiveCard").Nth(cards).WaitForAsync();
        await page.Locator(".ac-adaptiveCard").Last.GetByRole(AriaRole.Button, new() { Name = "Soạn tiếp" }).First.ClickAsync();
        await page.Locator(".ac-adaptiveCard").Nth(cards + 1).WaitForAsync();
        return (context, page);
    }

    /// <summary>Presses «Mở trình soạn thảo» on the section card; the editor opens beside the chat.</summary>
    private static async Task<IFrameLocator> OpenEditorAsync(IPage page)
    {
        await SectionCard(page).GetByRole(AriaRole.Button, new() { Name = EditorTexts.ButtonTitle }).ClickAsync();
        await page.Locator("#editor-panel iframe").WaitForAsync();
        var editor = page.FrameLocator("#editor-panel iframe");
        await editor.Locator("#text:not([disabled])").WaitForAsync();
        return editor;
    }

    private static IFrame EditorFrame(IPage page) => page.Frames.Last(f => f.Url.Contains("/editor?", StringComparison.Ordinal));

    /// <summary>Loads the open editor's page again, as a reload (F5) in its frame does.</summary>
    private static async Task<IFrameLocator> ReloadEditorAsync(IPage page)
    {
        var frame = EditorFrame(page);
        await frame.GotoAsync(frame.Url);
        var editor = page.FrameLocator("#editor-panel iframe");
        await editor.Locator("main[aria-busy='false']").WaitForAsync();
        return editor;
    }

    /// <summary>The latest section card (the one with the text box), not the editor's link card after it.</summary>
    private static ILocator SectionCard(IPage page) => page.Locator(".ac-adaptiveCard", new() { Has = page.Locator("textarea") }).Last;
}
