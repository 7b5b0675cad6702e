using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CostInsights.Web.Tests.Browser;

/// <summary>The app and Debian's chromium driven by Playwright (never a downloaded browser).</summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(new SqliteWebAppFixture())
    {
    }

    protected BrowserFixture(WebAppFixture app) => App = app;

    public WebAppFixture App { get; }

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        if (!TestEnvironment.HasChromium)
        {
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string email, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1400, Height = 1000 }
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Opens an interactive page and waits until its circuit is live, so that clicks reach C#.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WhenInteractiveAsync(page);
    }

    public static Task WhenInteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();

    /// <summary>
    /// Clicks until the click's effect is seen, at most three times. On a loaded machine a click can land while a list is still
    /// opening or a chart is being redrawn and do nothing; the user would click again, and so does the test. Between attempts
    /// <paramref name="reset"/> puts the page back (closes a list, or loads the page again), if it is given; without one, a
    /// click whose effect comes just after the wait is not made again.
    /// </summary>
    /// <param name="page">Where the click lands: when the last attempt fails too, its state is told (address, circuit, open lists).</param>
    public static async Task ClickUntilAsync(Func<Task> click, Func<float, Task> seen, Func<Task>? reset = null, IPage? page = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await click();
            try
            {
                await seen(15_000);
                return;
            }
            // Waiting for an address times out with System.TimeoutException, an expectation with a PlaywrightException.
            catch (Exception e) when ((e is PlaywrightException or TimeoutException) && attempt < 3)
            {
                if (reset is not null)
                {
                    await reset();
                }
                else if (await SeenLateAsync(seen))
                {
                    // The click took effect after the wait (a navigation on a loaded machine): clicking again would click the
                    // page it went to.
                    return;
                }
            }
            catch (Exception e) when ((e is PlaywrightException or TimeoutException) && page is not null)
            {
                string state;
                try
                {
                    state = await StateAsync(page);
                }
                catch (PlaywrightException unknown)
                {
                    state = $"The page's state could not be read: {unknown.Message}";
                }
                throw new InvalidOperationException($"Three clicks had no effect. {state}", e);
            }
        }
    }

    private static async Task<bool> SeenLateAsync(Func<float, Task> seen)
    {
        try
        {
            await seen(5_000);
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>What a page shows of its circuit and lists, for a failure's message.</summary>
    private static async Task<string> StateAsync(IPage page) => $"Address {page.Url}; " + await page.EvaluateAsync<string>("""
        () => `interactive: ${document.querySelector('[data-interactive]')?.dataset.interactive}; ` +
          `reconnect dialog: ${document.querySelector('#components-reconnect-modal')?.className ?? 'none'}; ` +
          `error bar shown: ${!!document.querySelector('#blazor-error-ui') &&
            getComputedStyle(document.querySelector('#blazor-error-ui')).display !== 'none'}; ` +
          `open lists: ${document.querySelectorAll('.mud-popover-open').length}; ` +
          `options: ${[...document.querySelectorAll('.mud-popover-open .mud-list-item')].map(o => o.innerText.trim()).join(' | ')}`
        """);

    public async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        await App.DisposeAsync();
    }
}
