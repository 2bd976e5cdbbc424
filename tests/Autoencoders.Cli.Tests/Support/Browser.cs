using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Autoencoders.Cli.Tests;

/// <summary>
/// Debian's chromium, headless, driven by Playwright through <c>ExecutablePath</c>: the Node driver ships inside the
/// Microsoft.Playwright package (copied next to the tests as <c>.playwright/</c>), so no browser is downloaded (or could
/// be here), only <c>apt-get install chromium</c>. Each page it opens collects its console errors, uncaught exceptions,
/// failed loads and HTTP error answers in <see cref="BrowserPage.Errors"/>.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Set to 1 to skip the browser tests on a machine without chromium; otherwise they fail there.</summary>
    public const string SkipVariable = "AE_SKIP_BROWSER_TESTS";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    /// <summary>Why the browser tests are skipped, or null when they run (and then fail without chromium).</summary>
    public static string? SkipReason => Environment.GetEnvironmentVariable(SkipVariable) == "1"
        ? $"{SkipVariable}=1: the headless-browser checks are skipped"
        : null;

    /// <summary>Starts the driver and chromium; fails with what to install when chromium is missing.</summary>
    public static async Task<Browser> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"{ExecutablePath} is not installed: the browser tests drive Debian's headless chromium — run `apt-get install -y chromium` (or set {SkipVariable}=1 to skip them)");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Root in a container has no user namespace for chromium's sandbox; /dev/shm is often tiny there.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
                Timeout = 60_000,
            });
            return new Browser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page (its own context: no cookies or cache shared with other pages) that records its errors.</summary>
    public async Task<BrowserPage> NewPageAsync()
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "assert") errors.Enqueue("console.error: " + message.Text);
        };
        page.PageError += (_, error) => errors.Enqueue("exception: " + error);
        page.RequestFailed += (_, request) =>
        {
            // An EventSource the page closes itself (the dashboard does after a run's last event) ends as ERR_ABORTED.
            if (!(request.ResourceType == "eventsource" && request.Failure == "net::ERR_ABORTED"))
                errors.Enqueue($"failed load: {request.Failure} {Shorten(request.Url)}");
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) errors.Enqueue($"HTTP {response.Status}: {Shorten(response.Url)}");
        };
        return new BrowserPage(page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    // A data URI can be megabytes long; its head says what it is, a file URL's tail which file.
    internal static string Shorten(string url) => url.Length <= 100 ? url : url[..50] + "…" + url[^50..];
}
