using System.Diagnostics;
using System.Globalization;
using System.Text;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Recommendation;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Cli.Commands;

/// <summary>AutoRec on explicit ratings (<c>ae recommend train --model autorec|autorec-user</c>): the baselines on the same
/// split, then the model epoch by epoch, its test RMSE and MAE after each.</summary>
internal static class RecommendExplicitRun
{
    public static void Run(RecommendSettings settings, RatingLog log, RatingLog? testLog, IReadOnlyDictionary<string, string> titles, IComputeBackend backend, TextWriter output)
    {
        ExplicitSplit split = testLog is null ? ExplicitSplit.Random(log, settings.TestFraction, settings.Seed) : ExplicitSplit.Given(log, testLog);
        int unseen = split.UnseenIn(split.Test);
        output.WriteLine($"split: {split.Train.Count:N0} training ratings, {split.Test.Count:N0} test ratings "
            + (testLog is null ? $"(seeded random {1 - settings.TestFraction:P0}/{settings.TestFraction:P0})" : $"from {testLog.Path}")
            + $"; {unseen:N0} test ratings have a user or item with no training rating and are predicted by the biases' fallback");

        var stopwatch = Stopwatch.StartNew();
        output.WriteLine($"fitting the baselines (biased MF: {settings.MatrixFactorizationEpochs} SGD epochs)");
        var biases = new BiasBaseline(split.Train);
        IRatingPredictor[] baselines = [new GlobalMeanBaseline(split.Train), new ItemMeanBaseline(split.Train), biases, new BiasedMatrixFactorization(split.Train, epochs: settings.MatrixFactorizationEpochs, seed: settings.Seed + 1)];
        var baselineErrors = baselines.Select(b => (b.Name, Errors: RatingErrors.Measure(b, split.Test, split.Scale))).ToList();
        foreach (var (name, errors) in baselineErrors)
            output.WriteLine($"baseline {name,-12} test RMSE {errors.Rmse:F4}  MAE {errors.Mae:F4}");
        output.WriteLine($"baselines fitted in {stopwatch.Elapsed.TotalSeconds:F1} s");

        bool itemBased = settings.Kind == "autorec";
        var model = new AutoRec(itemBased, itemBased ? split.Train.Rows : split.Train.Columns, settings.Hidden, settings.Seed, backend)
        {
            Regularization = settings.Lambda,
            InputDropout = settings.InputDropout,
        };
        RatingMatrix rows = model.RowsOf(split.Train);
        model.StartOutputBiasAtMeans(rows);
        var optimizer = new Adam(settings.LearningRate);
        var random = new DeterministicRandom(settings.Seed ^ 0xA07E5EC);
        var history = new List<double[]>();
        RatingErrors testErrors = default;
        int fallbackCount = 0;
        stopwatch.Restart();
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            double trainRmse = model.TrainEpoch(rows, optimizer, settings.Batch, random, epoch);
            float[] predictions = model.Predict(rows, split.Test, biases, out fallbackCount);
            testErrors = RatingErrors.Measure(predictions, split.Test, split.Scale);
            history.Add([epoch, trainRmse, testErrors.Rmse, testErrors.Mae, stopwatch.Elapsed.TotalSeconds]);
            output.WriteLine($"epoch {epoch}/{settings.Epochs}  train RMSE {trainRmse:F4}  test RMSE {testErrors.Rmse:F4}  MAE {testErrors.Mae:F4}  {stopwatch.Elapsed.TotalSeconds:F1} s");
        }
        double trainSeconds = stopwatch.Elapsed.TotalSeconds;

        string folder = settings.Out;
        new RecommenderModel(model, null, split.Users, split.Items, titles, split.Train, biases, split.Scale)
            .Save(folder, new Dictionary<string, string> { ["lambda"] = settings.Lambda.ToString(CultureInfo.InvariantCulture) });
        WriteTestRatings(Path.Combine(folder, "test.csv"), split);
        RecommendOutputs.WriteHistory(Path.Combine(folder, "history.csv"), ["epoch", "train_rmse", "test_rmse", "test_mae", "seconds"], history);
        RecommendOutputs.WriteFigure(Path.Combine(folder, "rmse.png"), $"{model.Kind}: RMSE by epoch", "RMSE",
            [("train_rmse", [.. history.Select(h => h[1])]), ("test_rmse", [.. history.Select(h => h[2])])],
            [.. baselineErrors.Where(b => b.Name is "biases" or "biased_mf").Select(b => ($"{b.Name} (test)", b.Errors.Rmse))]);
        RecommendOutputs.WriteMetrics(Path.Combine(folder, "metrics.json"), new Dictionary<string, object?>
        {
            ["model"] = model.Kind,
            ["test_rmse"] = RecommendOutputs.Round(testErrors.Rmse),
            ["test_mae"] = RecommendOutputs.Round(testErrors.Mae),
            ["test_ratings"] = split.Test.Count,
            ["fallback_predictions"] = fallbackCount,
            ["fallback"] = "biases (users or items with no training rating)",
            ["epochs"] = settings.Epochs,
            ["train_seconds"] = Math.Round(trainSeconds, 2),
            ["baselines"] = baselineErrors.ToDictionary(b => b.Name, b => (object)new Dictionary<string, double>
            {
                ["test_rmse"] = RecommendOutputs.Round(b.Errors.Rmse),
                ["test_mae"] = RecommendOutputs.Round(b.Errors.Mae),
            }),
        });
        output.WriteLine($"{model.Kind}: test RMSE {testErrors.Rmse:F4}, MAE {testErrors.Mae:F4} ({fallbackCount:N0} of {split.Test.Count:N0} by the fallback); "
            + string.Join(", ", baselineErrors.Select(b => $"{b.Name} {b.Errors.Rmse:F4}")));
    }

    /// <summary>The test ratings with their original ids, for <c>ae recommend evaluate</c> to read back.</summary>
    private static void WriteTestRatings(string path, ExplicitSplit split)
    {
        var text = new StringBuilder("userId,movieId,rating\n");
        for (int k = 0; k < split.Test.Count; k++)
            text.Append(CsvField.Quote(split.Users[split.Test.Users[k]])).Append(',').Append(CsvField.Quote(split.Items[split.Test.Items[k]])).Append(',')
                .Append(split.Test.Ratings[k].ToString(CultureInfo.InvariantCulture)).Append('\n');
        AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));
    }
}
