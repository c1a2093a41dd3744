using Microsoft.Playwright;
using SoKet.Bot.Tests.Demo;
using SoKet.Bot.Tests.Drafting;

namespace SoKet.Bot.Tests.Browser;

/// <summary>
/// The synthesis progress in the real Microsoft Web Chat, on the live demo: one line that changes as sections are
/// written ("Đang tổng hợp mục k/14…", then "Đã tổng hợp 14/14 mục."), not fourteen lines, then the document link.
/// Web Chat replaces a message whose id it already shows; the bot's web chat sends a new version under the same id.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Store")]
public sealed class SynthesisBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_progress_line_changes_in_place_and_the_document_link_follows()
    {
        await using var model = await LoopbackModelServer.StartAsync();
        for (var i = 0; i < 14; i++)
            model.Enqueue(ModelReply.Delayed(TimeSpan.FromMilliseconds(400), ModelReply.Text("Các đơn vị đã nêu kết quả chủ yếu của mục này.")));
        // Today's date: Web Chat orders the transcript by timestamp, and the bot's replies carry the real clock's.
        using var bed = DemoBed.Start(DateTimeOffset.UtcNow, settings: s =>
        {
            foreach (var (key, value) in DraftingHost.Compatible(model))
                s[key] = value;
        });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(bed.App.Start().ToString());
        await page.GetByText("Kính chào đồng chí").First.WaitForAsync();
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("tổng hợp báo cáo kèm đoạn tổng hợp");
        await sendBox.PressAsync("Enter");

        // The messages as the transcript shows them (Web Chat also repeats the focused one in a hidden label).
        ILocator Message(string text) => page.Locator("p").Filter(new() { HasText = text });
        await Message("Đang tổng hợp mục").First.WaitForAsync();
        await Message("Đã tổng hợp 14/14 mục.").WaitForAsync(new() { Timeout = 60_000 });
        await page.GetByText("tong-hop-kem-doan-tong-hop").First.WaitForAsync();

        Assert.Equal(0, await Message("Đang tổng hợp mục").CountAsync());
        Assert.Equal(1, await Message("Đã tổng hợp 14/14 mục.").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "synthesis-progress.png"), FullPage = true });
    }
}
