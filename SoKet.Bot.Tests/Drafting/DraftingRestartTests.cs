using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;
using SoKet.Bot.Reports;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>The bot process stops between two saves and starts again on the same SQLite file.</summary>
public sealed class DraftingRestartTests
{
    [Fact]
    public async Task Nothing_typed_is_lost_and_the_card_on_screen_still_works_after_a_restart()
    {
        var first = new BotApp { KeepDataOnDispose = true };
        var an = await DraftingChat.OpenAsync(first);
        await using (var db = first.OpenStore())
            await DraftingSeed.CreateAsync(db, [(an.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        await an.SayAsync("soạn báo cáo");
        await an.PressAsync("Soạn tiếp");
        await an.PressAsync("Lưu và tiếp tục", new { text = "Trước khi khởi động lại." });
        var cardBeforeRestart = an.Card!;
        first.Dispose();

        using var second = new BotApp(first.DataDirectory);
        var resumed = new DraftingChat(an.Client.Through(second.CreateHttpClient()));
        var saved = await resumed.PressAsync("Lưu và tiếp tục", new { text = "Sau khi khởi động lại." }, cardBeforeRestart);

        Assert.Contains("Đã lưu mục", Texts(saved));
        await using var store = second.OpenStore();
        var texts = await store.SectionDrafts.OrderBy(d => d.UpdatedAtUtc).Select(d => d.Text).ToListAsync();
        Assert.Equal(["Trước khi khởi động lại.", "Sau khi khởi động lại."], texts);
        Assert.Contains("Mục 3/", Texts(saved));
    }
}
