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

        var options = new AutoRecOptions
        {
            ItemBased = settings.Kind == "autorec", Hidden = settings.Hidden, Regularization = settings.Lambda ?? RegularizationSearch.Start,
            InputDropout = settings.InputDropout, Residuals = !settings.RawInputs, LearningRate = settings.LearningRate, Batch = settings.Batch,
            Epochs = settings.Epochs, Seed = settings.Seed,
        };
        int epochs = settings.Epochs;
        IReadOnlyList<RegularizationTrial>? trials = null;
        double searchSeconds = 0;
        if (settings.Lambda is null)
        {
            stopwatch.Restart();
            output.WriteLine($"choosing λ and the epochs on {RegularizationSearch.ValidationFraction:P0} of the training ratings (the test ratings are not used)");
            (RegularizationTrial best, trials) = RegularizationSearch.Run(split, options, backend, trial => output.WriteLine(
                $"  λ {trial.Lambda,-6} validation RMSE {trial.ValidationRmse:F4} at epoch {trial.BestEpoch} of {trial.EpochsRun}  {stopwatch.Elapsed.TotalSeconds:F1} s"));
            (options, epochs, searchSeconds) = (options with { Regularization = best.Lambda }, best.BestEpoch, stopwatch.Elapsed.TotalSeconds);
            output.WriteLine($"chose λ {best.Lambda} and {epochs} epochs; training on all the training ratings");
        }
        var history = new List<double[]>();
        RatingErrors testErrors = default;
        int fallbackCount = 0;
        stopwatch.Restart();
        var (model, _) = AutoRecTraining.Fit(split, biases, options, epochs, backend, epoch =>
        {
            (testErrors, fallbackCount) = (epoch.Test, epoch.FallbackCount);
            history.Add([epoch.Epoch, epoch.TrainRmse, epoch.Test.Rmse, epoch.Test.Mae, stopwatch.Elapsed.TotalSeconds]);
            output.WriteLine($"epoch {epoch.Epoch}/{epochs}  train RMSE {epoch.TrainRmse:F4}  test RMSE {epoch.Test.Rmse:F4}  MAE {epoch.Test.Mae:F4}  {stopwatch.Elapsed.TotalSeconds:F1} s");
            return true;
        });
        double trainSeconds = stopwatch.Elapsed.TotalSeconds;

        string folder = settings.Out;
        new RecommenderModel(model, null, split.Users, split.Items, titles, split.Train, biases, split.Scale)
            .Save(folder, new Dictionary<string, string> { ["lambda"] = options.Regularization.ToString(CultureInfo.InvariantCulture) });
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
            ["epochs"] = epochs,
            ["lambda"] = options.Regularization,
            ["lambda_chosen_on_validation"] = trials is not null,
            ["lambda_search"] = trials?.Select(t => new Dictionary<string, object>
            {
                ["lambda"] = t.Lambda, ["validation_rmse"] = RecommendOutputs.Round(t.ValidationRmse), ["best_epoch"] = t.BestEpoch, ["epochs_run"] = t.EpochsRun,
            }).ToList(),
            ["inputs"] = options.Residuals ? "residuals of the biases" : "raw ratings",
            ["train_seconds"] = Math.Round(trainSeconds, 2),
            ["lambda_search_seconds"] = Math.Round(searchSeconds, 2),
            ["baselines"] = baselineErrors.ToDictionary(b => b.Name, b => (object)new Dictionary<string, double>
            {
                ["test_rmse"] = RecommendOutputs.Round(b.Errors.Rmse),
                ["test_mae"] = RecommendOutputs.Round(b.Errors.Mae),
            }),
        });
        output.WriteLine($"{model.Kind} (λ {options.Regularization}, {epochs} epochs): test RMSE {testErrors.Rmse:F4}, MAE {testErrors.Mae:F4} ({fallbackCount:N0} of {split.Test.Count:N0} by the fallback); "
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
