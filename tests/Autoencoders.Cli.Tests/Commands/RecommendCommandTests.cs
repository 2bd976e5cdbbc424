using System.Globalization;
using System.Text.Json;
using Autoencoders.Nn.Recommendation;
using Autoencoders.Tensors.Backends.Cpu;

namespace Autoencoders.Cli.Tests.Commands;

/// <summary><c>ae recommend</c> end to end on synthetic ratings: what train writes, evaluate agreeing with it, top never
/// offering a rated item, similar never offering the item itself.</summary>
public sealed class RecommendCommandTests(RecommendCommandTests.Runs runs) : IClassFixture<RecommendCommandTests.Runs>
{
    /// <summary>One synthetic data set (300 users × 400 items) and an AutoRec and a Mult-VAE trained on it, small and brief.</summary>
    public sealed class Runs : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public Runs()
        {
            Data = folder.File("data");
            Generate = Ae.Run("recommend", "synthetic", "--users", "300", "--items", "400", "--seed", "4", "--out", Data);
            AutoRecFolder = folder.File("autorec");
            AutoRec = Ae.Run("recommend", "train", "--data", Ratings, "--model", "autorec", "--hidden", "32", "--epochs", "3", "--threads", "1", "--out", AutoRecFolder);
            VaeFolder = folder.File("vae");
            Vae = Ae.Run("recommend", "train", "--data", Ratings, "--model", "mult-vae", "--hidden", "32", "--latent", "8", "--epochs", "3", "--threads", "1", "--out", VaeFolder);
        }

        public string Data { get; }

        public string Ratings => Path.Combine(Data, "ratings.csv");

        public AeResult Generate { get; }

        public string AutoRecFolder { get; }

        public AeResult AutoRec { get; }

        public string VaeFolder { get; }

        public AeResult Vae { get; }

        public string NewFolder() => folder.File(Guid.NewGuid().ToString("N"));

