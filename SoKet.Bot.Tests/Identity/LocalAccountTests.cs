using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Cli;
using SoKet.Bot.People;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// SoKet's own accounts over real HTTP, as an office's IT person and a clerk meet them: the account made on the command
/// line, the password chosen through the link, the sign-in form.
/// </summary>
[Trait("Category", "Store")]
public sealed partial class LocalAccountTests
{
    /// <summary>
    /// Any address the command line and chat accept as an e-mail gets an account (Identity's default user-name letters
    /// refused these with «Username '…' is invalid, can only contain letters or digits.»), and an address with
    /// Vietnamese letters is the same address whether it is typed composed (NFC) or decomposed (NFD).
    /// </summary>
    [Theory]
    [InlineData("nguyễn.an@tinhuy.vn")]
    [InlineData("o'neil.tran@tinhuy.vn")]
    public async Task An_address_the_command_line_accepts_gets_an_account_and_signs_in_in_either_unicode_form(string address)
    {
        using var app = new BotApp();
        app.Settings["SignIn:Provider"] = "LocalAccounts";
        var origin = app.Start().ToString().TrimEnd('/');
        var decomposed = address.Normalize(NormalizationForm.FormD);

        var output = new StringWriter();
        var error = new StringWriter();
        string[] settings = [.. app.StoreSettings.Select(s => $"--{s.Key}={s.Value}"), "--SignIn:Provider=LocalAccounts", $"--SignIn:PublicUrl={origin}"];
        var code = await CommandLine.RunAsync(["create-account", decomposed, .. settings], output, error);

        Assert.True(code == 0, error.ToString());
        Assert.DoesNotContain("invalid", output.ToString() + error.ToString(), StringComparison.OrdinalIgnoreCase);
        var link = ActivationLink().Match(output.ToString()).Value;
        await using (var db = app.OpenStore())
        {
            var person = await db.People.SingleAsync(p => p.Email != null);
            Assert.Equal(address, person.Email);
        }

        using var browser = Browser(origin);
        var form = await browser.GetStringAsync(link);
        using var activated = await browser.PostAsync("/kich-hoat", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tai-khoan"] = Hidden(form, "tai-khoan"), ["ma"] = Hidden(form, "ma"),
            ["Password"] = "mat-khau-cua-dong-chi", ["Confirm"] = "mat-khau-cua-dong-chi",
            ["__RequestVerificationToken"] = Hidden(form, "__RequestVerificationToken"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);

        foreach (var typed in new[] { address.ToUpperInvariant(), decomposed })
        {
            using var signIn = await SignInAsync(browser, typed, "mat-khau-cua-dong-chi");
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{typed}: {await signIn.Content.ReadAsStringAsync()}");
            Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        }
    }

    /// <summary>
    /// The sign-in pages say what is wrong: an empty password on the activation page was told «Hai lần nhập mật khẩu
    /// không khớp.», a password over 256 characters at sign-in was asked to «nhập địa chỉ e-mail và mật khẩu», and a
    /// lockout always said 15 minutes whatever was left of it.
    /// </summary>
    [Fact]
    public async Task Activation_and_sign_in_say_what_is_wrong_and_a_lockout_the_minutes_left()
    {
        using var app = new BotApp();
        app.Settings["SignIn:Provider"] = "LocalAccounts";
        var origin = app.Start().ToString().TrimEnd('/');
        const string address = "tran.binh@tinhuy.vn";
        var output = new StringWriter();
        var error = new StringWriter();
        string[] settings = [.. app.StoreSettings.Select(s => $"--{s.Key}={s.Value}"), "--SignIn:Provider=LocalAccounts", $"--SignIn:PublicUrl={origin}"];
        Assert.True(await CommandLine.RunAsync(["create-account", address, .. settings], output, error) == 0, error.ToString());
        using var browser = Browser(origin);
        var form = await browser.GetStringAsync(ActivationLink().Match(output.ToString()).Value);
        async Task<HttpResponseMessage> ActivateAsync(string password) => await browser.PostAsync("/kich-hoat", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tai-khoan"] = Hidden(form, "tai-khoan"), ["ma"] = Hidden(form, "ma"), ["Password"] = password, ["Confirm"] = password,
            ["__RequestVerificationToken"] = Hidden(form, "__RequestVerificationToken"),
        }));

        using (var empty = await ActivateAsync(""))
        {
            var page = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
            Assert.Contains("Đồng chí chưa nhập mật khẩu.", page);
            Assert.DoesNotContain("không khớp", page);
        }
        using (var activated = await ActivateAsync("mat-khau-cua-dong-chi"))
            Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);

        var tooLong = "mk-" + new string('x', 300);
        using (var signIn = await SignInAsync(browser, address, tooLong))
        {
            var page = WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync());
            Assert.Contains("Mật khẩu dài quá 256 ký tự.", page);
            Assert.DoesNotContain("vui lòng nhập", page);
            Assert.DoesNotContain(tooLong, page);
        }

        // Locked out a while ago: six and a half minutes are left.
        await using (var db = app.OpenStore())
        {
            var account = await db.Set<SoKet.Bot.Identity.Accounts.Account>().SingleAsync();
            account.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(6.5);
            await db.SaveChangesAsync();
        }
        using (var locked = await SignInAsync(browser, address, "mat-khau-cua-dong-chi"))
        {
            var page = WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync());
            Assert.Contains("thử lại sau 7 phút", page);
        }
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password)
    {
        var form = await browser.GetStringAsync("/dang-nhap");
        return await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = Hidden(form, "__RequestVerificationToken"),
        }));
    }

    /// <summary>A client that keeps cookies like a browser and shows redirects instead of following them.</summary>
    private static HttpClient Browser(string origin) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(origin) };

    private static string Hidden(string html, string name)
    {
        var input = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*>").Value;
        return WebUtility.HtmlDecode(Regex.Match(input, "value=\"([^\"]*)\"").Groups[1].Value);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/kich-hoat\?\S+")]
    private static partial Regex ActivationLink();
}
