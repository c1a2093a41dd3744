using Microsoft.Playwright;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Browser;

/// <summary>
/// Debian's Chromium, driven by Playwright, uses the page at / exactly as a person would: Microsoft
/// Web Chat (installed from npm by the build) talking to the bot's own Direct Line subset.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Typing_tro_giup_shows_the_help_card()
    {
        var baseUrl = _app.Start();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(baseUrl.ToString());
        await page.GetByText("Kính chào đồng chí").First.WaitForAsync();

        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("tro giup");
        await sendBox.PressAsync("Enter");

        var card = page.Locator(".ac-adaptiveCard").Last;
        await card.WaitForAsync();
        var text = await card.InnerTextAsync();
        Assert.Contains("Trợ lý sơ kết", text);
        Assert.Contains("soạn báo cáo", text, StringComparison.OrdinalIgnoreCase);

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "help-card.png"), FullPage = true });
    }
}
