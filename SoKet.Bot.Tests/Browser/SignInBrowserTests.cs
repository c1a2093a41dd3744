using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Cli;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Identity;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Browser;

/// <summary>
/// The web chat behind sign-in, in Chromium: through an OpenID Connect provider on loopback (the real redirect flow:
/// discovery, authorize with its login form, code + PKCE at the token endpoint, RS256 id_token), and with SoKet's own
/// accounts (invitation, first password, lockout, reset by an admin).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Store")]
public sealed partial class SignInBrowserTests(BrowserFixture browser)
{
    private const string Email = "an.nv@laichau.dcs.vn";
    private static readonly CapturingLoggerProvider Logs = new();

    private static string Errors() => string.Join("\n", Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning || l.Exception is not null).Select(l => $"{l.Category}: {l.Message} {l.Exception}"));

    [Fact]
    public async Task OpenID_Connect_sign_in_chat_draft_sign_out_and_the_token_stops_working()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync();
        provider.AddUser("an", "mat-khau-idp", Email, "Nguyễn Văn An");
        using var app = new BotApp { TestServices = s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs) };
        foreach (var (key, value) in provider.Settings())
            app.Settings[key] = value;
        var baseUrl = app.Start();
        await using (var db = app.OpenStore())
        {
            // The same person the office registered (and who uses Teams): a signed-in browser must be that Person.
            var seed = await DraftingSeed.CreateAsync(db, [], DraftingSeed.HaTinh);
            var an = new Person { Id = Guid.NewGuid(), DisplayName = "Nguyễn Văn An", Email = Email, ChannelId = ChannelIds.Teams, ChannelUserId = "29:an-teams", CreatedAtUtc = DateTime.UtcNow };
            db.People.Add(an);
            db.UnitMembers.Add(new UnitMember { UnitId = seed.Unit.Id, PersonId = an.Id, Role = MemberRole.Drafter });
            await db.SaveChangesAsync();
        }

        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl.ToString());
        await ExpectUrlAsync(page, url => url.Contains("/dang-nhap", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập bằng tài khoản Tỉnh ủy" }).ClickAsync();
        await ExpectUrlAsync(page, url => url.StartsWith(provider.Issuer, StringComparison.Ordinal));
        await page.Locator("#login").FillAsync("an");
        await page.Locator("#password").FillAsync("mat-khau-idp");
        var tokenResponse = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/webchat/token", StringComparison.Ordinal) && r.Status == 200);
        var conversationResponse = page.WaitForResponseAsync(r => r.Url.EndsWith("/v3/directline/conversations", StringComparison.Ordinal) && r.Status == 201);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        try
        {
            await tokenResponse;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Page {page.Url} shows: {await page.InnerTextAsync("body")}\nLogs: {Errors()}");
        }
        var session = (await (await tokenResponse).JsonAsync())!.Value;
        var started = (await (await conversationResponse).JsonAsync())!.Value;
        await page.GetByText("Kính chào đồng chí").First.WaitForAsync();
        await page.GetByText("Nguyễn Văn An").First.WaitForAsync();

        await BrowserChat.SayAsync(page, "soạn báo cáo", expectCard: true);
        await BrowserChat.PressAsync(page, "Soạn tiếp");
        await BrowserChat.LastCard(page).Locator("textarea").FillAsync("Chi bộ có 25 đảng viên, soạn trên trình duyệt.");
        await BrowserChat.PressAsync(page, "Lưu và tiếp tục");

        await using (var db = app.OpenStore())
        {
            var person = await db.People.SingleAsync(p => p.Email == Email);
            Assert.Equal(ChannelIds.Teams, person.ChannelId); // still reached in Teams for reminders
            var draft = await db.SectionDrafts.SingleAsync();
            Assert.Equal("Chi bộ có 25 đảng viên, soạn trên trình duyệt.", draft.Text);
            Assert.Equal(person.Id, draft.UpdatedByPersonId);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await page.GetByText("Đồng chí đã đăng xuất").WaitForAsync();
        Assert.Equal(1, provider.LogoutCount);

        using var http = app.CreateHttpClient();
        var userToken = session.GetProperty("token").GetString()!;
        var conversationToken = started.GetProperty("token").GetString()!;
        var conversationId = started.GetProperty("conversationId").GetString()!;
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userToken);
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities");
        poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(start)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(poll)).StatusCode);

        // Back on the page: signed out here and at the provider, so its login form shows again.
        await page.GotoAsync(baseUrl.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập bằng tài khoản Tỉnh ủy" }).ClickAsync();
        await page.Locator("#login").WaitForAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task SoKet_accounts_invitation_first_password_lockout_and_reset_by_an_admin()
    {
        using var app = new BotApp { TestServices = s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs) };
        app.Settings["SignIn:Provider"] = "LocalAccounts";
        app.Settings["SignIn:LocalAccounts:MaxFailedAttempts"] = "3";
        var baseUrl = app.Start();
        var origin = baseUrl.ToString().TrimEnd('/');

        // The office's first admin, from the command line (nobody can sign in to the chat yet).
        var output = new StringWriter();
        var error = new StringWriter();
        string[] settings = [.. app.StoreSettings.Select(s => $"--{s.Key}={s.Value}"), "--SignIn:Provider=LocalAccounts", $"--SignIn:PublicUrl={origin}"];
        var code = await CommandLine.RunAsync(["create-account", "vanphong@laichau.dcs.vn", "--admin", "--name", "Văn phòng Thành ủy", .. settings], output, error);
        Assert.True(code == 0, error.ToString());
        var adminLink = Link().Match(output.ToString()).Value;
        Assert.StartsWith(origin + "/kich-hoat?", adminLink);

        var admin = await (await browser.NewContextAsync()).NewPageAsync();
        await ChoosePasswordAsync(admin, adminLink, "mat-khau-van-phong");
        await SignInAsync(admin, "vanphong@laichau.dcs.vn", "mat-khau-van-phong");
        await admin.GetByText("Kính chào đồng chí").First.WaitForAsync();

        await BrowserChat.SayAsync(admin, $"tạo tài khoản {Email}", expectCard: false);
        var invitation = await NewLinkInChatAsync(admin);

        var an = await (await browser.NewContextAsync()).NewPageAsync();
        await ChoosePasswordAsync(an, invitation, "mat-khau-cua-an-1");
        await SignInAsync(an, Email, "mat-khau-cua-an-1");
        await an.GetByText("Kính chào đồng chí").First.WaitForAsync();
        // The invitation works once.
        var reused = await (await browser.NewContextAsync()).NewPageAsync();
        await reused.GotoAsync(invitation);
        await reused.Locator("#password").FillAsync("mat-khau-khac-123");
        await reused.Locator("#confirm").FillAsync("mat-khau-khac-123");
        await reused.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu" }).ClickAsync();
        await reused.GetByText("hết hạn", new() { Exact = false }).WaitForAsync();

        // Three wrong passwords lock the account; then even the right one is refused.
        var guesser = await (await browser.NewContextAsync()).NewPageAsync();
        await guesser.GotoAsync(origin + "/dang-nhap");
        for (var i = 0; i < 3; i++)
            await SignInAsync(guesser, Email, "sai-mat-khau-" + i);
        await guesser.GetByText("tạm khóa", new() { Exact = false }).WaitForAsync();
        await SignInAsync(guesser, Email, "mat-khau-cua-an-1");
        await guesser.GetByText("tạm khóa", new() { Exact = false }).WaitForAsync();
        Assert.Contains("/dang-nhap", guesser.Url);

        // The admin resets it: the old password and An's open session end; a new link sets a new password.
        await BrowserChat.SayAsync(admin, $"đặt lại mật khẩu {Email}", expectCard: false);
        var reset = await NewLinkInChatAsync(admin, except: invitation);
        await an.ReloadAsync();
        await ExpectUrlAsync(an, url => url.Contains("/dang-nhap", StringComparison.Ordinal));
        await ChoosePasswordAsync(an, reset, "mat-khau-moi-cua-an");
        await SignInAsync(an, Email, "mat-khau-cua-an-1");
        await an.GetByText("không đúng", new() { Exact = false }).WaitForAsync();
        await SignInAsync(an, Email, "mat-khau-moi-cua-an");
        await an.GetByText("Kính chào đồng chí").First.WaitForAsync();
        await an.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "signed-in-account.png") });

        await using var db = app.OpenStore();
        var audit = await db.AuditEntries.Where(a => a.Action.StartsWith("account.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["account.created", "account.created", "account.password-reset"], audit);
    }

    private static async Task ChoosePasswordAsync(IPage page, string link, string password)
    {
        await page.GotoAsync(link);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#confirm").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đặt mật khẩu" }).ClickAsync();
        await ExpectAsync(page, page.GetByText("Đã đặt mật khẩu"));
    }

    /// <summary>
    /// Waits until the page's address satisfies <paramref name="matches"/>, reading it every 100 ms; on timeout says
    /// where the page is and what it shows. Not WaitForURLAsync: it compares the address once and then waits for a
    /// navigation to come, and the chat page's script sends the browser on to the sign-in page by itself, so that
    /// navigation can finish between the two (CI timed out in it with the page already on the sign-in page).
    /// </summary>
    private static async Task ExpectUrlAsync(IPage page, Func<string, bool> matches)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(20);
        while (!matches(page.Url))
        {
            if (DateTime.UtcNow > giveUp)
                throw new TimeoutException($"Page {page.Url} shows: {await page.InnerTextAsync("body")}\nLogs: {Errors()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for <paramref name="locator"/>; on timeout says where the page is and what it shows.</summary>
    private static async Task ExpectAsync(IPage page, ILocator locator)
    {
        try
        {
            await locator.First.WaitForAsync();
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Page {page.Url} shows: {await page.InnerTextAsync("body")}\nLogs: {Errors()}");
        }
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        if (!page.Url.Contains("/dang-nhap", StringComparison.Ordinal))
            await page.GotoAsync(new Uri(new Uri(page.Url), "/dang-nhap").ToString());
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// The activation link the chat shows that is not <paramref name="except"/>. Web Chat repeats the newest message in
    /// its screen-reader region ahead of the transcript, so a link's position in the page text says nothing about its
    /// age: the new link is the one not seen before. Read by polling the text (a function string for
    /// WaitForFunctionAsync would be eval'd, which SoKet's CSP forbids).
    /// </summary>
    private static async Task<string> NewLinkInChatAsync(IPage page, string? except = null)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var links = Link().Matches(await page.InnerTextAsync("#webchat")).Select(m => m.Value).Where(l => l != except).Distinct().ToList();
            if (links.Count == 1)
                return links[0];
            if (links.Count > 1)
                throw new InvalidOperationException($"The chat shows {links.Count} new activation links, expected one.");
            if (DateTime.UtcNow > giveUp)
                throw new TimeoutException("The chat shows no new activation link.");
            await page.WaitForTimeoutAsync(200);
        }
    }

    // Web Chat follows a link it renders with a zero-width space (U+200B), which is not part of the link.
    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/kich-hoat\?tai-khoan=[0-9a-f]{32}&ma=[^\s""<\u200B]+")]
    private static partial Regex Link();
}

/// <summary>Typing and pressing in Web Chat, as a person does.</summary>
internal static class BrowserChat
{
    public static ILocator LastCard(IPage page) => page.Locator(".ac-adaptiveCard").Last;

    public static async Task SayAsync(IPage page, string text, bool expectCard)
    {
        var before = await page.Locator(".ac-adaptiveCard").CountAsync();
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
        if (expectCard)
            await page.Locator(".ac-adaptiveCard").Nth(before).WaitForAsync();
    }

    public static async Task PressAsync(IPage page, string title)
    {
        var before = await page.Locator(".ac-adaptiveCard").CountAsync();
        await LastCard(page).GetByRole(AriaRole.Button, new() { Name = title }).First.ClickAsync();
        await page.Locator(".ac-adaptiveCard").Nth(before).WaitForAsync();
    }
}
