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
