using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Autoencoders.Serving.Tests;

/// <summary>POST /score, /encode, /reconstruct and GET /model on a live loopback server: every figure recomputed here.</summary>
public sealed class ScoringEndpointsTests
{
    [Fact]
    public async Task ScoresAndFlagsAreTheModelsForArrayObjectAndCsvRows()
    {
        await using var running = await RunningServer.StartAsync();
        float[] rows = TinyServedModel.Rows(20, seed: 1);
        double[] expected = TinyServedModel.ExpectedScores(running.Model, rows);
        var (library, _) = running.Model.Score(rows, explain: 0);

        string objects = "[" + string.Join(",", rows.Chunk(4).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{{\"d\":{r[3]:R},\"label\":7,\"b\":{r[1]:R},\"a\":{r[0]:R},\"c\":{r[2]:R}}}"))) + "]";
        string csv = "c,label,a,d,b\n" + string.Join("\n", rows.Chunk(4).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r[2]:R},1,{r[0]:R},{r[3]:R},{r[1]:R}"))) + "\n";
        JsonElement[] answers =
        [
            await RunningServer.ReadAsync(await running.PostJsonAsync("/score", $"{{\"rows\": {RunningServer.ArrayRows(rows)}}}")),
            await RunningServer.ReadAsync(await running.PostJsonAsync("/score", $"{{\"rows\": {objects}}}")),
            await RunningServer.ReadAsync(await running.PostCsvAsync("/score", csv)),
        ];

        foreach (JsonElement answer in answers)
        {
            Assert.Equal(TinyServedModel.Threshold, answer.GetProperty("threshold").GetDouble());
            JsonElement[] scored = [.. answer.GetProperty("rows").EnumerateArray()];
            Assert.Equal(20, scored.Length);
            for (int i = 0; i < scored.Length; i++)
            {
                double score = scored[i].GetProperty("score").GetDouble();
                Assert.Equal(library[i], score); // the library's number, exactly, through JSON
                Assert.Equal(expected[i], score, 1e-6);
                Assert.Equal(score > TinyServedModel.Threshold, scored[i].GetProperty("anomaly").GetBoolean());
                Assert.False(scored[i].TryGetProperty("explanation", out _));
            }
        }
        // The seeded rows straddle the threshold, so the flags are tested both ways.
        Assert.Contains(expected, s => s > TinyServedModel.Threshold);
        Assert.Contains(expected, s => s <= TinyServedModel.Threshold);
    }

    [Fact]
    public async Task ExplainGivesEachRowsLargestSquaredErrorsByColumnName()
    {
        await using var running = await RunningServer.StartAsync();
        float[] rows = TinyServedModel.Rows(3, seed: 2);
        string body = RunningServer.ArrayRows(rows);
        JsonElement byQuery = await RunningServer.ReadAsync(await running.PostJsonAsync("/score?explain=2", $"{{\"rows\": {body}}}"));
        JsonElement byField = await RunningServer.ReadAsync(await running.PostJsonAsync("/score", $"{{\"rows\": {body}, \"explain\": 2}}"));
        var scaled = rows.Select((v, i) => (v - TinyServedModel.Minimum[i % 4]) / (TinyServedModel.Maximum[i % 4] - TinyServedModel.Minimum[i % 4])).ToArray();
        float[] reconstructed = running.Model.Model.Reconstruct(new Data.Dataset(scaled, 4));

        foreach (JsonElement answer in new[] { byQuery, byField })
        {
            int i = 0;
            foreach (JsonElement row in answer.GetProperty("rows").EnumerateArray())
            {
                var squared = Enumerable.Range(0, 4).Select(j => (Column: TinyServedModel.Columns[j], Error: Math.Pow(scaled[i * 4 + j] - reconstructed[i * 4 + j], 2)))
                    .OrderByDescending(f => f.Error).ToArray();
                JsonElement[] top = [.. row.GetProperty("explanation").EnumerateArray()];
                Assert.Equal(2, top.Length);
                for (int k = 0; k < 2; k++)
                {
                    Assert.Equal(squared[k].Column, top[k].GetProperty("feature").GetString());
                    Assert.Equal(squared[k].Error, top[k].GetProperty("squared_error").GetDouble(), 1e-6);
                }
                i++;
            }
            Assert.Equal(3, i);
        }
    }

    [Fact]
    public async Task EncodeAndReconstructAnswerTheModelsCodesAndReconstructionsInTheRowsUnits()
    {
        await using var running = await RunningServer.StartAsync();
        float[] rows = TinyServedModel.Rows(5, seed: 3);
        JsonElement codes = await RunningServer.ReadAsync(await running.PostJsonAsync("/encode", $"{{\"rows\": {RunningServer.ArrayRows(rows)}}}"));
        JsonElement reconstructions = await RunningServer.ReadAsync(await running.PostJsonAsync("/reconstruct", $"{{\"rows\": {RunningServer.ArrayRows(rows)}}}"));

        float[] servedCodes = [.. codes.GetProperty("codes").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetSingle())];
        Assert.Equal(running.Model.Encode(rows), servedCodes);
        float[] served = [.. reconstructions.GetProperty("reconstructions").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetSingle())];
        Assert.Equal(20, served.Length);
        Assert.Equal(running.Model.Reconstruct(rows), served);
        // Back in the columns' units: column c lives in [100, 300], where the sigmoid output (0, 1) maps.
        for (int i = 2; i < served.Length; i += 4) Assert.InRange(served[i], 100f, 300f);
    }

    [Fact]
    public async Task ModelAndHealthDescribeTheServedModel()
    {
        await using var running = await RunningServer.StartAsync();
        JsonElement model = await RunningServer.ReadAsync(await running.Client.GetAsync("/model"));
        Assert.Equal(4, model.GetProperty("input_size").GetInt32());
        Assert.Equal(2, model.GetProperty("code_size").GetInt32());
        Assert.Equal(TinyServedModel.Columns, model.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal(TinyServedModel.Threshold, model.GetProperty("threshold").GetDouble());
        Assert.Equal("given by the test", model.GetProperty("threshold_rule").GetString());
        Assert.Equal(22, model.GetProperty("parameters").GetInt64()); // 4·2 + 2 and 2·4 + 4
        Assert.Equal(["Dense", "Dense"], model.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("type").GetString()!));

        await RunningServer.ReadAsync(await running.PostJsonAsync("/score", "{\"rows\": [[0.5, 0, 200, 0.25]]}"));
        JsonElement health = await RunningServer.ReadAsync(await running.Client.GetAsync("/health"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task AnUnknownPathIsA404WithTheEndpointsNamed()
    {
        await using var running = await RunningServer.StartAsync();
        JsonElement error = await RunningServer.ReadAsync(await running.Client.GetAsync("/scores"), 404);
        Assert.Contains("GET /scores: no such endpoint", error.GetProperty("error").GetString());
    }
}
