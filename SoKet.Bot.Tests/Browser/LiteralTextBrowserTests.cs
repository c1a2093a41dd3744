using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Browser;

/// <summary>
/// Outline headings numbered "1.", "2.", "3." (Hà Tĩnh's outline, C.I) reach Chromium through Web Chat's Markdown and
/// the Adaptive Cards renderer: the overview card shows them as the plan writes them, not as a list renumbered from 1.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiteralTextBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_overview_card_shows_numbered_headings_as_written()
    {
        var baseUrl = _app.Start();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(baseUrl.ToString());
        await page.GetByText("Kính chào đồng chí").First.WaitForAsync();
        await JoinHaTinhUnitAsync();

        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("soạn báo cáo");
        await sendBox.PressAsync("Enter");
        var card = page.Locator(".ac-adaptiveCard").Last;
        await card.GetByText("Về phát triển kinh tế - xã hội", new() { Exact = false }).First.WaitForAsync();

        var blocks = (await card.Locator(".ac-textBlock").AllTextContentsAsync()).Select(b => b.Trim()).ToList();
        Assert.Contains("1. Về công tác xây dựng Đảng và các tổ chức trong hệ thống chính trị", blocks);
        Assert.Contains("2. Về phát triển kinh tế - xã hội", blocks);
        Assert.Contains("3. Về đảm bảo quốc phòng - an ninh, đối ngoại", blocks);
        Assert.Contains("2.1. Nguyên nhân khách quan", blocks);
        Assert.Equal(0, await card.Locator("ol, ul, li").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "overview-numbered-headings.png"), FullPage = true });
    }

    private async Task JoinHaTinhUnitAsync()
    {
        await using var db = _app.OpenStore();
        var userId = (await db.WebChatConversations.SingleAsync()).UserId;
        await DraftingSeed.CreateAsync(db, [(userId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
    }
}