        public void Dispose() => folder.Dispose();
    }

    private static JsonElement Metrics(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json"))).RootElement;

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void AutoRecTrainingWritesTheModelHistoryFigureAndMetricsWithTheBaselines()
    {
        Assert.True(runs.Generate.ExitCode == 0, runs.Generate.ToString());
        Assert.True(runs.AutoRec.ExitCode == 0, runs.AutoRec.ToString());
        foreach (string file in new[] { "model.safetensors", "ids.json", "ratings.bin", "test.csv" })
            Assert.True(File.Exists(Path.Combine(runs.AutoRecFolder, file)), file);
        FileAssert.IsPng(Path.Combine(runs.AutoRecFolder, "rmse.png"));
        string[] history = File.ReadAllLines(Path.Combine(runs.AutoRecFolder, "history.csv"));
        Assert.Equal("epoch,train_rmse,test_rmse,test_mae,seconds", history[0]);
        JsonElement metrics = Metrics(runs.AutoRecFolder);
        // --lambda auto (the default): λ and the epochs (at most --epochs 3) chosen on a validation carve, both reported.
        int epochs = metrics.GetProperty("epochs").GetInt32();
        Assert.InRange(epochs, 1, 3);
        Assert.Equal(epochs + 1, history.Length);
        Assert.True(metrics.GetProperty("lambda_chosen_on_validation").GetBoolean());
        double lambda = metrics.GetProperty("lambda").GetDouble();
        Assert.Contains(metrics.GetProperty("lambda_search").EnumerateArray(), trial => trial.GetProperty("lambda").GetDouble() == lambda);
        Assert.Contains($"chose λ {lambda.ToString(CultureInfo.InvariantCulture)} and {epochs} epochs", runs.AutoRec.Output);
        Assert.Equal("residuals of the biases", metrics.GetProperty("inputs").GetString());
        double rmse = metrics.GetProperty("test_rmse").GetDouble();
        Assert.InRange(rmse, 0.3, 1.5);
        Assert.Equal(rmse, Number(history[^1].Split(',')[2]), 2e-4);
        JsonElement baselines = metrics.GetProperty("baselines");
        Assert.Equal(["global_mean", "item_mean", "biases", "biased_mf"], baselines.EnumerateObject().Select(p => p.Name));
        Assert.True(baselines.GetProperty("biases").GetProperty("test_rmse").GetDouble() < baselines.GetProperty("global_mean").GetProperty("test_rmse").GetDouble());
    }

    [Fact]
    public void EvaluateMeasuresTheHeldOutSplitAsTrainingDid()
    {
        var result = Ae.Run("recommend", "evaluate", "--model", runs.AutoRecFolder, "--threads", "1");
        Assert.True(result.ExitCode == 0, result.ToString());
        JsonElement metrics = Metrics(runs.AutoRecFolder);
        Assert.Equal(metrics.GetProperty("test_rmse").GetDouble(), Figure(result.Output, @"autorec: RMSE (\S+)"), 2e-4);
        Assert.Equal(metrics.GetProperty("test_mae").GetDouble(), Figure(result.Output, @"autorec: RMSE \S+  MAE (\S+)"), 2e-4);
        Assert.Equal(metrics.GetProperty("baselines").GetProperty("biases").GetProperty("test_rmse").GetDouble(), Figure(result.Output, @"biases: RMSE (\S+)"), 2e-4);

        var ranking = Ae.Run("recommend", "evaluate", "--model", runs.VaeFolder, "--threads", "1");
        Assert.True(ranking.ExitCode == 0, ranking.ToString());
        Assert.Equal(Metrics(runs.VaeFolder).GetProperty("recall_at_20").GetDouble(), Figure(ranking.Output, @"mult-vae: Recall@20 (\S+)"), 2e-4);
        Assert.Equal(Metrics(runs.VaeFolder).GetProperty("baselines").GetProperty("popularity").GetProperty("ndcg_at_100").GetDouble(),
            Figure(ranking.Output, @"popularity: Recall@20 \S+  Recall@50 \S+  NDCG@100 (\S+)"), 2e-4);
    }

    private static double Figure(string output, string pattern)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, pattern);
        Assert.True(match.Success, $"{pattern} not in: {output}");
        return Number(match.Groups[1].Value);
    }

    [Theory]
    [InlineData("autorec")]
    [InlineData("vae")]
    public void TopNeverReturnsAnItemTheUserRated(string which)
    {
        string folder = which == "autorec" ? runs.AutoRecFolder : runs.VaeFolder;
        RecommenderModel model = RecommenderModel.Load(folder, new CpuBackend(threads: 1));
        foreach (string user in new[] { "1", "17", "150" })
        {
            var result = Ae.Run("recommend", "top", "--model", folder, "--user", user, "--count", "15", "--threads", "1");
            Assert.True(result.ExitCode == 0, result.ToString());
            string[] rows = [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => !l.StartsWith("rank,", StringComparison.Ordinal)).Skip(1)];
            Assert.Equal(15, rows.Length);
            var rated = model.Ratings.ColumnsOf(model.Users.Find(user)).ToArray().Select(i => model.Items[i]).ToHashSet();
            Assert.NotEmpty(rated);
            foreach (string row in rows)
            {
                string[] cells = row.Split(',');
                Assert.DoesNotContain(cells[1], rated);
                Assert.StartsWith("\"Synthetic film", string.Join(',', cells[3..])); // titles with commas are quoted
            }
            double[] scores = [.. rows.Select(r => Number(r.Split(',')[2]))];
            Assert.Equal(scores.OrderDescending(), scores);
        }
    }

    [Theory]
    [InlineData("autorec")]
    [InlineData("vae")]
    public void SimilarNeverReturnsTheItemItself(string which)
    {
        string folder = which == "autorec" ? runs.AutoRecFolder : runs.VaeFolder;
        foreach (string item in new[] { "1", "42", "399" })
        {
            var result = Ae.Run("recommend", "similar", "--model", folder, "--item", item, "--count", "8", "--threads", "1");
            Assert.True(result.ExitCode == 0, result.ToString());
            string[] rows = [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => !l.StartsWith("rank,", StringComparison.Ordinal)).Skip(1)];
            Assert.Equal(8, rows.Length);
            Assert.DoesNotContain(item, rows.Select(r => r.Split(',')[1]));
            double[] cosines = [.. rows.Select(r => Number(r.Split(',')[2]))];
            Assert.Equal(cosines.OrderDescending(), cosines);
            Assert.All(cosines, c => Assert.InRange(c, -1.0001, 1.0001));
        }
    }

    [Fact]
    public void MultVaeMetricsHoldTheRankingFiguresAndPopularity()
    {
        Assert.True(runs.Vae.ExitCode == 0, runs.Vae.ToString());
        JsonElement metrics = Metrics(runs.VaeFolder);
        foreach (string name in new[] { "recall_at_20", "recall_at_50", "ndcg_at_100" })
        {
            Assert.InRange(metrics.GetProperty(name).GetDouble(), 0.0, 1.0);
            Assert.InRange(metrics.GetProperty("baselines").GetProperty("popularity").GetProperty(name).GetDouble(), 0.01, 1.0);
        }
        FileAssert.IsPng(Path.Combine(runs.VaeFolder, "recall.png"));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(runs.VaeFolder, "history.csv")).Length);
    }

    [Fact]
    public void ALambdaThatIsNeitherAutoNorANumberIsAUsageError()
    {
        string output = Path.Combine(runs.NewFolder(), "out");
        var result = Ae.Run("recommend", "train", "--data", runs.Ratings, "--lambda", "strong", "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--lambda: expected auto or a number, received \"strong\"", result.Error);
        Assert.False(Directory.Exists(output), $"{output} was created");
    }

    [Theory]
    [InlineData("userId,movieId,rating\n1,10,4\n2,10,3\n1,10,5\n", "line 4: user 1 rated item 10 already on line 2")]
    [InlineData("userId,movieId,rating\n1,10,4\n2,10,5.5\n", "line 3: rating 5.5 is outside the scale 0.5–5")]
    [InlineData("userId,movieId,rating\n1,10,four\n", "line 2: expected a numeric rating, received \"four\"")]
    [InlineData("user,item\n1,10\n", "no rating column in the header")]
    public void BadRatingsExitTwoWithOneLineAndWriteNothing(string contents, string subject)
    {
        string folder = runs.NewFolder();
        Directory.CreateDirectory(folder);
        string data = Path.Combine(folder, "ratings.csv"), output = Path.Combine(folder, "out");
        File.WriteAllText(data, contents);
        var result = Ae.Run("recommend", "train", "--data", data, "--epochs", "1", "--out", output);
        FileAssert.IsBadInput(result, subject);
        Assert.Contains(data, result.Error);
        Assert.False(Directory.Exists(output), $"{output} was created");
    }

    [Fact]
    public void TheRealBinaryRefusesARatingOffTheDeclaredScale()
    {
        string folder = runs.NewFolder();
        Directory.CreateDirectory(folder);
        string data = Path.Combine(folder, "u.data");
        File.WriteAllText(data, "1\t1\t5\t0\n1\t2\t3\t0\n");
        var result = Ae.RunBinary("recommend", "train", "--data", data, "--scale", "1-4", "--out", Path.Combine(folder, "out"));
        FileAssert.IsBadInput(result, $"{data}: line 1: rating 5 is outside the scale 1–4");
    }

    [Fact]
    public void AGivenTestFileIsMeasuredAndItsUnseenUsersGoToTheFallback()
    {
        // u1.base / u1.test as ML-100K ships them: the test file holds a user (9) and an item (77) with no training rating.
        string folder = runs.NewFolder();
        Directory.CreateDirectory(folder);
        var lines = File.ReadAllLines(runs.Ratings).Skip(1).Select(l => l.Split(',')).ToList();
        File.WriteAllLines(Path.Combine(folder, "u1.base"), lines.Where((c, i) => i % 10 != 0 && c[0] != "9" && c[1] != "77").Select(c => $"{c[0]}\t{c[1]}\t{c[2]}\t0"));
        File.WriteAllLines(Path.Combine(folder, "u1.test"), lines.Where((c, i) => i % 10 == 0 || c[0] == "9" || c[1] == "77").Select(c => $"{c[0]}\t{c[1]}\t{c[2]}\t0"));
        int unseen = lines.Count(c => c[0] == "9" || c[1] == "77");
        string model = Path.Combine(folder, "model");
        var result = Ae.Run("recommend", "train", "--data", Path.Combine(folder, "u1.base"), "--test", Path.Combine(folder, "u1.test"),
            "--hidden", "16", "--epochs", "1", "--mf-epochs", "1", "--threads", "1", "--out", model);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"; {unseen:N0} test ratings have a user or item with no training rating", result.Output);
        JsonElement metrics = Metrics(model);
        Assert.Equal(unseen, metrics.GetProperty("fallback_predictions").GetInt32());
        Assert.Equal(lines.Count - File.ReadAllLines(Path.Combine(folder, "u1.base")).Length, metrics.GetProperty("test_ratings").GetInt32());
    }

    [Theory]
    [InlineData("top", "--user", "nobody", "--user: no user \"nobody\" in the model")]
    [InlineData("similar", "--item", "nothing", "--item: no item \"nothing\" in the model")]
    public void AnUnknownIdExitsTwo(string command, string option, string id, string subject) =>
        FileAssert.IsBadInput(Ae.Run("recommend", command, "--model", runs.AutoRecFolder, option, id), subject);

    [Fact]
    public void AFolderThatIsNotARecommenderExitsTwo()
    {
        string folder = runs.NewFolder();
        Directory.CreateDirectory(folder);
        FileAssert.IsBadInput(Ae.Run("recommend", "top", "--model", folder, "--user", "1"), "no model.safetensors here");
    }
}
