using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Browser;

/// <summary>A drafter in Chromium through Web Chat: writes, leaves, comes back on a new page, finds the text kept, submits.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DraftingBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Write_two_sections_and_two_indicators_leave_come_back_and_submit()
    {
        var baseUrl = _app.Start();
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl.ToString());
        await page.GetByText("Kính chào đồng chí").First.WaitForAsync();
        await JoinUnitAsync();

        await SayAsync(page, "soạn báo cáo", expectCard: true);
        await PressAsync(page, "Soạn tiếp");
        await LastCard(page).Locator("textarea").FillAsync("Chi bộ có 25 đảng viên, sinh hoạt đều đặn, đoàn kết.");
        await PressAsync(page, "Lưu và tiếp tục");
        await LastCard(page).Locator("textarea").FillAsync("Công tác xây dựng Đảng được tăng cường, kết nạp 3 đảng viên mới.");
        await PressAsync(page, "Lưu và tiếp tục");

        await SayAsync(page, "phụ lục chỉ tiêu", expectCard: true);
        await AddIndicatorAsync(page, "Kết nạp đảng viên mới", "đảng viên", "2", "3", "3");
        await AddIndicatorAsync(page, "Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ", "%", "90", "85,5", "88");
        await LastCard(page).GetByText("Đánh giá: Không đạt").WaitForAsync();
        await page.CloseAsync();

        var again = await context.NewPageAsync();
        await again.GotoAsync(baseUrl.ToString());
        await again.GetByText("Kính chào đồng chí").First.WaitForAsync();
        await SayAsync(again, "xem toàn bộ", expectCard: true);
        await again.GetByText("Chi bộ có 25 đảng viên, sinh hoạt đều đặn, đoàn kết.").First.WaitForAsync();
        await again.GetByText("kết nạp 3 đảng viên mới", new() { Exact = false }).First.WaitForAsync();
        await again.GetByText("Tỷ lệ chi bộ hoàn thành tốt nhiệm vụ", new() { Exact = false }).First.WaitForAsync();

        await SayAsync(again, "nộp báo cáo", expectCard: true);
        await PressAsync(again, "Xác nhận nộp");
        await again.GetByText("Đã nộp báo cáo sơ kết", new() { Exact = false }).First.WaitForAsync();
        await again.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "drafting-submitted.png"), FullPage = true });

        await using var db = _app.OpenStore();
        var report = await db.Reports.SingleAsync();
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal(2, await db.SectionDrafts.CountAsync());
        Assert.Equal(2, await db.IndicatorRows.CountAsync());
    }

    [Fact]
    public async Task After_Soan_tiep_and_Luu_only_the_newest_card_has_live_buttons()
    {
        var baseUrl = _app.Start();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(baseUrl.ToString());
        await page.GetByText("Kính chào đồng chí").First.WaitForAsync();
        await JoinUnitAsync();

        await SayAsync(page, "soạn báo cáo", expectCard: true);
        await PressAsync(page, "Soạn tiếp");
        await page.GetByText("Đã chọn: Soạn tiếp", new() { Exact = false }).WaitForAsync();
        await LastCard(page).Locator("textarea").FillAsync("Chi bộ có 25 đảng viên, sinh hoạt đều đặn, đoàn kết.");
        await PressAsync(page, "Lưu", exact: true);
        await page.GetByText("Đã chọn: Lưu", new() { Exact = true }).WaitForAsync();

        // Three cards in the order they came, the two older ones closed where they were: no buttons, no inputs.
        var cards = page.Locator(".ac-adaptiveCard");
        Assert.Equal(3, await cards.CountAsync());
        Assert.Contains("Đã chọn: Soạn tiếp", await cards.Nth(0).InnerTextAsync());
        Assert.Contains("Đã chọn: Lưu", await cards.Nth(1).InnerTextAsync());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0, await cards.Nth(i).GetByRole(AriaRole.Button).CountAsync());
            Assert.Equal(0, await cards.Nth(i).Locator("textarea, input").CountAsync());
        }
        Assert.True(await cards.Nth(2).GetByRole(AriaRole.Button, new() { Name = "Lưu và tiếp tục" }).IsEnabledAsync());
        Assert.Equal("Chi bộ có 25 đảng viên, sinh hoạt đều đặn, đoàn kết.", await cards.Nth(2).Locator("textarea").InputValueAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "drafting-closed-cards.png"), FullPage = true });
    }

    /// <summary>The office registers the browser's user (known once the page has talked to the bot) as a member of a unit.</summary>
    private async Task JoinUnitAsync()
    {
        await using var db = _app.OpenStore();
        var userId = (await db.WebChatConversations.SingleAsync()).UserId;
        await DraftingSeed.CreateAsync(db, [(userId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
    }

    private static ILocator LastCard(IPage page) => page.Locator(".ac-adaptiveCard").Last;

    private static async Task SayAsync(IPage page, string text, bool expectCard)
    {
        var before = await page.Locator(".ac-adaptiveCard").CountAsync();
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
        if (expectCard)
            await WaitForNewCardAsync(page, before);
    }

    private static async Task PressAsync(IPage page, string title, bool exact = false)
    {
        var before = await page.Locator(".ac-adaptiveCard").CountAsync();
        await LastCard(page).GetByRole(AriaRole.Button, new() { Name = title, Exact = exact }).First.ClickAsync();
        await WaitForNewCardAsync(page, before);
    }

    private static async Task AddIndicatorAsync(IPage page, params string[] values)
    {
        var inputs = LastCard(page).Locator("input.ac-textInput");
        for (var i = 0; i < values.Length; i++)
            await inputs.Nth(i).FillAsync(values[i]);
        await PressAsync(page, "Lưu chỉ tiêu");
        await LastCard(page).GetByText(values[0], new() { Exact = false }).First.WaitForAsync();
    }

    // A locator wait, not WaitForFunction: the page's Content-Security-Policy forbids evaluating strings as script.
    private static Task WaitForNewCardAsync(IPage page, int before) =>
        page.Locator(".ac-adaptiveCard").Nth(before).WaitForAsync();
}
