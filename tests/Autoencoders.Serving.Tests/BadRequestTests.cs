using System.Net.Http.Headers;
using System.Text.Json;

namespace Autoencoders.Serving.Tests;

/// <summary>Bad rows get 400 with one line naming the row and column; a body over the cap gets 413; the server stays up.</summary>
public sealed class BadRequestTests
{
    [Theory]
    [InlineData("{\"rows\": [[0.5, 0, 200, 0.25], [0.5, \"abc\", 200, 0.25]]}", "row 2, column \"b\": expected a finite number, received \"abc\"")]
    [InlineData("{\"rows\": [[0.5, 0, 200]]}", "row 1: expected 4 values, received 3")]
    [InlineData("{\"rows\": [{\"a\": 1, \"b\": 2, \"c\": 3}]}", "row 1: no column \"d\": the model was trained on the columns a,b,c,d")]
    [InlineData("{\"rows\": [{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5}]}", "row 1, column \"e\": not one the model was trained on (expected the columns a,b,c,d, and optionally label)")]
    [InlineData("{\"rows\": [[0.5, null, 200, 0.25]]}", "row 1, column \"b\": expected a finite number, received null")]
    [InlineData("{\"rows\": []}", "\"rows\": expected at least one row, received none")]
    [InlineData("[[1, 2, 3, 4]]", "request body: expected an object {\"rows\": [...]}")]
    [InlineData("{\"rows\": [[1, 2, 3, 4]", "request body: expected JSON")]
    [InlineData("{\"rows\": [[1, 2, 3, 4]], \"explain\": 9}", "explain 9: the model has only 4 features")]
    public async Task BadJsonRowsAre400WithOneLineNamingThem(string body, string expected)
    {
        await using var running = await RunningServer.StartAsync();
        using var response = await running.PostJsonAsync("/score", body);
        string message = (await RunningServer.ReadAsync(response, 400)).GetProperty("error").GetString()!;
        Assert.Contains(expected, message);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("a,b,c,d\n1,2,3,4\n1,2,x,4\n", "row 2, column \"c\": expected a finite number, received \"x\"")]
    [InlineData("a,b,c\n1,2,3\n", "header: no column \"d\"")]
    [InlineData("a,b,c,d,e\n1,2,3,4,5\n", "header, column \"e\": not one the model was trained on")]
    [InlineData("a,b,c,d\n1,2,3\n", "row 1: expected 4 cells (as the header), received 3")]
    [InlineData("a,b,c,d\n", "expected at least one row below the CSV header")]
    public async Task BadCsvRowsAre400WithOneLineNamingThem(string body, string expected)
    {
        await using var running = await RunningServer.StartAsync();
        using var response = await running.PostCsvAsync("/score", body);
        Assert.Contains(expected, (await RunningServer.ReadAsync(response, 400)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task ABodyOverTheCapIs413AndTheServerStillAnswers()
    {
        await using var running = await RunningServer.StartAsync(new ServerOptions { MaxBodyBytes = 1_000 });
        string big = $"{{\"rows\": {RunningServer.ArrayRows(TinyServedModel.Rows(100, seed: 4))}}}"; // about 4 KB
        Assert.True(big.Length > 1_000);

        using (var declared = await running.PostJsonAsync("/score", big))
            Assert.Contains("expected at most 1,000 bytes", (await RunningServer.ReadAsync(declared, 413)).GetProperty("error").GetString());
        // Without a Content-Length (chunked), Kestrel counts the bytes as they come and stops at the same cap.
        var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/score") { Content = chunked })
        {
            request.Headers.TransferEncodingChunked = true;
            using var response = await running.Client.SendAsync(request);
            await RunningServer.ReadAsync(response, 413);
        }

        Assert.Equal("ok", (await RunningServer.ReadAsync(await running.Client.GetAsync("/health"))).GetProperty("status").GetString());
        JsonElement small = await RunningServer.ReadAsync(await running.PostJsonAsync("/score", "{\"rows\": [[0.5, 0, 200, 0.25]]}"));
        Assert.Single(small.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task ABodyFarOverTheCapStillGetsThe413NotAResetConnection()
    {
        // 2 MB against a 64 KiB cap: the client is still sending when the server decides; the answer must be the 413 each time.
        await using var running = await RunningServer.StartAsync(new ServerOptions { MaxBodyBytes = 64 << 10 });
        string big = $"{{\"rows\": {RunningServer.ArrayRows(TinyServedModel.Rows(50_000, seed: 5))}}}";
        Assert.True(big.Length > 1_000_000);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            using var response = await running.PostJsonAsync("/score", big);
            Assert.Contains("expected at most 65,536 bytes", (await RunningServer.ReadAsync(response, 413)).GetProperty("error").GetString());
        }
        Assert.Equal("ok", (await RunningServer.ReadAsync(await running.Client.GetAsync("/health"))).GetProperty("status").GetString());
    }
}
