using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Autoencoders.Data;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary>
/// <c>ae serve</c> as the real binary on loopback: its answers are, number for number, what <c>ae detect --input</c>
/// writes for the same rows; a non-loopback start prints a token and refuses requests without it; a body over the cap
/// gets 413 and the server answers after; SIGTERM stops it cleanly.
/// </summary>
public sealed class ServeCommandTests(ServeCommandTests.Trained trained) : IClassFixture<ServeCommandTests.Trained>
{
    /// <summary>A dense autoencoder trained on 400 rows of 4 correlated columns, and 40 new rows in shuffled column order with 4 anomalies.</summary>
    public sealed class Trained : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public Trained()
        {
            string training = folder.File("normal.csv");
            File.WriteAllText(training, Table(400, seed: 1, anomalies: 0, "a,b,c,d"));
            NewRows = folder.File("new.csv");
            File.WriteAllText(NewRows, Table(40, seed: 2, anomalies: 4, "d,label,b,a,c"));
            TrainRun = Ae.Run("train", "--data", training, "--model", "dense", "--code", "2", "--epochs", "20", "--seed", "1", "--threads", "1", "--out", folder.File("model"));
            Model = Path.Combine(folder.File("model"), "model.safetensors");
        }

        public string Model { get; }

        public string NewRows { get; }

        public AeResult TrainRun { get; }

        public string Place(string name) => folder.File(name);

        public void Dispose() => folder.Dispose();

