using System.Diagnostics;
using System.Text.Json;

namespace Autoencoders.Serving.Tests;

/// <summary>Concurrent clients on loopback: every answer is the one the model gives those rows alone, and it stays quick.</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task EightClientsOfFiftyRequestsEachGetTheirOwnRowsScores()
    {
        await using var running = await RunningServer.StartAsync();
        const int clients = 8, requestsEach = 50;
        var clock = Stopwatch.StartNew();
        var failures = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var wrong = new List<string>();
            for (int request = 0; request < requestsEach; request++)
            {
                // Requests of 1 to 17 rows, different per client and request, so that a batch mixes sizes.
                int count = 1 + (client * 7 + request * 3) % 17;
                float[] rows = TinyServedModel.Rows(count, seed: (ulong)(client * 1000 + request + 1));
                var (expected, _) = running.Model.Score(rows, explain: 0);
                using var response = await running.PostJsonAsync("/score", $"{{\"rows\": {RunningServer.ArrayRows(rows)}}}");
                JsonElement answer = await RunningServer.ReadAsync(response);
                double[] served = [.. answer.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("score").GetDouble())];
                if (!served.SequenceEqual(expected)) wrong.Add($"client {client}, request {request}: expected {string.Join(",", expected)}, received {string.Join(",", served)}");
            }
            return wrong;
        })));

        Assert.Empty(failures.SelectMany(f => f));
        var (requests, passes) = running.Server.Counts;
        Assert.Equal(clients * requestsEach, requests);
        Assert.InRange(passes, 1, requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"400 small requests took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
