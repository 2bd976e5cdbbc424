using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Autoencoders.Cli.Tests;

/// <summary>One page of <see cref="Browser"/> with what went wrong on it so far, in arrival order.</summary>
public sealed class BrowserPage(IPage page, ConcurrentQueue<string> errors)
{
    // Waits for every image to be decoded (a broken one rejects), then reports each one's state.
    private const string ImagesScript = """
        async () => {
          const images = [...document.images];
          await Promise.all(images.map(image => image.decode().catch(() => null)));
          return images.map(image => ({ alt: image.alt, source: image.currentSrc.slice(0, 60), complete: image.complete, width: image.naturalWidth }));
        }
        """;

    public IPage Page { get; } = page;

    public IReadOnlyList<string> Errors => [.. errors];

    /// <summary>Opens a file (a path) or an address (http://…) and waits for its load event.</summary>
    public async Task GotoAsync(string pathOrAddress)
    {
        string address = pathOrAddress.StartsWith("http", StringComparison.Ordinal) ? pathOrAddress : new Uri(Path.GetFullPath(pathOrAddress)).AbsoluteUri;
        try
        {
            await Page.GotoAsync(address, new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        }
        catch (PlaywrightException failure)
        {
            errors.Enqueue($"navigation failed: {failure.Message.Split('\n')[0]}");
        }
    }

    /// <summary>Opens the page, waits for its images, and reports them with the errors so far.</summary>
    public async Task<PageCheck> CheckAsync(string pathOrAddress)
    {
        await GotoAsync(pathOrAddress);
        var images = await Page.EvaluateAsync<JsonElement>(ImagesScript);
        return new PageCheck([.. images.EnumerateArray().Select(image => new PageImage(
            image.GetProperty("alt").GetString()!, image.GetProperty("source").GetString()!, image.GetProperty("complete").GetBoolean(), image.GetProperty("width").GetInt32()))], Errors);
    }
}
