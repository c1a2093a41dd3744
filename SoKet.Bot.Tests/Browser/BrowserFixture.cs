using Microsoft.Playwright;

namespace SoKet.Bot.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// One headless Chromium for all browser tests. Playwright's own browser download cannot work
/// here, so it drives Debian's chromium package (installed by test.sh); SOKET_CHROMIUM overrides the path.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ArtifactsDirectory);
        var executable = Environment.GetEnvironmentVariable("SOKET_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium not found at {executable}; run ./test.sh, which installs Debian's chromium package.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // The machine has no outside network: without these Chromium keeps trying to reach Google.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync() => await (await NewContextAsync()).NewPageAsync();

    /// <summary>A browser profile of its own (cookies included): pages opened in it are the same web chat user.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new() { Width = 1000, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
