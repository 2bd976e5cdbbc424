using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Autoencoders.Cli.Tests.Dashboard;

/// <summary><c>ae dashboard DIR</c> as the real binary: the token on a non-loopback host, and the page in chromium.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed partial class DashboardCommandTests(TrainedModels trained)
{
    [Fact]
    public async Task ANonLoopbackDashboardRejectsRequestsWithoutTheToken()
    {
        using var process = Start("dashboard", trained.DeepFolder, "--data", trained.DataFolder, "--host", "0.0.0.0", "--threads", "1");
        using var stop = Stopping(process);
        var (address, token) = await ReadAddress(process);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var port = new Uri(address).Port;

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"http://127.0.0.1:{port}/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"http://127.0.0.1:{port}/?token=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/runs?token={token}")).StatusCode);
    }

    [BrowserFact]
    public async Task TheAnomalyTableSortsAndThePageLogsNoError()
    {
        using var process = Start("dashboard", trained.DeepFolder, "--data", trained.DataFolder, "--threads", "1");
        using var stop = Stopping(process);
        var (address, _) = await ReadAddress(process);
        await using var browser = await Browser.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(address);
        await page.Page.WaitForSelectorAsync("#run-0[data-ended=true] table.worst tbody tr");
        await page.Page.ClickAsync("#run-0 table.worst th[data-key=score]");
        var ascending = await page.Page.EvalOnSelectorAllAsync<double[]>("#run-0 table.worst td.score", "cells => cells.map(c => Number(c.textContent))");

        Assert.True(ascending.Length > 1);
        Assert.Equal(ascending.Order(), ascending);
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    [BrowserFact(NeedsFashionMnist = true)]
    public async Task ATrainingRunStreamsLiveAndItsLatentViewsAnswerTheMouse()
    {
        await using var browser = await Browser.StartAsync(); // before training starts, so that the page is there early
        var page = await browser.NewPageAsync();
        using var process = Start("train", "--data", "fashion-mnist", "--model", "vae", "--limit", "20000", "--epochs", "10", "--out", trained.NewFolder(),
            "--seed", "1", "--threads", "1", "--dashboard", "--dashboard-wait");
        using var stop = Stopping(process);
        var (address, _) = await ReadAddress(process);

        await page.GotoAsync(address);
        try
        {
            await page.Page.WaitForFunctionAsync("() => Number(document.querySelector('#run-0')?.dataset.batches) > 0");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no batch reached the page: {string.Join("; ", page.Errors)}; page: {await page.Page.InnerTextAsync("body")}");
        }
        // The text changes at the next redraw (at most two a second), so it is waited for, not read at once.
        await page.Page.WaitForFunctionAsync("() => document.querySelector('#run-0 .stats').textContent.includes('samples/s')");
        await page.Page.WaitForSelectorAsync("#run-0[data-ended=true]", new() { Timeout = 180_000 });
        var arrival = await page.Page.EvalOnSelectorAsync<double[]>("#run-0", "s => [Number(s.dataset.firstBatchAt), Number(s.dataset.lastBatchAt), Number(s.dataset.batches)]");
        // A replayed history arrives within milliseconds; batches that arrived over seconds came while training ran.
        Assert.True(arrival[1] - arrival[0] > 1000, $"batch events arrived within {arrival[1] - arrival[0]} ms: the page saw a replay, not a live run");
        Assert.Equal(10 * Math.Ceiling(20_000 / 128.0), arrival[2]); // every batch of every epoch reached the page (vae's batch is 128)

        // Hovering the first point of the latent view shows its sample's image.
        var canvas = (await page.Page.QuerySelectorAsync("#run-0 canvas.latent"))!;
        await canvas.ScrollIntoViewIfNeededAsync(); // the mouse reaches only what is in the viewport
        var box = (await canvas.BoundingBoxAsync())!;
        double[] point = [.. (await canvas.GetAttributeAsync("data-first-point"))!.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        double scale = box.Width / double.Parse((await canvas.GetAttributeAsync("width"))!, System.Globalization.CultureInfo.InvariantCulture);
        await page.Page.Mouse.MoveAsync((float)(box.X + point[0] * scale), (float)(box.Y + point[1] * scale));
        await page.Page.WaitForSelectorAsync("#tooltip:not([hidden])[data-index]");
        Assert.Equal(28, await page.Page.EvalOnSelectorAsync<int>("#tooltip img", "async image => { await image.decode(); return image.naturalWidth; }"));

        // Dragging in the explorer plane: the server decodes the points, and the page shows the newest.
        var explorer = (await page.Page.QuerySelectorAsync("#run-0 canvas.explorer-plane"))!;
        await explorer.ScrollIntoViewIfNeededAsync();
        var plane = (await explorer.BoundingBoxAsync())!;
        float x = plane.X + plane.Width / 2, y = plane.Y + plane.Height / 2;
        await page.Page.Mouse.MoveAsync(x, y);
        await page.Page.Mouse.DownAsync();
        await page.Page.Mouse.MoveAsync(x + 40, y - 30, new() { Steps = 5 });
        await page.Page.Mouse.UpAsync();
        await page.Page.WaitForFunctionAsync("() => Number(document.querySelector('#run-0 img.decoded').dataset.decoded) >= 2");
        Assert.Equal(28, await page.Page.EvalOnSelectorAsync<int>("#run-0 img.decoded", "async image => { await image.decode(); return image.naturalWidth; }"));

        // Once the model is saved with its error record, the page gets the anomaly view ae dashboard would show.
        await page.Page.WaitForSelectorAsync("#run-0 table.worst tbody tr", new() { Timeout = 60_000 });
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[Ae.BinaryPath, .. args]) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    // ae dashboard serves until it is told to stop: whatever the test's outcome, the process goes with it.
    private static Killer Stopping(Process process) => new(process);

    private sealed class Killer(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static async Task<(string Address, string? Token)> ReadAddress(Process process)
    {
        string? token = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (TokenLine().Match(line) is { Success: true } t) token = t.Groups[1].Value;
            if (AddressLine().Match(line) is { Success: true } a) return (a.Groups[1].Value, token);
        }
        throw new InvalidOperationException($"ae dashboard exited before listening: {await process.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"^token: (\S+)")]
    private static partial Regex TokenLine();

    [GeneratedRegex(@"^dashboard on (http://\S+)")]
    private static partial Regex AddressLine();
}
