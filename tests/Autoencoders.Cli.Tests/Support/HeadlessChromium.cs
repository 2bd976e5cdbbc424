using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Autoencoders.Cli.Tests;

/// <summary>
/// Debian's chromium, headless, driven through the DevTools protocol (https://chromedevtools.github.io/devtools-protocol/)
/// over a loopback WebSocket: opens a page, then reports its images and every console error, uncaught exception and
/// failed load. No browser download is needed (or possible here), only <c>apt-get install chromium</c>.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Set to 1 to skip the browser tests on a machine without chromium; otherwise they fail there.</summary>
    public const string SkipVariable = "AE_SKIP_BROWSER_TESTS";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Waits for every image to be decoded (a broken one rejects), then reports each one's state.
    private const string ImagesScript = """
        (async () => {
          const images = [...document.images];
          await Promise.all(images.map(image => image.decode().catch(() => null)));
          return images.map(image => ({ alt: image.alt, source: image.currentSrc.slice(0, 60), complete: image.complete, width: image.naturalWidth }));
        })()
        """;

    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> pending = new();
    private readonly ConcurrentDictionary<string, string> requestUrls = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<string> browserOutput = new();
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource pageLoaded = NewSignal();
    private Task receiving = Task.CompletedTask;
    private int nextId;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>One image of the page: loaded when complete with a natural width above zero.</summary>
    public sealed record PageImage(string Alt, string Source, bool Complete, int NaturalWidth)
    {
        public bool Loaded => Complete && NaturalWidth > 0;
    }

    /// <summary>What opening a page showed: its images and the errors (console, exceptions, failed loads) in arrival order.</summary>
    public sealed record PageCheck(IReadOnlyList<PageImage> Images, IReadOnlyList<string> Errors)
    {
        public IReadOnlyList<PageImage> BrokenImages => [.. Images.Where(i => !i.Loaded)];

        public override string ToString() =>
            $"{Images.Count} images, broken: [{string.Join("; ", BrokenImages.Select(i => $"{i.Alt} ({i.Source})"))}], errors: [{string.Join("; ", Errors)}]";
    }

    /// <summary>Why the browser tests are skipped, or null when they run (and then fail without chromium).</summary>
    public static string? SkipReason => Environment.GetEnvironmentVariable(SkipVariable) == "1"
        ? $"{SkipVariable}=1: the headless-browser checks are skipped"
        : null;

    /// <summary>Starts chromium and connects to its blank page; fails with what to install when chromium is missing.</summary>
    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"{ExecutablePath} is not installed: the report test opens the page in Debian's headless chromium — run `apt-get install -y chromium` (or set {SkipVariable}=1 to skip the browser tests)");
        string profile = Path.Combine(Path.GetTempPath(), "ae-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                     $"--user-data-dir={profile}", "about:blank",
                 })
            start.ArgumentList.Add(argument);
        var browser = new HeadlessChromium(Process.Start(start)!, profile);
        try
        {
            await browser.ConnectAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Navigates to <paramref name="htmlPath"/>, waits for its load event and its images, and reports what happened.</summary>
    public async Task<PageCheck> OpenAsync(string htmlPath)
    {
        errors.Clear();
        pageLoaded = NewSignal();
        var navigation = await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri });
        if (navigation["errorText"]?.GetValue<string>() is { Length: > 0 } failure)
            errors.Enqueue($"navigation failed: {failure}");
        else
            await pageLoaded.Task.WaitAsync(Timeout);
        var evaluation = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = ImagesScript, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (evaluation["exceptionDetails"] is { } exception)
            throw new InvalidOperationException($"the image check failed in the page: {exception.ToJsonString()}");
        var images = evaluation["result"]!["value"]!.AsArray().Select(image => new PageImage(
            image!["alt"]!.GetValue<string>(), image["source"]!.GetValue<string>(), image["complete"]!.GetValue<bool>(), image["width"]!.GetValue<int>()));
        return new PageCheck([.. images], [.. errors]);
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
            catch (Exception failure) when (failure is WebSocketException or OperationCanceledException)
            {
                // The browser is killed next anyway.
            }
        }
        socket.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
        process.Dispose();
        await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A profile file still held by a dying child process; the temp folder is cleaned eventually.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ConnectAsync()
    {
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) browserOutput.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) browserOutput.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int port = await ReadPortAsync();
        using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = Timeout };
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        string address = targets.FirstOrDefault(t => t!["type"]?.GetValue<string>() == "page")?["webSocketDebuggerUrl"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"chromium lists no page target: {targets.ToJsonString()}");
        var uri = new Uri(address);
        if (!uri.IsLoopback)
            throw new InvalidOperationException($"expected a loopback DevTools address, received {address}");
        socket.Options.Proxy = null;
        using (var connecting = new CancellationTokenSource(Timeout))
            await socket.ConnectAsync(uri, connecting.Token);
        receiving = Task.Run(ReceiveAsync);
        foreach (string domain in new[] { "Page", "Runtime", "Log", "Network" })
            await SendAsync($"{domain}.enable", new JsonObject());
    }

    // With --remote-debugging-port=0 chromium picks a free port and writes it as the first line of this file.
    private async Task<int> ReadPortAsync()
    {
        string file = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Timeout)
        {
            if (File.Exists(file) && File.ReadAllLines(file) is [var first, ..] && int.TryParse(first, out int port) && port > 0)
                return port;
            if (process.HasExited)
                throw new InvalidOperationException($"chromium exited with code {process.ExitCode} before opening its DevTools port: {string.Join(" | ", browserOutput.TakeLast(10))}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"chromium wrote no {file} within {Timeout.TotalSeconds} s: {string.Join(" | ", browserOutput.TakeLast(10))}");
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters)
    {
        int id = Interlocked.Increment(ref nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = reply;
        byte[] message = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        using (var sending = new CancellationTokenSource(Timeout))
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, sending.Token);
        JsonObject response;
        try
        {
            response = await reply.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"chromium did not answer {method} within {Timeout.TotalSeconds} s");
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
        if (response["error"] is { } error)
            throw new InvalidOperationException($"chromium refused {method}: {error.ToJsonString()}");
        return response["result"]?.AsObject() ?? [];
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open && !stopping.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, stopping.Token);
                if (received.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                Dispatch(JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length))!.AsObject());
                message.SetLength(0);
            }
        }
        catch (Exception failure) when (failure is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closed by DisposeAsync, or the browser went away: the pending calls time out with their own message.
        }
    }

    private void Dispatch(JsonObject message)
    {
        if (message["id"] is { } id)
        {
            if (pending.TryGetValue(id.GetValue<int>(), out var reply)) reply.TrySetResult(message);
            return;
        }
        var parameters = message["params"];
        switch (message["method"]?.GetValue<string>())
        {
            case "Page.loadEventFired":
                pageLoaded.TrySetResult();
                break;
            case "Runtime.consoleAPICalled" when parameters!["type"]!.GetValue<string>() is "error" or "assert":
                errors.Enqueue("console.error: " + string.Join(" ", parameters["args"]!.AsArray().Select(Describe)));
                break;
            case "Runtime.exceptionThrown":
                var details = parameters!["exceptionDetails"]!;
                errors.Enqueue("exception: " + (details["exception"]?["description"]?.GetValue<string>() ?? details["text"]!.GetValue<string>()));
                break;
            case "Log.entryAdded" when parameters!["entry"]!["level"]!.GetValue<string>() == "error":
                var entry = parameters["entry"]!;
                errors.Enqueue($"log ({entry["source"]}): {entry["text"]} {Shorten(entry["url"]?.GetValue<string>() ?? "")}".TrimEnd());
                break;
            case "Network.requestWillBeSent":
                requestUrls[parameters!["requestId"]!.GetValue<string>()] = parameters["request"]!["url"]!.GetValue<string>();
                break;
            case "Network.loadingFailed":
                string url = requestUrls.GetValueOrDefault(parameters!["requestId"]!.GetValue<string>(), "?");
                errors.Enqueue($"failed load: {parameters["errorText"]} {Shorten(url)}");
                break;
        }
    }

    private static string Describe(JsonNode? argument) =>
        argument?["value"] is JsonValue value ? value.ToJsonString().Trim('"') : argument?["description"]?.GetValue<string>() ?? argument?["type"]?.GetValue<string>() ?? "?";

    // A data URI can be megabytes long; its head says what it is, a file URL's tail which file.
    private static string Shorten(string url) => url.Length <= 100 ? url : url[..50] + "…" + url[^50..];
}

/// <summary>A fact that opens pages in chromium: skipped only when <see cref="HeadlessChromium.SkipVariable"/> is 1.</summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = HeadlessChromium.SkipReason;
}
