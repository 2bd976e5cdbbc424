using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Autoencoders.Serving.Inference;

namespace Autoencoders.Serving.Tests;

/// <summary>A <see cref="ScoringServer"/> on a free loopback port (port 0, read back) and a client pointed at it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(ScoringServer server, ServedModel model)
    {
        Server = server;
        Model = model;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ScoringServer Server { get; }

    public ServedModel Model { get; }

    public HttpClient Client { get; }

    public static async Task<RunningServer> StartAsync(ServerOptions? options = null, ServedModel? model = null)
    {
        model ??= TinyServedModel.Create();
        var server = await ScoringServer.StartAsync(model, (options ?? new ServerOptions()) with { Port = 0 });
        return new RunningServer(server, model);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostCsvAsync(string path, string csv) =>
        Client.PostAsync(path, new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));

    /// <summary>The body as JSON, after checking the status.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, int expectedStatus = 200)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, received {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Rows as the JSON array form: <c>[[a, b, c, d], …]</c>, floats written so they read back exactly.</summary>
    public static string ArrayRows(float[] rows) =>
        "[" + string.Join(",", rows.Chunk(4).Select(row => "[" + string.Join(",", row.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]")) + "]";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