        // b follows a, d follows c; an anomaly breaks the link. Cells are written in the header's order.
        private static string Table(int rows, ulong seed, int anomalies, string header)
        {
            var random = new DeterministicRandom(seed);
            var text = new StringBuilder(header + "\n");
            string[] order = header.Split(',');
            for (int i = 0; i < rows; i++)
            {
                double a = random.NextGaussian(), c = random.NextGaussian();
                bool anomaly = i >= rows - anomalies;
                var cells = new Dictionary<string, double>
                {
                    ["a"] = a, ["b"] = (anomaly ? -3 : 2) * a + 0.1 * random.NextGaussian(), ["c"] = 50 + 10 * c, ["d"] = anomaly ? 3 - c : c, ["label"] = anomaly ? 1 : 0,
                };
                text.AppendLine(string.Join(",", order.Select(name => cells[name].ToString("G6", CultureInfo.InvariantCulture))));
            }
            return text.ToString();
        }
    }

    [Fact]
    public async Task AnswersAreAeDetectInputsForTheSameRowsAndSigtermStopsIt()
    {
        Assert.True(trained.TrainRun.ExitCode == 0, trained.TrainRun.ToString());
        string scoresPath = trained.Place("scores.csv");
        var detect = Ae.Run("detect", "--model", trained.Model, "--input", trained.NewRows, "--explain", "2", "--out", scoresPath, "--threads", "1");
        Assert.True(detect.ExitCode == 0, detect.ToString());
        string[][] expected = [.. File.ReadAllLines(scoresPath).Skip(1).Select(line => line.Split(','))]; // index,score,flag,label,top_features
        Assert.Equal(40, expected.Length);
        Assert.Contains(expected, row => row[2] == "1");

        using var server = await ServeProcess.StartAsync("--model", trained.Model);
        Assert.Null(server.Token); // loopback: no token
        using var client = new HttpClient { BaseAddress = server.Address };
        string csv = File.ReadAllText(trained.NewRows);
        string json = JsonRows(csv);
        foreach (var content in new HttpContent[] { new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")), new StringContent(json, Encoding.UTF8, "application/json") })
        {
            using var response = await client.PostAsync("/score?explain=2", content);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var answer = JsonDocument.Parse(body);
            Assert.Contains($"threshold {answer.RootElement.GetProperty("threshold").GetDouble():G6}:", detect.Output);
            JsonElement[] rows = [.. answer.RootElement.GetProperty("rows").EnumerateArray()];
            Assert.Equal(expected.Length, rows.Length);
            for (int i = 0; i < rows.Length; i++)
            {
                Assert.Equal(double.Parse(expected[i][1], CultureInfo.InvariantCulture), rows[i].GetProperty("score").GetDouble()); // exactly
                Assert.Equal(expected[i][2] == "1", rows[i].GetProperty("anomaly").GetBoolean());
                if (expected[i][2] == "1") // ae detect explains the flagged rows: "name:error;name:error", 4 significant digits
                    Assert.Equal(expected[i][4], string.Join(";", rows[i].GetProperty("explanation").EnumerateArray()
                        .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.GetProperty("feature").GetString()}:{f.GetProperty("squared_error").GetDouble():G4}"))));
            }
        }
        using (var model = JsonDocument.Parse(await client.GetStringAsync("/model")))
            Assert.Equal(["a", "b", "c", "d"], model.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));

        Assert.Equal(0, await server.StopAsync());
        Assert.Contains("stopped; requests answered: 2", server.Output);
    }

    [Fact]
    public async Task ANonLoopbackHostPrintsATokenAndRefusesRequestsWithoutIt()
    {
        using var server = await ServeProcess.StartAsync("--model", trained.Model, "--host", "0.0.0.0");
        Assert.Matches("^[A-Za-z0-9_-]{43}$", server.Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Address.Port}") };
        const string body = "{\"rows\": [{\"a\": 0.1, \"b\": 0.2, \"c\": 50, \"d\": 0.3}]}";
        using (var refused = await client.PostAsync("/score", new StringContent(body)))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        using (var admitted = await client.PostAsync("/score", new StringContent(body)))
            Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal(0, await server.StopAsync());
    }

    [Fact]
    public async Task ABodyOverMaxBodyBytesIs413AndTheServerStillAnswers()
    {
        using var server = await ServeProcess.StartAsync("--model", trained.Model, "--max-body-bytes", "200");
        using var client = new HttpClient { BaseAddress = server.Address };
        using (var tooLarge = await client.PostAsync("/score", new StringContent(JsonRows(File.ReadAllText(trained.NewRows)))))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Contains("expected at most 200 bytes (ae serve --max-body-bytes)", await tooLarge.Content.ReadAsStringAsync());
        }
        using (var bad = await client.PostAsync("/score", new StringContent("{\"rows\": [{\"a\": 1, \"b\": 2, \"c\": \"x\", \"d\": 4}]}")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            using var error = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
            Assert.Equal("row 1, column \"c\": expected a finite number, received \"x\"", error.RootElement.GetProperty("error").GetString());
        }
        Assert.Contains("\"status\":\"ok\"", await client.GetStringAsync("/health"));
        Assert.Equal(0, await server.StopAsync());
    }

    [Theory]
    [InlineData("--host", "example.org", "--host: expected an IP address such as 127.0.0.1 or 0.0.0.0, received \"example.org\"")]
    [InlineData("--port", "70000", "--port: expected 0 to 65535, received 70000")]
    [InlineData("--max-body-bytes", "0", "--max-body-bytes: expected a positive number of bytes, received 0")]
    [InlineData("--threshold-quantile", "1.5", "--threshold-quantile must be in (0, 1), received 1.5")]
    public void BadOptionsExit2WithOneLine(string option, string value, string expected)
    {
        var result = Ae.Run("serve", "--model", trained.Model, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"ae: {expected}", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void AMissingModelFileExits2()
    {
        var result = Ae.Run("serve", "--model", trained.Place("none.safetensors"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such model file", Assert.Single(result.ErrorLines));
    }

    /// <summary>The CSV's rows as JSON objects by column name (the label column too, which the server ignores).</summary>
    private static string JsonRows(string csv)
    {
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        return "{\"rows\": [" + string.Join(",", lines[1..].Select(line => "{" + string.Join(",", line.Split(',').Select((cell, j) => $"\"{header[j]}\": {cell}")) + "}")) + "]}";
    }
}
