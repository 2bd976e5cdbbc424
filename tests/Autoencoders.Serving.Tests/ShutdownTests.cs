using System.Net.Sockets;
using System.Text;

namespace Autoencoders.Serving.Tests;

/// <summary>A shutdown lets the request in flight finish and answers it, then refuses new connections.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task StopWaitsForTheRequestInFlightAndAnswersIt()
    {
        var running = await RunningServer.StartAsync();
        // By hand on a socket: an HTTP client may hold the first bytes back, and the server must see the request begin.
        using var socket = new TcpClient();
        await socket.ConnectAsync("127.0.0.1", running.Server.Address.Port);
        NetworkStream stream = socket.GetStream();
        byte[] body = Encoding.UTF8.GetBytes("{\"rows\": [[0.5, 0, 200, 0.25]]}");
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        await stream.WriteAsync(body.AsMemory(0, 10));
        await WaitUntil(() => running.Server.OpenRequests > 0);

        Task stopping = running.Server.StopAsync();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted); // still waiting for the request's last bytes
        await stream.WriteAsync(body.AsMemory(10));

        string response = await ReadResponse(stream);
        Assert.StartsWith("HTTP/1.1 200", response);
        double expected = TinyServedModel.ExpectedScores(running.Model, [0.5f, 0f, 200f, 0.25f])[0];
        string json = response[response.IndexOf('{')..(response.LastIndexOf('}') + 1)]; // one chunk: the answer is written at once
        using var answer = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(expected, answer.RootElement.GetProperty("rows")[0].GetProperty("score").GetDouble(), 1e-6);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        using var late = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => late.GetAsync(new Uri(running.Server.Address, "/health")));
        await running.DisposeAsync();
    }

    // Up to the end of the JSON body: its headers say its length, or chunked framing ends it with "0\r\n\r\n".
    private static async Task<string> ReadResponse(NetworkStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!text.ToString().TrimEnd().EndsWith('}') && !text.ToString().EndsWith("0\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return text.ToString();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
