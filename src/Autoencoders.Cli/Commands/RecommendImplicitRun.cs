using System.Diagnostics;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Data.Ratings;
using Autoencoders.Nn.Optimizers;
using Autoencoders.Nn.Recommendation;
using Autoencoders.Tensors.Backends;

namespace Autoencoders.Cli.Commands;

/// <summary>Mult-VAE / Mult-DAE on implicit feedback (<c>ae recommend train --model mult-vae|mult-dae</c>), by the
/// strong-generalisation protocol, with popularity's Recall and NDCG on the same held-out users.</summary>
internal static class RecommendImplicitRun
{
    public const string FoldInFile = "foldin.bin", HeldOutFile = "heldout.bin", TrainFile = "train.bin";

    public static void Run(RecommendSettings settings, RatingLog log, IReadOnlyDictionary<string, string> titles, IComputeBackend backend, TextWriter output)
    {
        RatingMatrix all = log.ToMatrix();
        ImplicitSplit split;
        try
        {
            split = ImplicitSplit.Create(log.Users, log.Items, all, settings.TestFraction, settings.Seed);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{log.Path}: {error.Message}");
        }
        output.WriteLine($"strong generalisation: {split.Train.Rows:N0} training users ({split.Train.Count:N0} positives above {ImplicitSplit.PositiveAbove}), "
            + $"{split.HeldOutUsers.Length:N0} held-out users ({split.FoldIn.Count:N0} fold-in, {split.HeldOut.Count:N0} to predict)");

        var popularity = new PopularityRanker(split.Train);
        RankingMetrics popular = RankingMetrics.Measure(split.FoldIn, split.HeldOut, (_, count) => popularity.Scores(count));
        output.WriteLine($"baseline popularity   Recall@20 {popular.Recall20:F4}  Recall@50 {popular.Recall50:F4}  NDCG@100 {popular.Ndcg100:F4}");

        var model = new MultVae(settings.Kind == "mult-vae", log.Items.Count, settings.Hidden, settings.Latent, settings.Seed, backend);
        int stepsPerEpoch = (Enumerable.Range(0, split.Train.Rows).Count(r => split.Train.CountOf(r) > 0) + settings.Batch - 1) / settings.Batch;
        model.AnnealSteps = settings.Epochs * stepsPerEpoch;
        var optimizer = new Adam(settings.LearningRate);
        var random = new DeterministicRandom(settings.Seed ^ 0x3417);
        var history = new List<double[]>();
        RankingMetrics metrics = popular;
        var stopwatch = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            double loss = model.TrainEpoch(split.Train, optimizer, settings.Batch, random, epoch);
            metrics = RankingMetrics.Measure(split.FoldIn, split.HeldOut, (start, count) => model.Scores(split.FoldIn, [.. Enumerable.Range(start, count)]));
            history.Add([epoch, loss, model.Beta, metrics.Recall20, metrics.Recall50, metrics.Ndcg100, stopwatch.Elapsed.TotalSeconds]);
            output.WriteLine($"epoch {epoch}/{settings.Epochs}  loss {loss:F3}  β {model.Beta:F3}  Recall@20 {metrics.Recall20:F4}  NDCG@100 {metrics.Ndcg100:F4}  {stopwatch.Elapsed.TotalSeconds:F1} s");
        }
        double trainSeconds = stopwatch.Elapsed.TotalSeconds;

        string folder = settings.Out;
        new RecommenderModel(null, model, log.Users, log.Items, titles, all, new BiasBaseline(all), log.Scale).Save(folder);
        RatingMatrixFile.Write(Path.Combine(folder, TrainFile), split.Train); // popularity's counts, for evaluate
        RatingMatrixFile.Write(Path.Combine(folder, FoldInFile), split.FoldIn);
        RatingMatrixFile.Write(Path.Combine(folder, HeldOutFile), split.HeldOut);
        RecommendOutputs.WriteHistory(Path.Combine(folder, "history.csv"), ["epoch", "loss", "beta", "recall_at_20", "recall_at_50", "ndcg_at_100", "seconds"], history);
        RecommendOutputs.WriteFigure(Path.Combine(folder, "recall.png"), $"{model.Kind}: held-out users by epoch", "Recall@20, NDCG@100",
            [("recall_at_20", [.. history.Select(h => h[3])]), ("ndcg_at_100", [.. history.Select(h => h[5])])],
            [("popularity recall_at_20", popular.Recall20), ("popularity ndcg_at_100", popular.Ndcg100)]);
        RecommendOutputs.WriteMetrics(Path.Combine(folder, "metrics.json"), Metrics(model.Kind, metrics, popular, settings.Epochs, trainSeconds));
        output.WriteLine($"{model.Kind}: Recall@20 {metrics.Recall20:F4}, Recall@50 {metrics.Recall50:F4}, NDCG@100 {metrics.Ndcg100:F4} over {metrics.Users:N0} held-out users; "
            + $"popularity {popular.Recall20:F4}, {popular.Recall50:F4}, {popular.Ndcg100:F4}");
    }

    public static Dictionary<string, object?> Metrics(string kind, RankingMetrics model, RankingMetrics popular, int? epochs, double? seconds) => new()
    {
        ["model"] = kind,
        ["recall_at_20"] = RecommendOutputs.Round(model.Recall20),
        ["recall_at_50"] = RecommendOutputs.Round(model.Recall50),
        ["ndcg_at_100"] = RecommendOutputs.Round(model.Ndcg100),
        ["heldout_users"] = model.Users,
        ["epochs"] = epochs,
        ["train_seconds"] = seconds is { } s ? Math.Round(s, 2) : null,
        ["baselines"] = new Dictionary<string, object>
        {
            ["popularity"] = new Dictionary<string, double>
            {
                ["recall_at_20"] = RecommendOutputs.Round(popular.Recall20),
                ["recall_at_50"] = RecommendOutputs.Round(popular.Recall50),
                ["ndcg_at_100"] = RecommendOutputs.Round(popular.Ndcg100),
            },
        },
    };
}
