using System.Reflection;
using System.Text.Json;
using Autoencoders.Dashboard.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Autoencoders.Dashboard;

/// <summary>
/// The dashboard's routes: <c>/</c> and its assets (embedded), <c>GET /runs</c>, <c>GET /events?run=ID</c> (Server-Sent
/// Events: the run's history, then live events), <c>GET /runs/ID/images/NAME</c> (PNGs in memory),
/// <c>GET /runs/ID/files/NAME</c> (the run folder's listed PNGs) and <c>POST /runs/ID/decode</c> ({"z":[..]} → PNG).
/// </summary>
internal sealed class DashboardEndpoints(IReadOnlyList<DashboardRun> runs, long maxBodyBytes, CancellationToken stopping)
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["/"] = "index.html", ["/dashboard.js"] = "dashboard.js", ["/dashboard.css"] = "dashboard.css",
    };

    public void Map(WebApplication app)
    {
        foreach (var (path, asset) in Assets) app.MapGet(path, context => SendAsset(context, asset));
        app.MapGet("/favicon.ico", context => { context.Response.StatusCode = StatusCodes.Status204NoContent; return Task.CompletedTask; });
        app.MapGet("/runs", context => context.Response.WriteAsJsonAsync(
            runs.Select((run, id) => new { id, name = run.Name, variational = run.Decoder is not null, files = run.Files.Keys }), FeedJson.Options));
        app.MapGet("/events", Events);
        app.MapGet("/runs/{id:int}/images/{name}", (HttpContext context, int id, string name) =>
            Png(context, Run(id)?.Image(name), $"no image {name} in run {id}"));
        app.MapGet("/runs/{id:int}/files/{name}", async (HttpContext context, int id, string name) =>
            await Png(context, Run(id)?.Files.GetValueOrDefault(name) is { } path ? await File.ReadAllBytesAsync(path, context.RequestAborted) : null, $"no file {name} in run {id}"));
        app.MapPost("/runs/{id:int}/decode", Decode);
        app.MapFallback(context => Problem(context, StatusCodes.Status404NotFound, $"{context.Request.Method} {context.Request.Path}: no such page"));
    }

    private DashboardRun? Run(int id) => (uint)id < (uint)runs.Count ? runs[id] : null;

    private static async Task SendAsset(HttpContext context, string asset)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Dashboard." + asset)
            ?? throw new InvalidOperationException($"the dashboard assembly lacks its embedded {asset}");
        context.Response.ContentType = Path.GetExtension(asset) switch
        {
            ".html" => "text/html; charset=utf-8", ".js" => "text/javascript; charset=utf-8", _ => "text/css; charset=utf-8",
        };
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private async Task Events(HttpContext context)
    {
        if (!int.TryParse(context.Request.Query["run"], out int id) || Run(id) is not { } run)
        {
            await Problem(context, StatusCodes.Status404NotFound, $"/events: expected ?run=0 to {runs.Count - 1}, received \"{context.Request.Query["run"]}\"");
            return;
        }
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        using var subscription = run.Feed.Subscribe();
        try
        {
            foreach (string past in subscription.Past) await SendEvent(context.Response, past, ending.Token);
            await context.Response.Body.FlushAsync(ending.Token);
            while (await subscription.Live.WaitToReadAsync(ending.Token))
            {
                while (subscription.Live.TryRead(out string? next)) await SendEvent(context.Response, next, ending.Token);
                await context.Response.Body.FlushAsync(ending.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The viewer left, or the server is stopping: either ends this stream.
        }
    }

    private static Task SendEvent(HttpResponse response, string json, CancellationToken cancellation) =>
        response.WriteAsync("data: " + json + "\n\n", cancellation);

    private async Task Decode(HttpContext context, int id)
    {
        if (Run(id)?.Decoder is not { } decoder)
        {
            await Problem(context, StatusCodes.Status404NotFound, $"run {id}: has no latent explorer (only a VAE's decoder gives one)");
            return;
        }
        if (context.Request.ContentLength > maxBodyBytes)
        {
            await Problem(context, StatusCodes.Status413PayloadTooLarge, $"request body: expected at most {maxBodyBytes} bytes, received {context.Request.ContentLength}");
            return;
        }
        double[]? point;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<DecodeRequest>(context.Request.Body, FeedJson.Options, context.RequestAborted);
            point = body?.Z;
        }
        catch (Exception failure) when (failure is JsonException or BadHttpRequestException)
        {
            await Problem(context, failure is BadHttpRequestException { StatusCode: 413 } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                $"request body: expected {{\"z\":[numbers]}} of at most {maxBodyBytes} bytes ({failure.Message.Split('\n')[0]})");
            return;
        }
        try
        {
            await Png(context, decoder.Decode(point ?? []), "");
        }
        catch (ArgumentException refusal)
        {
            await Problem(context, StatusCodes.Status400BadRequest, refusal.Message);
        }
    }

    private static async Task Png(HttpContext context, byte[]? png, string missing)
    {
        if (png is null)
        {
            await Problem(context, StatusCodes.Status404NotFound, missing);
            return;
        }
        context.Response.ContentType = "image/png";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(png, context.RequestAborted);
    }

    private static Task Problem(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(message + "\n");
    }

    private sealed record DecodeRequest(double[]? Z);
}
