using Autoencoders.Serving.Inference;
using Autoencoders.Serving.Requests;
using Autoencoders.Serving.Responses;
using Autoencoders.Serving.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autoencoders.Serving;

/// <summary>
/// A trained model behind HTTP (<c>ae serve</c>): Kestrel on one address, a bearer-token check when one is set, a cap on
/// bodies, and the micro-batching <see cref="InferenceQueue"/> between the requests and the model. Refusals are one-line
/// JSON errors. <see cref="StopAsync"/> lets requests in flight finish before it returns.
/// </summary>
public sealed class ScoringServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly InferenceQueue queue;

    private ScoringServer(WebApplication app, InferenceQueue queue, Uri address)
    {
        this.app = app;
        this.queue = queue;
        Address = address;
    }

    /// <summary>Where it listens, with the port the system chose when the options asked for port 0.</summary>
    public Uri Address { get; }

    /// <summary>Requests the server is working on now (any endpoint).</summary>
    public int OpenRequests => Volatile.Read(ref openRequests);

    private int openRequests;

    /// <summary>Requests answered by the model so far, and the forward passes that answered them.</summary>
    public (long Requests, long Passes) Counts => (queue.Requests, queue.Passes);

    /// <summary>Binds and starts listening; refuses a non-loopback host without a token.</summary>
    public static async Task<ScoringServer> StartAsync(ServedModel model, ServerOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Token is null && !BearerToken.IsLoopback(options.Host))
            throw new ArgumentException($"host {options.Host}: a server reachable from other machines needs a token", nameof(options));
        var token = options.Token is null ? null : new BearerToken(options.Token);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        // The caller owns Ctrl-C and SIGTERM (ae serve stops through StopAsync); the console lifetime would take them.
        builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.Listen(options.Host, options.Port);
        });
        var app = builder.Build();
        var queue = new InferenceQueue(model, options.MaxBatchRows, options.Batching);
        ScoringServer? server = null; // set before the first request: StartAsync returns only once Kestrel listens
        app.Use(async (context, next) =>
        {
            if (server is not null) Interlocked.Increment(ref server.openRequests);
            try
            {
                if (token is not null && !token.Admits(context.Request))
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await JsonResponse.ErrorAsync(context.Response, StatusCodes.Status401Unauthorized, "expected the header Authorization: Bearer TOKEN (the token ae serve printed), received " +
                        (context.Request.Headers.Authorization.Count == 0 ? "none" : "another token"));
                    return;
                }
                await next(context);
            }
            catch (RequestException refusal) when (!context.Response.HasStarted)
            {
                await JsonResponse.ErrorAsync(context.Response, refusal.Status, refusal.Message);
            }
            catch (Exception failure) when (!context.Response.HasStarted && failure is not OperationCanceledException)
            {
                // A bug, not the caller's fault: said as ae says it, without the stack (the server goes on).
                await JsonResponse.ErrorAsync(context.Response, StatusCodes.Status500InternalServerError, $"internal error ({failure.GetType().Name}): {failure.Message}");
            }
            finally
            {
                if (server is not null) Interlocked.Decrement(ref server.openRequests);
            }
        });
        app.UseRouting();
        new ScoringEndpoints(model, queue, options.MaxBodyBytes).Map(app);
        app.MapFallback(context =>
            JsonResponse.ErrorAsync(context.Response, StatusCodes.Status404NotFound, $"{context.Request.Method} {context.Request.Path}: no such endpoint (expected POST /score, /encode, /reconstruct, GET /health, /model)"));

        string bound;
        try
        {
            await app.StartAsync(cancellation);
            bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
        catch
        {
            await queue.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
        server = new ScoringServer(app, queue, new Uri(bound));
        return server;
    }

    /// <summary>Stops taking connections, waits for the requests in flight (up to the shutdown timeout), then the queue.
    /// Calling it again waits for the same shutdown.</summary>
    public Task StopAsync()
    {
        lock (app) return stopping ??= StopOnceAsync();
    }

    private Task? stopping;

    private async Task StopOnceAsync()
    {
        await app.StopAsync();
        await queue.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>A host lifetime that waits for nothing and listens to no signal: the server's owner decides when it stops.</summary>
    private sealed class CallerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
