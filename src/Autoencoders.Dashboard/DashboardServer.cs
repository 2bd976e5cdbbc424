using Autoencoders.Serving.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Autoencoders.Dashboard;

/// <summary>
/// The dashboard's web server: Kestrel on loopback unless told otherwise, and then only with a token, given as
/// <c>Authorization: Bearer</c> or as <c>?token=</c> (an EventSource and an &lt;img&gt; cannot send headers). It serves
/// the embedded page, each run's events (<see cref="DashboardEndpoints"/>), the PNGs it holds in memory and the PNG
/// files listed when the run was opened — never a path a request names.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping;

    private DashboardServer(WebApplication app, Uri address, CancellationTokenSource stopping)
    {
        this.app = app;
        Address = address;
        this.stopping = stopping;
    }

    /// <summary>Where it listens, with the port the system chose for port 0.</summary>
    public Uri Address { get; }

    /// <summary>Binds and starts; refuses a non-loopback host without a token.</summary>
    /// <exception cref="IOException">The address cannot be bound (in use, not this machine's).</exception>
    public static async Task<DashboardServer> StartAsync(IReadOnlyList<DashboardRun> runs, DashboardOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Token is null && !BearerToken.IsLoopback(options.Host))
            throw new ArgumentException($"host {options.Host}: a dashboard reachable from other machines needs a token", nameof(options));
        var token = options.Token is null ? null : new BearerToken(options.Token);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.Listen(options.Host, options.Port);
        });
        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        app.Use(async (context, next) =>
        {
            if (token is not null && !token.Admits(context.Request) && !token.Matches(context.Request.Query["token"]))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsync("401: expected the token the dashboard printed (header Authorization: Bearer TOKEN, or ?token=TOKEN)\n");
                return;
            }
            await next(context);
        });
        app.UseRouting();
        new DashboardEndpoints(runs, options.MaxBodyBytes, stopping.Token).Map(app);
        try
        {
            await app.StartAsync(cancellation);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync();
            throw;
        }
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, new Uri(bound), stopping);
    }

    /// <summary>Ends the event streams (they would otherwise hold the shutdown) and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    /// <summary>A host lifetime that listens to no signal: the server's owner decides when it stops.</summary>
    private sealed class CallerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
